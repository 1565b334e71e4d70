import Foundation
import Testing

@testable import Transport

/// IMAPIdle against a scripted server: what it sends, what it makes of the answers. (The real
/// Dovecot is in LearnMailCLITests/IMAPIdleTests.)
@Suite("IMAP IDLE (scripted server)")
struct IMAPIdleScriptTests {
    /// A server that logs in anyone and offers `capabilities`; IDLE is answered "+ idling" and then,
    /// once, `* 1 EXISTS`.
    static func server(capabilities: String) throws -> FakeServer {
        let idleTag = SharedValue("")
        return try FakeServer(greeting: "* OK [CAPABILITY \(capabilities)] fake ready") { line in
            if line == "DONE" { return ["\(idleTag.get()) OK IDLE done"] }
            let tag = ErrorPathTests.tag(line)
            let command = line.dropFirst(tag.count + 1).uppercased()
            if command.hasPrefix("CAPABILITY") { return ["* CAPABILITY \(capabilities)", "\(tag) OK done"] }
            if command.hasPrefix("LOGIN") || command.hasPrefix("AUTHENTICATE") { return ["\(tag) OK logged in"] }
            if command.hasPrefix("SELECT") {
                return ["* 0 EXISTS", "* OK [UIDVALIDITY 7] ok", "\(tag) OK [READ-WRITE] selected"]
            }
            if command.hasPrefix("IDLE") {
                idleTag.set(tag)
                return ["+ idling", "* 1 EXISTS", "* 1 RECENT"]
            }
            if command.hasPrefix("LOGOUT") { return ["* BYE", "\(tag) OK bye"] }
            return ["\(tag) BAD unexpected"]
        }
    }

    static func idle(_ server: FakeServer, refresh: Int = 60) throws -> IMAPIdle {
        try IMAPIdle(
            IMAPConfiguration(
                url: "imap://127.0.0.1:\(server.port)/INBOX", username: "u", password: "p", allowPlaintext: true,
                timeoutSeconds: 5), refreshSeconds: refresh)
    }

    @Test func aServerWithoutIdleIsToldAndNothingIsSelected() throws {
        let server = try Self.server(capabilities: "IMAP4rev1")
        defer { server.stop() }
        let ending = try Self.idle(server).watch(connected: {}, changed: {})
        #expect(ending == .unsupported)
        #expect(!server.lines.contains { $0.uppercased().contains("SELECT") })
    }

    @Test func newMailIsAnnouncedOnceAndStopEndsTheWatchAtOnce() throws {
        let server = try Self.server(capabilities: "IMAP4rev1 IDLE")
        defer { server.stop() }
        let idle = try Self.idle(server)
        var connected = 0
        var changes = 0
        let started = Date()
        let ending = try idle.watch(
            connected: { connected += 1 },
            changed: {
                changes += 1
                idle.stop()
            })
        #expect(ending == .stopped)
        #expect(connected == 1 && changes == 1, "EXISTS counts, RECENT does not")
        #expect(Date().timeIntervalSince(started) < 3)
        // The watch ends as soon as DONE is written; the scripted server may read it a moment later.
        let deadline = Date().addingTimeInterval(5)
        while !server.lines.contains(where: { $0.uppercased() == "DONE" }), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        let sent = server.lines.map { $0.uppercased() }
        #expect(sent.contains { $0.hasSuffix(" SELECT \"INBOX\"") || $0.hasSuffix(" SELECT INBOX") }, "\(sent)")
        #expect(sent.contains { $0.hasSuffix(" IDLE") } && sent.contains("DONE"), "\(sent)")
    }

    @Test func idleIsReissuedAtTheRefreshTime() throws {
        let server = try Self.server(capabilities: "IMAP4rev1 IDLE")
        defer { server.stop() }
        let idle = try Self.idle(server, refresh: 1)
        var refreshes = 0
        _ = try idle.watch(
            connected: {}, changed: {},
            refreshed: {
                refreshes += 1
                if refreshes == 2 { idle.stop() }
            })
        #expect(refreshes == 2)
        #expect(server.lines.filter { $0.uppercased().hasSuffix(" IDLE") }.count == 3)
    }

    @Test func aRefusedLoginIsThrown() throws {
        let server = try ErrorPathTests.imapServer(loginOK: false, capabilities: "IMAP4rev1 AUTH=PLAIN IDLE")
        defer { server.stop() }
        #expect {
            _ = try Self.idle(server).watch(connected: {}, changed: {})
        } throws: { error in
            guard case .loginRejected = error as? TransportError else { return false }
            return true
        }
    }
}

/// A value shared with the fake server's thread.
final class SharedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ newValue: Value) { lock.withLock { value = newValue } }
}
