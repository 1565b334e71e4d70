import Foundation
import MIME
import Testing

@testable import Community

/// The facilitator approves and rejects by replying to the notification, with its token; a
/// token-less approval is refused; the approved item goes out in the week's one digest.
@Suite("Engine flow: moderation by reply")
struct EngineModerationFlowTests {
    @Test func moderationByReplyThenOneDigestPerWeek() throws {
        let setup = try EngineFlow()
        setup.deliver("1.M1.test", EngineFlow.contribution(1))
        setup.deliver("2.M2.test", EngineFlow.contribution(2))
        _ = setup.round(try setup.engine())
        let notifications = setup.mail(to: "facilitator@example.org")
        for (n, notification) in notifications.enumerated() {
            let command = n == 0 ? "approve" : "reject Not about digital inclusion"
            setup.deliver(
                "\(3 + n).M\(3 + n).test",
                """
                From: facilitator@example.org
                To: \(notification.replyTo.first?.address ?? "")
                Subject: Re: \(notification.subject ?? "")
                Message-ID: <reply-\(n)@example.org>
                Content-Type: text/plain; charset=utf-8

                \(command)

                > approve
                """)
        }
        // A forged approval: right words, no token.
        setup.deliver(
            "9.M9.test",
            """
            From: facilitator@example.org
            To: learning@example.org
            Subject: Re: Lesson 2
            Message-ID: <forged@example.org>

            approve
            """)
        let engine = try setup.engine()
        let report = setup.round(engine)
        #expect(report.entries.count == 3)
        let spool = try Spool(directory: setup.config.dataDirectory)
        #expect(try spool.loadItem(1).status == .approved)
        #expect(try spool.loadItem(2).status == .rejected)
        guard case .refused = report.entries[2].outcome else {
            Issue.record("the token-less approval must be refused, got \(report.entries[2].outcome)")
            return
        }
        #expect(
            setup.mail(to: "helen@examplehousing.org.uk").contains {
                $0.textBody?.contains("Not about digital inclusion") == true
            })

        // Monday 09:00 London: the digest goes out once, whatever the restarts.
        _ = try engine.subscriptions.add("reader@example.net")
        setup.at("2026-11-23T09:00:30Z")
        #expect(setup.round(engine).digest?.contains("1 item(s) to 1 subscriber(s)") == true)
        setup.at("2026-11-23T09:05:00Z")
        #expect(setup.round(try setup.engine()).digest == nil)
        #expect(setup.mail(to: "reader@example.net").count == 1)
        #expect(try spool.loadItem(1).status == .published)
        // Sending now again the same week is refused.
        #expect(throws: DigestAlreadySent.self) { try setup.engine().digests.sendNow() }
        // Next week, with nothing approved, nothing is sent.
        setup.at("2026-11-30T09:01:00Z")
        #expect(setup.round(try setup.engine()).digest?.contains("nothing sent") == true)
        #expect(setup.mail(to: "reader@example.net").count == 1)
    }
}
