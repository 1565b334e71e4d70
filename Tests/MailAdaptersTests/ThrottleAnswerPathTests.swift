import Community
import Foundation
import Testing

@testable import MailAdapters
@testable import Transport

/// The SMTP reply code and enhanced status travel from libcurl's transcript (SMTPDialogue) through the
/// SMTP sink's statuses to the outbox's decision (`Reply.kind`), so that a throttling answer is told
/// apart from a failure and a bounce (issue 12), and the code reaches the retry decision (issue 13).
@Suite("Throttling answers from the transcript to the decision")
struct ThrottleAnswerPathTests {
    static let greeting = ["< 220 mail.example.test ESMTP", "> EHLO client", "< 250 mail.example.test"]

    static func transcript(_ lines: [String]) -> [(sent: Bool, line: [UInt8])] {
        lines.map { (sent: $0.hasPrefix("> "), line: Array((String($0.dropFirst(2)) + "\r\n").utf8)) }
    }

    @Test(
        "transcript → sink outcome → decision",
        arguments: [
            // Postfix's smtpd_client_message_rate_limit answers MAIL FROM.
            (
                ["> MAIL FROM:<a@x>", "< 450 4.7.1 Error: too much mail from 127.0.0.1"], 2,
                ["450 4.7.1 Error: too much mail from 127.0.0.1", "450 4.7.1 Error: too much mail from 127.0.0.1"],
                [Reply.Kind.throttled, .throttled]
            ),
            (
                ["> MAIL FROM:<a@x>", "< 421 4.7.0 mail.example.test Error: too many connections"], 1,
                ["421 4.7.0 mail.example.test Error: too many connections"], [.throttled]
            ),
            // One taken, the next refused as one too many for this transaction, then DATA for the first.
            (
                [
                    "> MAIL FROM:<a@x>", "< 250 2.1.0 Ok", "> RCPT TO:<b@x>", "< 250 2.1.5 Ok", "> RCPT TO:<c@x>",
                    "< 452 4.5.3 Error: too many recipients", "> DATA", "< 354 go", "< 250 2.0.0 Ok: queued",
                ], 2, ["", "452 4.5.3 Error: too many recipients"], [nil, .tooManyRecipients]
            ),
            (
                [
                    "> MAIL FROM:<a@x>", "< 250 2.1.0 Ok", "> RCPT TO:<b@x>", "< 451 4.3.0 Temporary lookup failure",
                    "> RCPT TO:<c@x>", "< 550 5.1.1 <c@x>: Recipient address rejected", "> QUIT", "< 221 Bye",
                ], 2,
                ["451 4.3.0 Temporary lookup failure", "550 5.1.1 <c@x>: Recipient address rejected"],
                [.temporary, .permanent]
            ),
        ] as [([String], Int, [String], [Reply.Kind?])])
    func path(lines: [String], count: Int, responses: [String], kinds: [Reply.Kind?]) {
        let dialogue = SMTPDialogue(Self.transcript(Self.greeting + lines))
        let recipients = (0..<count).map { "r\($0)@x" }
        let result = DeliveryResult(
            envelopeIndex: 0,
            recipients: zip(recipients, dialogue.statuses(count: count, failure: nil)).map {
                RecipientResult(recipient: $0, status: $1)
            }, error: nil)
        let statuses = SMTPMailSink.statuses(of: result, for: Envelope(from: "a@x", recipients: recipients, data: []))
        for (index, status) in statuses.enumerated() {
            switch status {
            case .accepted:
                #expect(kinds[index] == nil)
            case .failed(let failure):
                #expect(failure.description == responses[index])
                #expect(failure.reply?.kind == kinds[index])
                // What the outbox keeps on disk reads back as the same reply.
                #expect(Reply(failure.description) == failure.reply)
            }
        }
        #expect(SMTPMailSink.isThrottled(result) == kinds.contains(.throttled))
    }

    @Test func theCodeReachesTheRetryDecision() throws {
        let spool = try Spool(
            directory: FileManager.default.temporaryDirectory.appendingPathComponent("lm-\(UUID().uuidString)").path)
        let outbox = Outbox(spool: spool)
        let queued = Date(timeIntervalSince1970: 1_800_000_000)
        try outbox.enqueue(
            id: "note", kind: .note, envelopeFrom: "b@x", recipients: ["r0@x"], message: Array("x\r\n".utf8),
            at: queued)
        let sink = SMTPOutcomeSink(status: .failed(.refused(Reply(code: 451, text: "4.3.0 Temporary lookup failure"))))
        // Five days on, a temporary failure is final, and the reason keeps the code and the enhanced status.
        let report = try outbox.flush(through: sink, at: queued + 5 * 86_400)
        #expect(
            report.failures == [
                "r0@x: still failing after 5 days and 1 attempts, last 451: 4.3.0 Temporary lookup failure"
            ])
    }
}

/// Answers every recipient with one status.
final class SMTPOutcomeSink: MailSink {
    let status: RecipientStatus
    init(status: RecipientStatus) { self.status = status }
    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        envelopes.map { $0.recipients.map { _ in status } }
    }
}
