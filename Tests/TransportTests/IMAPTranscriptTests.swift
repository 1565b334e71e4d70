import Foundation
import IMAP
import Testing

@testable import Transport

/// Whole-transcript tests against scripted IMAP servers that behave like Courier and Cyrus (docs/SERVERS.md):
/// what learnmail sends, in order, without the real servers.
@Suite struct IMAPTranscriptTests {
    /// A server script: capabilities, the NAMESPACE reply, and which commands it refuses.
    struct Script: Sendable {
        var capabilities: String
        var namespace: String
        var refusesKeywords = false
        var existing: [String] = []
        var uidNext: UInt32 = 6
        var uids: [UInt32] = []
        /// Closes the connection without answering the n-th NOOP (a server restart or idle timeout).
        var dropOnNoop: Int?
    }

    /// Dovecot's answer to `UID SEARCH UID a:b` (or `a:*`): the UIDs in range, and for `*` the highest UID
    /// even when it is below a; Courier's empty `* SEARCH` when there are no UIDs at all.
    static func search(_ command: String, _ uids: [UInt32]) -> String {
        let range = command.split(separator: " ").last.map(String.init) ?? ""
        let parts = range.split(separator: ":")
        let low = UInt32(parts.first ?? "") ?? 1
        let high = parts.count > 1 ? (parts[1] == "*" ? nil : UInt32(parts[1])) : low
        var found = uids.filter { $0 >= low && $0 <= (high ?? UInt32.max) }
        if high == nil, found.isEmpty, let top = uids.max() { found = [top] }
        return (["* SEARCH"] + found.map(String.init)).joined(separator: " ")
    }

    final class State: @unchecked Sendable {
        let lock = NSLock()
        var created: [String] = []
        var noops = 0
    }

    static func server(_ script: Script) throws -> FakeServer {
        let state = State()
        return try FakeServer(greeting: "* OK [CAPABILITY IMAP4rev1] fake ready") { line in
            let tag = String(line.prefix { $0 != " " })
            let command = String(line.dropFirst(tag.count + 1))
            let upper = command.uppercased()
            let ok = "\(tag) OK done"
            if upper.hasPrefix("CAPABILITY") { return ["* CAPABILITY \(script.capabilities)", ok] }
            if upper.hasPrefix("LOGIN") { return ["\(tag) OK logged in"] }
            if upper.hasPrefix("SELECT") {
                return [
                    "* FLAGS (\\Seen \\Deleted)", "* 3 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [UIDNEXT 6] ok",
                    "\(tag) OK [READ-WRITE] selected",
                ]
            }
            if upper.hasPrefix("NOOP") {
                let count = state.lock.withLock {
                    state.noops += 1
                    return state.noops
                }
                return count == script.dropOnNoop ? nil : [ok]
            }
            if upper.hasPrefix("STATUS") {
                return [
                    "* STATUS \"INBOX\" (MESSAGES \(script.uids.count) UIDNEXT \(script.uidNext) UIDVALIDITY 7)", ok,
                ]
            }
            if upper.hasPrefix("UID SEARCH") { return [IMAPTranscriptTests.search(command, script.uids), ok] }
            if upper.hasPrefix("NAMESPACE") { return ["* NAMESPACE \(script.namespace) NIL NIL", ok] }
            if upper.hasPrefix("LIST") {
                let name = command.split(separator: "\"").last.map(String.init) ?? ""
                let known = state.lock.withLock { state.created + script.existing }
                return known.contains(name) ? ["* LIST (\\HasNoChildren) \".\" \"\(name)\"", ok] : [ok]
            }
            if upper.hasPrefix("CREATE") {
                let name = command.split(separator: "\"").last.map(String.init) ?? ""
                state.lock.withLock { state.created.append(name) }
                return [ok]
            }
            if upper.hasPrefix("UID STORE"), upper.contains("$LEARNMAILDONE"), script.refusesKeywords {
                return ["\(tag) NO [CANNOT] keywords are not allowed here"]
            }
            if upper.hasPrefix("UID MOVE") && !script.capabilities.contains("MOVE") {
                return ["\(tag) BAD unknown command"]
            }
            if upper.hasPrefix("UID") { return [ok] }
            if upper.hasPrefix("LOGOUT") { return ["* BYE", ok] }
            return ["\(tag) BAD unexpected \(command)"]
        }
    }

    /// The commands the client sent, without tags, LOGIN, and CAPABILITY probes.
    static func commands(_ server: FakeServer) -> [String] {
        server.lines.map { String($0.drop { $0 != " " }.dropFirst()) }
            .filter { !$0.hasPrefix("LOGIN") && !$0.hasPrefix("CAPABILITY") && !$0.hasPrefix("LOGOUT") }
    }

