import Foundation
import IMAP
import TestServerSupport
import Testing

@testable import Transport

/// The IMAP side of intake against each real server of scripts/test-servers (Dovecot, Cyrus, Courier):
/// a backlog over parallel connections, large messages, the processed folder and a new UIDVALIDITY.
/// Mail is put in place with APPEND, so every server is filled the same way. Each test has its own user.
@Suite(.enabled(if: TestServers.shouldRun), .timeLimit(.minutes(2)))
struct IMAPServersTests {
    /// A contribution-like message with CRLF line ends (as IMAP serves it), `padding` body lines long.
    static func message(_ token: String, padding: Int = 20) -> [UInt8] {
        let head = [
            "From: Pat Partner <partner@example.test>", "To: <learning@example.test>", "Subject: backlog \(token)",
            "Message-ID: <\(token)@example.test>", "Date: Mon, 23 Nov 2026 10:00:00 +0000", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "", "Token \(token).",
        ]
        let line = "A line of an ordinary contribution, long enough to look like one, about seventy bytes.\r\n"
        return Array((head.joined(separator: "\r\n") + "\r\n" + String(repeating: line, count: padding)).utf8)
    }

    /// Appends `messages` and returns the mailbox's status before, and the new UIDs in order.
    func fill(_ mailbox: IMAPMailbox, with messages: [[UInt8]]) throws -> (MailboxStatus, [UID]) {
        let before = try mailbox.status()
        for message in messages { try mailbox.append(message) }
        _ = try mailbox.status()
        return (before, try mailbox.uids(from: before.uidNext))
    }

    /// Cyrus tells every other session that has the mailbox selected about flag changes, as untagged
    /// `* n FETCH (FLAGS …)` lines before its next reply; fetching sets \Seen. libcurl 7.88 took such a line
    /// for the reply to its `UID FETCH` and failed with "Failed to parse FETCH response" (error 8).
    @Test(arguments: IMAPServer.all)
    func aBacklogIsFetchedWholeOverParallelConnections(_ server: IMAPServer) throws {
        let mailbox = try server.mailbox("imap1")
        for round in 0..<2 {
            let messages = (0..<40).map { _ in Self.message(TestServers.token()) }
            let (before, uids) = try fill(mailbox, with: messages)
            #expect(uids.count == 40, "round \(round): \(uids.count) new UIDs")
            var fetched: [UID: [UInt8]] = [:]
            var failures: [UID: TransportError] = [:]
            mailbox.fetch(uids, uidValidity: before.uidValidity, connections: 4) { uid, result in
                switch result {
                case .success(let bytes): fetched[uid] = bytes
                case .failure(let error): failures[uid] = error
                }
            }
            #expect(failures.isEmpty, "round \(round) on \(server.kind): \(failures.first.map { "\($0.value)" } ?? "")")
            let same = uids.compactMap { fetched[$0] } == messages  // a Bool: a failure must not print megabytes
            #expect(same, "round \(round): the bytes fetched are the bytes appended")
            // Flags set on the main connection are news for the fetch connections at their next command.
            try mailbox.markHandled(uids)
        }
    }

    /// Four 2 MB messages, each fetched on one reused connection and then over parallel ones: libcurl read
    /// up to its whole receive buffer (512 KiB) with the FETCH line and counted it toward its 300 KiB
    /// budget for response lines ("Too large response headers: 524288 > 307200").
    @Test(arguments: IMAPServer.all)
    func largeMessagesAreFetchedWholeOnOneConnection(_ server: IMAPServer) throws {
        let mailbox = try server.mailbox("imap4")
        let messages = (0..<4).map { _ in Self.message(TestServers.token(), padding: 2_000_000 / 90) }
        let (before, uids) = try fill(mailbox, with: messages)
        #expect(uids.count == 4)
        for (uid, message) in zip(uids, messages) {
            let bytes = try mailbox.fetch(uid, uidValidity: before.uidValidity)
            let same = bytes == message
            #expect(same, "UID \(uid): \(bytes.count) bytes fetched, \(message.count) appended")
        }
        var same = 0
        mailbox.fetch(uids, uidValidity: before.uidValidity, connections: 2) { uid, result in
            if case .success(let bytes) = result, bytes == messages[uids.firstIndex(of: uid)!] { same += 1 }
        }
        #expect(same == 4)
        // A refused transfer is retried on a fresh connection and may then succeed: count them instead.
        #expect(mailbox.headerBudgetFailures == 0, "transfers refused as \"Too large response headers\"")
        try mailbox.markHandled(uids)
    }

    /// The processed folder is made inside the personal namespace (`INBOX.Processed` on Cyrus and Courier)
    /// and filled by MOVE (Dovecot, Cyrus) or COPY + \Deleted + UID EXPUNGE (Courier has no MOVE).
    @Test(arguments: IMAPServer.all)
    func handledMailGoesToTheProcessedFolder(_ server: IMAPServer) throws {
        let mailbox = try server.mailbox("imap2", processedFolder: "Processed")
        let messages = (0..<3).map { _ in Self.message(TestServers.token()) }
        let (_, uids) = try fill(mailbox, with: messages)
        #expect(uids.count == 3)
        try mailbox.markHandled(uids)
        #expect(mailbox.processedFolderName == server.resolved("Processed"))
        #expect(try mailbox.capabilities().supportsMove == (server.kind != .courier))
        _ = try mailbox.status()
        #expect(try mailbox.uids(from: uids[0]).isEmpty, "nothing handled is left in INBOX")
        let processed = try server.mailbox("imap2", folder: server.resolved("Processed"))
        let status = try processed.status()
        let moved = try processed.uids(from: UID.min).suffix(3)
        let same = try moved.map { try processed.fetch($0, uidValidity: status.uidValidity) } == messages
        #expect(same)
    }

    /// A folder deleted and made again has a new UIDVALIDITY: a fetch with the old one is refused as
    /// `uidValidityChanged` (libcurl error 78), never served from the new folder.
    @Test(arguments: IMAPServer.all)
    func aNewUIDValidityIsNoticed(_ server: IMAPServer) throws {
        let name = server.resolved("Cycle")
        let inbox = try server.mailbox("imap3")
        guard let create = IMAPCommand.create(name), let quoted = IMAPCommand.quotedMailbox(name) else {
            Issue.record("no CREATE/DELETE for \(name)")
            return
        }
        let delete = "DELETE \(quoted)"
        _ = try? inbox.run(delete, selecting: false, idempotent: false)
        try inbox.run(create, selecting: false, idempotent: false)
        let first = try server.mailbox("imap3", folder: name)
        let (old, uids) = try fill(first, with: [Self.message(TestServers.token())])
        let uid = try #require(uids.first)
        #expect(try !first.fetch(uid, uidValidity: old.uidValidity).isEmpty)
        var again = old
        for _ in 0..<3 where again.uidValidity == old.uidValidity {
            // Courier takes UIDVALIDITY from the clock in seconds: a folder made again within the same
            // second could get the same value.
            Thread.sleep(forTimeInterval: server.kind == .courier ? 1.1 : 0)
            try inbox.run(delete, selecting: false, idempotent: false)
            try inbox.run(create, selecting: false, idempotent: false)
            let second = try server.mailbox("imap3", folder: name)
            (again, _) = try fill(second, with: [Self.message(TestServers.token())])
        }
        #expect(again.uidValidity != old.uidValidity)
        let second = try server.mailbox("imap3", folder: name)
        #expect {
            try second.fetch(uid, uidValidity: old.uidValidity)
        } throws: { error in
            (error as? TransportError) == .uidValidityChanged(mailbox: name, expected: old.uidValidity)
        }
    }
}
