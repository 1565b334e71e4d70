import Foundation
import SMTP
import Testing

@testable import Community

/// A sink that answers from a script, standing in for SMTP on the error paths.
final class ScriptedSink: MailSink {
    var answers: [String: RecipientStatus] = [:]
    var delivered: [Envelope] = []
    var unreachable = false

    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        if unreachable { throw CocoaError(.fileReadUnknown) }
        delivered += envelopes
        return envelopes.map { $0.recipients.map { answers[$0] ?? .accepted } }
    }
}

func temporarySpool() throws -> Spool {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("lm-spool-\(UUID().uuidString)").path
    return try Spool(directory: path)
}

@Suite("Outbox")
struct OutboxTests {
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func queuesOnceAndMovesSentMailOut() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        #expect(
            try outbox.enqueue(
                id: "item-1-notify", kind: .note, envelopeFrom: "b@x.org", recipients: ["f@x.org"],
                message: Array("m\r\n".utf8), at: start))
        // Queueing the same id again (after a crash) does nothing.
        #expect(
            try !outbox.enqueue(
                id: "item-1-notify", kind: .note, envelopeFrom: "b@x.org", recipients: ["f@x.org"],
                message: Array("m\r\n".utf8), at: start))
        let sink = ScriptedSink()
        let report = try outbox.flush(through: sink, at: start)
        #expect(report.sent == 1)
        #expect(sink.delivered.count == 1)
        #expect(outbox.pending().isEmpty)
        #expect(outbox.entries(in: "sent").map(\.id) == ["item-1-notify"])
        // Sent mail is never queued again under the same id.
        #expect(
            try !outbox.enqueue(
                id: "item-1-notify", kind: .note, envelopeFrom: "b@x.org", recipients: ["f@x.org"], message: [],
                at: start
            ))
    }

    @Test func temporaryFailuresRetryLaterAndPermanentOnesAreRecordedPerRecipient() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool, retry: RetryPolicy(delays: [600]))
        try outbox.enqueue(
            id: "digest-1", kind: .digest, envelopeFrom: "b@x.org",
            recipients: ["ok@x.org", "later@x.org", "gone@x.org"],
            message: Array("m\r\n".utf8), at: start)
        let sink = ScriptedSink()
        sink.answers = [
            "later@x.org": .failed(.refused(Reply(code: 451, text: "try again"))),
            "gone@x.org": .failed(.refused(Reply(code: 550, text: "no such user"))),
        ]
        var report = try outbox.flush(through: sink, at: start)
        #expect(
            report
                == Outbox.FlushReport(
                    sent: 1, deferred: 1, failed: 1, failures: ["gone@x.org: 550 no such user"],
                    refusals: [
                        Outbox.Refusal(
                            kind: .digest, address: "gone@x.org",
                            failure: .refused(Reply(code: 550, text: "no such user")))
                    ]))
        // Not due yet: nothing is sent.
        report = try outbox.flush(through: sink, at: start.addingTimeInterval(60))
        #expect(report.sent == 0 && sink.delivered.count == 1)
        // Due: only the deferred recipient is tried again.
        sink.answers = [:]
        report = try outbox.flush(through: sink, at: start.addingTimeInterval(601))
        #expect(report.sent == 1)
        #expect(sink.delivered.last?.recipients == ["later@x.org"])
        let done = outbox.entries(in: "failed")
        #expect(done.count == 1)
        #expect(done[0].recipients.map(\.state) == [.sent, .sent, .failed])
    }

    @Test func aPersonalisedEntryIsOneFileAndOneCopyPerRecipient() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        let readers = (1...5).map { ("r\($0)@x.org", "b+\($0)@x.org") }
        try outbox.enqueue(
            id: "digest-W", kind: .digest, template: "digests/W.json", envelopeFrom: "b@x.org",
            recipients: readers.map { (address: $0.0, envelopeFrom: $0.1) }, at: start, partSize: 4)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: spool.path("outbox")).sorted() == [
                "digest-W-1.json", "digest-W-2.json",
            ])
        let sink = ScriptedSink()
        sink.answers = ["r2@x.org": .failed(.refused(Reply(code: 550, text: "gone")))]
        var batches: [Int] = []
        let report = try outbox.flush(
            through: sink, at: start, batchSize: 2,
            personalise: { entry, recipient in
                recipient.address == "r4@x.org"
                    ? nil : Array("copy for \(recipient.address) of \(entry.template!)".utf8)
            }, progress: { done, _ in batches.append(done) })
        #expect(report.sent == 3 && report.failed == 1)
        #expect(sink.delivered.map(\.recipients) == [["r1@x.org"], ["r2@x.org"], ["r3@x.org"], ["r5@x.org"]])
        #expect(sink.delivered.map(\.from) == ["b+1@x.org", "b+2@x.org", "b+3@x.org", "b+5@x.org"])
        #expect(sink.delivered[0].data == Array("copy for r1@x.org of digests/W.json".utf8))
        #expect(batches == [2, 4, 5])
        let done = try #require(outbox.entries(in: "failed").first)
        #expect(done.recipients.map(\.state) == [.sent, .failed, .sent, .cancelled])
        #expect(outbox.entries(in: "sent").map(\.id) == ["digest-W-2"])
    }

    /// What a crashed flush noted in `outbox/.accepted` is marked sent before anything is sent; the
    /// rest goes out, and the journal is empty afterwards.
    @Test func whatTheJournalNotedIsNotSentAgain() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        try outbox.enqueue(
            id: "digest-W", kind: .digest, template: "digests/W.json", envelopeFrom: "b@x.org",
            recipients: ["r1@x.org", "r2@x.org", "r3@x.org"].map { (address: $0, envelopeFrom: "b@x.org") }, at: start)
        try outbox.enqueue(
            id: "note-1", kind: .note, envelopeFrom: "b@x.org", recipients: ["f@x.org", "g@x.org"],
            message: Array("m\r\n".utf8), at: start)
        let journal = try Outbox.Journal(path: outbox.journalPath)
        journal.note(entry: "digest-W-1", addresses: ["r1@x.org", "r3@x.org"])
        journal.note(entry: "note-1", addresses: ["g@x.org"])
        journal.note(entry: "gone-entry", addresses: ["z@x.org"])
        let sink = ScriptedSink()
        let report = try outbox.flush(
            through: sink, at: start, personalise: { _, recipient in Array(recipient.address.utf8) })
        #expect(sink.delivered.map(\.recipients) == [["r2@x.org"], ["f@x.org"]])
        #expect(report.sent == 2)
        #expect(outbox.pending().isEmpty)
        #expect(outbox.entries(in: "sent").flatMap { $0.recipients.map(\.attempts) } == [1, 1, 1, 1, 1])
        #expect(Outbox.Journal.read(outbox.journalPath).isEmpty)
    }

    @Test func anUnreachableServerLeavesEverythingQueued() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        try outbox.enqueue(
            id: "a", kind: .note, envelopeFrom: "b@x.org", recipients: ["f@x.org"], message: [0x41], at: start)
        let sink = ScriptedSink()
        sink.unreachable = true
        #expect(throws: (any Error).self) { try outbox.flush(through: sink, at: start) }
        #expect(outbox.pending().count == 1)
        #expect(outbox.pending()[0].recipients[0].attempts == 0)
    }

    /// A server down for longer than mail is kept: what is past the age limit is given up even
    /// though no attempt could be made; younger mail waits on.
    @Test func mailPastTheAgeLimitIsGivenUpWhenNothingCouldBeTried() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        try outbox.enqueue(
            id: "old", kind: .note, envelopeFrom: "b@x.org", recipients: ["f@x.org", "g@x.org"], message: [0x41],
            at: start)
        try outbox.enqueue(
            id: "young", kind: .note, envelopeFrom: "b@x.org", recipients: ["f@x.org"], message: [0x41],
            at: start + 4 * 86_400)
        #expect(try outbox.expireOverdue(at: start + 4.9 * 86_400, cause: "unreachable").isEmpty)
        let expired = try outbox.expireOverdue(at: start + 5 * 86_400, cause: "SMTP server cannot be reached")
        #expect(expired == ["f@x.org (note): not sent within 5 days", "g@x.org (note): not sent within 5 days"])
        #expect(outbox.pending().map(\.id) == ["young"])
        let failed = try #require(try spool.loadJSON(Outbox.Entry.self, at: "failed/old.json"))
        #expect(
            failed.recipients.allSatisfy {
                $0.state == .failed && $0.lastResponse?.contains("cannot be reached") == true
            })
    }
}