    static func mailbox(_ server: FakeServer, processedFolder: String?) throws -> IMAPMailbox {
        try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://127.0.0.1:\(server.port)/INBOX", username: "u", password: "p", allowPlaintext: true,
                processedFolder: processedFolder, timeoutSeconds: 5))
    }

    @Test func courierPollAndHandleUsesNamespaceCopyAndExpunge() throws {
        let server = try Self.server(
            Script(capabilities: "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE", namespace: "((\"INBOX.\" \".\"))"))
        defer { server.stop() }
        let mailbox = try Self.mailbox(server, processedFolder: "Processed")
        let status = try mailbox.status()
        #expect(status == MailboxStatus(uidValidity: UIDValidity(7), uidNext: UID(6), messages: 0))
        #expect(try mailbox.uids(from: UID(6)).isEmpty)
        try mailbox.markHandled(UID(5))
        try mailbox.markHandled(UID(4))  // folder known now: no second LIST/CREATE
        #expect(server.lines.filter { $0.uppercased().contains(" LOGIN ") }.count == 1)  // one reused connection
        #expect(
            Self.commands(server) == [
                "SELECT INBOX", "NOOP", "STATUS \"INBOX\" (UIDVALIDITY UIDNEXT MESSAGES)", "UID SEARCH UID 6:*",
                "NAMESPACE", "LIST \"\" \"INBOX.Processed\"", "CREATE \"INBOX.Processed\"",
                "UID COPY 5 \"INBOX.Processed\"", "UID STORE 5 +FLAGS.SILENT (\\Deleted)", "UID EXPUNGE 5",
                "UID COPY 4 \"INBOX.Processed\"", "UID STORE 4 +FLAGS.SILENT (\\Deleted)", "UID EXPUNGE 4",
            ])
    }

    @Test func cyrusWithMoveMovesIntoExistingFolder() throws {
        let server = try Self.server(
            Script(
                capabilities: "IMAP4rev1 UIDPLUS MOVE NAMESPACE", namespace: "((\"INBOX.\" \".\"))",
                existing: ["INBOX.Processed"]))
        defer { server.stop() }
        let mailbox = try Self.mailbox(server, processedFolder: "INBOX.Processed")
        try mailbox.markHandled(UID(3))
        #expect(
            Self.commands(server) == [
                "NAMESPACE", "LIST \"\" \"INBOX.Processed\"", "SELECT INBOX", "UID MOVE 3 \"INBOX.Processed\"",
            ])
    }

    @Test func searchesBoundedRangesThenTheOpenEnd() throws {
        let server = try Self.server(
            Script(
                capabilities: "IMAP4rev1 UIDPLUS", namespace: "NIL", uidNext: 90_001,
                uids: [1, 40_000, 40_001, 85_000, 90_000]))
        defer { server.stop() }
        let mailbox = try Self.mailbox(server, processedFolder: nil)
        _ = try mailbox.status()
        #expect(try mailbox.uids(from: UID(1)).map(\.value) == [1, 40_000, 40_001, 85_000, 90_000])
        #expect(try mailbox.uids(from: UID(90_001)).isEmpty)  // the highest UID below n is filtered out
        #expect(
            Self.commands(server).filter { $0.hasPrefix("UID SEARCH") } == [
                "UID SEARCH UID 1:20000", "UID SEARCH UID 20001:40000", "UID SEARCH UID 40001:60000",
                "UID SEARCH UID 60001:80000", "UID SEARCH UID 80001:*", "UID SEARCH UID 90001:*",
            ])
    }

    @Test func droppedConnectionIsReopenedForTheNextPoll() throws {
        let server = try Self.server(
            Script(capabilities: "IMAP4rev1", namespace: "NIL", uidNext: 4, uids: [1, 2, 3], dropOnNoop: 2))
        defer { server.stop() }
        let mailbox = try Self.mailbox(server, processedFolder: nil)
        #expect(try mailbox.status().messages == 3)
        #expect(try mailbox.status().messages == 3)  // NOOP went unanswered: sent again on a new connection
        #expect(try mailbox.uids(from: UID(2)).map(\.value) == [2, 3])
        let commands = Self.commands(server)
        #expect(commands.filter { $0 == "SELECT INBOX" }.count == 2)
        #expect(commands.filter { $0 == "NOOP" }.count == 3)
    }

    @Test func manyMessagesAreHandledWithOneCommandPerStep() throws {
        let server = try Self.server(
            Script(
                capabilities: "IMAP4rev1 UIDPLUS NAMESPACE", namespace: "((\"INBOX.\" \".\"))", existing: ["INBOX.Done"]
            ))
        defer { server.stop() }
        let mailbox = try Self.mailbox(server, processedFolder: "Done")
        try mailbox.markHandled([UID(3), UID(1), UID(2), UID(9)])
        try mailbox.markHandled([])
        #expect(
            Self.commands(server) == [
                "NAMESPACE", "LIST \"\" \"INBOX.Done\"", "SELECT INBOX", "UID COPY 1:3,9 \"INBOX.Done\"",
                "UID STORE 1:3,9 +FLAGS.SILENT (\\Deleted)", "UID EXPUNGE 1:3,9",
            ])
    }

    @Test func keywordRefusedFallsBackToSeen() throws {
        let server = try Self.server(
            Script(capabilities: "IMAP4rev1", namespace: "((\"\" \"/\"))", refusesKeywords: true))
        defer { server.stop() }
        let mailbox = try Self.mailbox(server, processedFolder: "Processed")  // no MOVE, no UIDPLUS: flag only
        try mailbox.markHandled(UID(2))
        let commands = Self.commands(server)
        #expect(commands.contains("UID STORE 2 +FLAGS.SILENT (\\Seen $LearnmailDone)"))
        #expect(commands.last == "UID STORE 2 +FLAGS.SILENT (\\Seen)")
        #expect(!commands.contains { $0.hasPrefix("CREATE") || $0.hasPrefix("UID COPY") })
    }
}
