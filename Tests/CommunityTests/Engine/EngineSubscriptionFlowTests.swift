import Foundation
import MIME
import Testing

@testable import Community

/// Subscribing and unsubscribing by mail: double opt-in, and one-click unsubscribe from a robot.
@Suite("Engine flow: subscriptions")
struct EngineSubscriptionFlowTests {
    /// Double opt-in by mail, then a one-click unsubscribe from a provider's robot (marked
    /// Auto-Submitted): honoured at once, and not answered.
    @Test func subscribeConfirmAndUnsubscribeByMail() throws {
        let setup = try EngineFlow()
        let engine = try setup.engine()
        setup.deliver(
            "1.sub.test",
            """
            From: Reader <reader@example.net>
            To: learning@example.org
            Subject: subscribe
            Message-ID: <sub-1@example.net>

            """)
        _ = setup.round(engine)
        let spool = try Spool(directory: setup.config.dataDirectory)
        #expect(try spool.loadSubscribers().subscriber(address: "reader@example.net")?.status == .pending)
        let request = try #require(setup.mail(to: "reader@example.net").first)
        let confirmAddress = try #require(request.replyTo.first?.address)
        setup.deliver(
            "2.sub.test",
            """
            From: Reader <reader@example.net>
            To: \(confirmAddress)
            Subject: Re: \(request.subject ?? "")
            Message-ID: <sub-2@example.net>

            yes please
            """)
        _ = setup.round(engine)
        let subscriber = try #require(try spool.loadSubscribers().subscriber(address: "reader@example.net"))
        #expect(subscriber.status == .active)
        let repliesBefore = setup.mail(to: "reader@example.net").count
        setup.deliver(
            "3.sub.test",
            """
            From: reader@example.net
            To: learning+unsubscribe-\(subscriber.unsubscribeToken)@example.org
            Subject: unsubscribe
            Auto-Submitted: auto-generated
            Message-ID: <sub-3@example.net>

            """)
        _ = setup.round(engine)
        #expect(try spool.loadSubscribers().subscriber(address: "reader@example.net")?.status == .unsubscribed)
        #expect(setup.mail(to: "reader@example.net").count == repliesBefore, "no reply to a robot")
    }
}
