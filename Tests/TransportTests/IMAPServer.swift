import Foundation
import TestServerSupport
import Testing

@testable import Transport

/// One of the real IMAP servers that scripts/test-servers starts: Dovecot 2.3, Cyrus IMAP 3.6 and
/// Courier-IMAP 5.0 (scripts/servers/). Tests that take `IMAPServer.all` run once per server.
struct IMAPServer: Sendable, CustomTestStringConvertible {
    typealias Kind = TestIMAPServer

    let kind: Kind
    var testDescription: String { kind.rawValue }

    /// Every server whose port is in the environment; under CI all three, so that a missing one fails.
    static var all: [IMAPServer] {
        guard TestServers.shouldRun else { return [] }
        return Kind.running.map(IMAPServer.init)
    }

    func port() throws -> Int { try kind.port() }

    /// What a configured processed folder `name` becomes (`TestIMAPServer.folder(_:)`).
    func resolved(_ name: String) -> String { kind.folder(name) }

    /// Plain IMAP on loopback (Cyrus and Courier are set up without TLS).
    func mailbox(_ user: String, folder: String = "INBOX", processedFolder: String? = nil) throws -> IMAPMailbox {
        let servers = try TestServers.require()
        return try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://\(servers.host):\(try port())/\(folder)", username: user, password: servers.password,
                allowPlaintext: true, processedFolder: processedFolder, timeoutSeconds: 20))
    }
}
