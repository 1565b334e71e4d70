import CommunityFakes
import Foundation
import Testing

@testable import Community

@Suite struct SubscriberDeskTests {
    let list = ListIdentity(
        name: "One Digital Community of Practice", address: "learning@example.org", listId: "learning.example.org")
    let now = subscriberDate("2026-11-23T09:15:00Z")
    var desk: SubscriptionDesk { SubscriptionDesk(list: list) }

    struct World {
        var subscribers = SubscriberList()
        var limits = SubscriptionRateLimit(perAddressPerDay: 3, globalPerDay: 10)
        var rng = SplitMix64(seed: 42)
    }

    func run(_ w: inout World, _ command: SubscriptionRequest.Command, from: String, at: Date) -> SubscriptionOutcome {
        desk.handle(
            .init(command: command, from: from), subscribers: &w.subscribers, limits: &w.limits, now: at, using: &w.rng)
    }

    @Test func doubleOptInThenWelcome() throws {
        var w = World()
        let asked = run(&w, .subscribe, from: "ann@example.org", at: now)
        #expect(asked.listChanged)
        let pending = try #require(w.subscribers.subscriber(address: "ann@example.org"))
        #expect(pending.status == .pending)
        let token = try #require(pending.confirmation?.token)
        #expect(pending.confirmation?.expiresAt == now + 3 * 86_400)
        #expect(w.subscribers.active.isEmpty)
        let request = try #require(asked.replies.first)
        #expect(request.to == "ann@example.org")
        #expect(request.replyTo == "learning+confirm-\(token)@example.org")
        #expect(request.subject.contains("confirm \(token)"))
        #expect(request.text.contains("do nothing"))
        // Replying to the request: the subject detects as confirm, the desk activates.
        let reply = try #require(
            SubscriptionRequest.detect(
                from: "ann@example.org", recipients: [request.replyTo!], subject: "Re: " + request.subject, body: "",
                communityAddress: list.address))
        let confirmed = run(&w, reply.command, from: reply.from, at: now + 600)
        #expect(w.subscribers.subscriber(address: "ann@example.org")?.status == .active)
        #expect(w.subscribers.subscriber(address: "ann@example.org")?.since == now + 600)
        #expect(confirmed.replies.map(\.subject) == ["Welcome to One Digital Community of Practice"])
        #expect(
            confirmed.replies.first?.text.contains(
                list.unsubscribeAddress(for: w.subscribers.subscriber(address: "ann@example.org")!)) == true)
        // The same token again: used.
        let again = run(&w, .confirm(token: token), from: "ann@example.org", at: now + 700)
        #expect(again.replies.first?.text.contains("not valid or was already used") == true)
        #expect(!again.listChanged)
    }

    @Test func expiredTokenIsRefusedAndResubscribeIssuesANewOne() throws {
        var w = World()
        _ = run(&w, .subscribe, from: "ann@example.org", at: now)
        let token = w.subscribers.subscriber(address: "ann@example.org")!.confirmation!.token
        // A repeated subscribe while the token is valid re-sends the same token.
        let resent = run(&w, .subscribe, from: "ann@example.org", at: now + 60)
        #expect(resent.replies.first?.subject.contains(token) == true)
        let late = run(&w, .confirm(token: token), from: "ann@example.org", at: now + 3 * 86_400 + 1)
        #expect(late.replies.first?.text.contains("expired") == true)
        #expect(w.subscribers.subscriber(address: "ann@example.org")?.status == .pending)
        _ = run(&w, .subscribe, from: "ann@example.org", at: now + 4 * 86_400)
        let fresh = w.subscribers.subscriber(address: "ann@example.org")!.confirmation!.token
        #expect(fresh != token)
    }

    @Test func unsubscribeByMailAndByListUnsubscribeToken() throws {
        var w = World()
        try w.subscribers.add("ann@example.org", now: now, using: &w.rng)
        try w.subscribers.add("bob@example.org", now: now, using: &w.rng)
        let byMail = run(&w, .unsubscribe, from: "ann@example.org", at: now + 60)
        #expect(w.subscribers.subscriber(address: "ann@example.org")?.status == .unsubscribed)
        #expect(byMail.replies.map(\.to) == ["ann@example.org"])
        #expect(byMail.replies.first?.subject == "You have left One Digital Community of Practice")
        // The List-Unsubscribe address works at once, from whichever address the provider sends it.
        let bob = w.subscribers.subscriber(address: "bob@example.org")!
        let byToken = run(
            &w, .unsubscribeByToken(bob.unsubscribeToken), from: "bounces@provider.example", at: now + 120)
        #expect(w.subscribers.subscriber(address: "bob@example.org")?.status == .unsubscribed)
        #expect(byToken.replies.map(\.to) == ["bob@example.org"])
        // Twice: quiet. An unknown token: quiet, nothing changes.
        #expect(run(&w, .unsubscribeByToken(bob.unsubscribeToken), from: "x@y.org", at: now + 180).replies.isEmpty)
        let unknown = run(&w, .unsubscribeByToken("zzzzzzzzzzzzzzzzzzzzzzzzzz"), from: "x@y.org", at: now + 180)
        #expect(unknown.replies.isEmpty && !unknown.listChanged)
        // Not subscribed: told so.
        let stranger = run(&w, .unsubscribe, from: "carol@example.org", at: now + 200)
        #expect(stranger.replies.first?.subject.hasPrefix("Not subscribed") == true)
    }

    @Test func alreadyActiveAndHelp() throws {
        var w = World()
        try w.subscribers.add("ann@example.org", now: now, using: &w.rng)
        let again = run(&w, .subscribe, from: "ann@example.org", at: now)
        #expect(again.replies.first?.subject.hasPrefix("You are already subscribed") == true)
        #expect(!again.listChanged)
        let help = run(&w, .help, from: "zed@example.org", at: now)
        #expect(help.replies.first?.text.contains("confirm CODE") == true)
    }

    @Test func rateLimitsStopFloodingOneAddressAndOverall() {
        var w = World()
        // A forger sends many subscribe mails "from" the victim: at most 3 mails a day reach them.
        let sent = (0..<10).map { run(&w, .subscribe, from: "victim@example.org", at: now + Double($0)) }
        #expect(sent.filter { !$0.replies.isEmpty }.count == 3)
        #expect(sent.last?.log.contains("rate limit") == true)
        // The next UTC day the address may be written to again.
        #expect(!run(&w, .subscribe, from: "victim@example.org", at: now + 86_400).replies.isEmpty)
        // The global cap (10 a day here) holds across addresses.
        var g = World()
        let many = (0..<30).map { run(&g, .help, from: "p\($0)@example.org", at: now) }
        #expect(many.filter { !$0.replies.isEmpty }.count == 10)
    }

    @Test func rateLimitIsAPersistableValue() throws {
        var limits = SubscriptionRateLimit(perAddressPerDay: 2, globalPerDay: 5)
        let first = [
            limits.permit("A@example.org", now: now), limits.permit("a@example.org", now: now),
            limits.permit("a@example.org", now: now),
        ]
        #expect(first == [true, true, false])
        var restored = try JSONDecoder().decode(SubscriptionRateLimit.self, from: JSONEncoder().encode(limits))
        let later = [
            restored.permit("a@example.org", now: now + 60),
            restored.permit("a@example.org", now: subscriberDate("2026-11-24T00:00:00Z")),
        ]
        #expect(later == [false, true])
    }

    @Test func unusableSenderIsIgnoredAndExpiredPendingArePurged() {
        var w = World()
        #expect(run(&w, .subscribe, from: "not an address", at: now).replies.isEmpty)
        _ = run(&w, .subscribe, from: "forged@example.org", at: now)
        let early = w.subscribers.purgeExpiredPending(now: now + 5 * 86_400)
        #expect(early.isEmpty)
        let late = w.subscribers.purgeExpiredPending(now: now + 11 * 86_400)
        #expect(late == ["forged@example.org"])
        #expect(w.subscribers.subscribers.isEmpty)
    }

    @Test func textsNameTheCommunityAndStayShort() {
        let all = [
            SubscriptionTexts.confirmationRequest(list, token: "abc", expiresAt: now),
            SubscriptionTexts.welcome(list, unsubscribeAddress: "learning+unsubscribe-x@example.org"),
            SubscriptionTexts.goodbye(list), SubscriptionTexts.help(list), SubscriptionTexts.alreadySubscribed(list),
            SubscriptionTexts.notSubscribed(list), SubscriptionTexts.confirmationFailed(list, expired: true),
        ]
        for t in all {
            #expect(t.subject.contains(list.name))
            #expect(t.text.split(separator: "\n").allSatisfy { $0.count <= 78 }, "\(t.subject)")
        }
    }
}
