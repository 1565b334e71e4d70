import Foundation
import TestServerSupport
import Testing

@testable import Transport

/// One of the real IMAP servers that scripts/test-servers starts: Dovecot 2.3, Cyrus IMAP 3.6 and
/// Courier-IMAP 5.0 (scripts/servers/). Tests that take `IMAPServer.all` run once per server.
struct IMAPServer: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable, CaseIterable {
        case dovecot, cyrus, courier
    }

    let kind: Kind
    var testDescription: String { kind.rawValue }

    /// Every server whose port is in the environment; under CI all three, so that a missing one fails.
    static var all: [IMAPServer] {
        guard TestServers.shouldRun else { return [] }
        let env = TestServers.environment
        return Kind.allCases.filter { env[portVariable($0)] != nil || env["CI"] != nil }.map(IMAPServer.init)
    }

    static func portVariable(_ kind: Kind) -> String {
        switch kind {
        case .dovecot: "LEARNMAIL_TEST_IMAP_PORT"
        case .cyrus: "LEARNMAIL_TEST_CYRUS_PORT"
        case .courier: "LEARNMAIL_TEST_COURIER_PORT"
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var kind: Kind
        var description: String {
            "\(kind) is not running: scripts/test-servers start DIR starts it (\(IMAPServer.portVariable(kind)))"
        }
    }

    func port() throws -> Int {
        guard let port = TestServers.environment[Self.portVariable(kind)].flatMap(Int.init) else {
            throw Missing(kind: kind)
        }
        return port
    }

    /// What a configured processed folder `name` becomes: Dovecot's personal namespace has no prefix,
    /// Cyrus and Courier keep personal folders under `INBOX.` with `.` as separator.
    func resolved(_ name: String) -> String {
        kind == .dovecot ? name : "INBOX." + name
    }

    /// Plain IMAP on loopback (Cyrus and Courier are set up without TLS).
    func mailbox(_ user: String, folder: String = "INBOX", processedFolder: String? = nil) throws -> IMAPMailbox {
        let servers = try TestServers.require()
        return try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://\(servers.host):\(try port())/\(folder)", username: user, password: servers.password,
                allowPlaintext: true, processedFolder: processedFolder, timeoutSeconds: 20))
    }
}
