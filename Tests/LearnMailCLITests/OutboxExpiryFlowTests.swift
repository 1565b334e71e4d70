import Foundation
import MIME
import MailAdapters
import SMTP
import Testing

@testable import Community
@testable import LearnMailCLI

/// A sending server down for longer than mail is kept: the mail is given up after the outbox's
/// five days even though no attempt could be made, and the facilitator gets one notice, sent when
/// the server is back.
@Suite("Outbox expiry while the server is unreachable")
struct OutboxExpiryFlowTests {
    final class DownSink: MailSink {
        func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
            throw UnreachableError("SMTP server 127.0.0.1:9 cannot be reached")
        }
    }

    @Test func mailNeverSentInFiveDaysIsGivenUpAndTheFacilitatorTold() throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.t", MaildirFlow.contribution(1))
        let engine = try setup.engine()
        let down = engine.runOnce(source: MaildirMailSource(path: setup.folder + "/maildir"), sink: DownSink())
        #expect(down.failures.map(\.stage) == ["sending"])
        #expect(engine.outbox.pending().count == 2)  // the notification and the acknowledgement

        setup.clock.now += 4 * 86_400
        _ = engine.runOnce(source: nil, sink: DownSink())
        #expect(engine.outbox.pending().count == 2, "younger than five days: still waiting")

        setup.clock.now += 86_400
        _ = engine.runOnce(source: nil, sink: DownSink())
        let pending = engine.outbox.pending()
        #expect(pending.map(\.kind) == [.notice])
        #expect(pending.first?.recipients.map(\.address) == ["facilitator@example.org"])

        // The server is back: the notice goes, naming what was given up.
        _ = try setup.round(engine)
        let notice = try #require(try setup.mail(to: "facilitator@example.org").last)
        #expect(notice.subject == "learnmail: 2 message(s) not sent")
        #expect(notice.textBody?.contains("helen@examplehousing.org.uk") == true)
    }
}