@Suite("Spool")
struct SpoolTests {
    @Test func incomingMessagesMoveToProcessedAndKeysStaySafe() throws {
        let spool = try temporarySpool()
        try spool.storeIncoming("imap-7-12", bytes: Array("x".utf8))
        try spool.storeIncoming("maildir-../../etc/passwd", bytes: Array("y".utf8))
        #expect(spool.incomingKeys() == ["imap-7-12", "maildir-.._.._etc_passwd"])
        #expect(spool.isKnown("imap-7-12") && !spool.isProcessed("imap-7-12"))
        try spool.markProcessed("imap-7-12")
        #expect(spool.isProcessed("imap-7-12"))
        #expect(spool.incomingKeys() == ["maildir-.._.._etc_passwd"])
        // Nothing was written outside the spool.
        #expect(!FileManager.default.fileExists(atPath: spool.root + "/../etc"))
    }

    @Test func atomicWritesLeaveNoTemporaryFiles() throws {
        let spool = try temporarySpool()
        for n in 0..<20 { try spool.saveJSON(["n": n], at: "state.json") }
        let names = try FileManager.default.contentsOfDirectory(atPath: spool.root)
        #expect(!names.contains { $0.hasPrefix(".tmp") })
        #expect(try spool.loadJSON([String: Int].self, at: "state.json") == ["n": 19])
    }
}
