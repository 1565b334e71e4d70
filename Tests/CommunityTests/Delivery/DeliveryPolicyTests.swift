import CommunityFakes
import Foundation
import SMTP
import Testing

@testable import Community

@Suite struct DeliveryPolicyTests {
    let queued = subscriberDate("2026-11-23T09:00:00Z")
    let policy = RetryPolicy()

    @Test(arguments: [
        (1, 300.0), (2, 900), (3, 3600), (4, 14_400), (5, 43_200), (6, 43_200), (20, 43_200), (0, 300),
    ])
    func backoff(attempt: Int, delay: TimeInterval) {
        #expect(policy.delay(afterAttempt: attempt) == delay)
    }

    @Test func temporaryFailuresRetryUntilFiveDaysThenGiveUp() {
        var now = queued
        var attempts = 0
        var schedule: [TimeInterval] = []
        while true {
            attempts += 1
            let d = policy.decide(
                .refused(Reply(code: 451, text: "try later")), attempts: attempts, queuedAt: queued, now: now)
            guard case .retry(let at) = d else {
                guard case .giveUp(let reason) = d else { break }
                #expect(reason.contains("5 days") && reason.contains("451"))
                break
            }
            schedule.append(at.timeIntervalSince(now))
            now = at
        }
        #expect(Array(schedule.prefix(6)) == [300, 900, 3600, 14_400, 43_200, 43_200])
        // The final attempt happens at exactly five days, and that failure is the last.
        #expect(now == queued + 5 * 86_400)
        #expect(attempts == schedule.count + 1)
        // 5 growing delays, 8 of 12 h, one pulled in to the deadline: 14 retries after the first attempt.
        #expect(attempts == 15)
    }

    @Test func permanentFailuresGiveUpAtOnce() {
        let d = policy.decide(
            .refused(Reply(code: 550, text: "5.1.1 user unknown")), attempts: 1, queuedAt: queued, now: queued)
        #expect(d == .giveUp(reason: "permanent failure 550: 5.1.1 user unknown"))
        #expect(!DeliveryFailure.refused(Reply(code: 421, text: "busy")).isPermanent)
        #expect(DeliveryFailure.refused(Reply(code: 554, text: "no")).isPermanent)
    }

    @Test func verpRoundTripsThroughTheSubscriberList() throws {
        var rng = SplitMix64(seed: 42)
        var subscribers = SubscriberList()
        try subscribers.add("ann@example.org", now: queued, using: &rng)
        try subscribers.add("bob@example.org", now: queued, using: &rng)
        let list = ListIdentity(name: "L", address: "learning@example.org", listId: "learning.example.org")
        let bob = subscribers.subscriber(address: "bob@example.org")!
        let sender = VERP.envelopeSender(for: bob, list: list)
        #expect(sender == "learning+bounce-\(bob.bounceToken)@example.org")
        #expect(!sender.contains("bob"))
        #expect(
            VERP.subscriber(inRecipients: [sender.uppercased()], list: list, subscribers: subscribers)?.address
                == "bob@example.org")
        #expect(VERP.token(inRecipients: ["learning@example.org", "learning+bounce-@example.org"], list: list) == nil)
        #expect(VERP.token(inRecipients: ["learning+bounce-\(bob.bounceToken)@evil.example"], list: list) == nil)
    }

    @Test func threeHardBouncesOnDifferentDaysDisable() throws {
        var rng = SplitMix64(seed: 42)
        var subscribers = SubscriberList()
        try subscribers.add("ann@example.org", now: queued, using: &rng)
        let policy = BouncePolicy(hardBounceLimit: 3)
        let hard = Bounce(
            recipient: "ann@example.org", kind: .hard, status: "5.1.1", diagnostic: "550 5.1.1 User unknown",
            format: .dsn)
        let soft = Bounce(recipient: "ann@example.org", kind: .soft, status: "4.2.2", diagnostic: nil, format: .dsn)
        let week = 7 * 86_400.0
        var outcomes: [BounceOutcome] = []
        outcomes.append(
            policy.record(hard, subscriber: "ann@example.org", in: &subscribers, listName: "L", now: queued))
        // The same digest bouncing again the same day counts once; soft bounces never count.
        outcomes.append(
            policy.record(hard, subscriber: "ann@example.org", in: &subscribers, listName: "L", now: queued + 600))
        outcomes.append(
            policy.record(soft, subscriber: "ann@example.org", in: &subscribers, listName: "L", now: queued + week))
        outcomes.append(
            policy.record(hard, subscriber: "ann@example.org", in: &subscribers, listName: "L", now: queued + week))
        #expect(outcomes.map(\.bounceCount) == [1, 1, 1, 2])
        #expect(subscribers.subscriber(address: "ann@example.org")?.status == .active)
        let third = policy.record(
            hard, subscriber: "ann@example.org", in: &subscribers, listName: "One Digital", now: queued + 2 * week)
        #expect(third.disabled)
        #expect(third.bounceCount == 3)
        #expect(subscribers.subscriber(address: "ann@example.org")?.status == .disabled)
        let note = try #require(third.noteForFacilitator)
        #expect(
            note.contains("ann@example.org") && note.contains("5.1.1") && note.contains("learnmail subscribers add"))
        // Already disabled: counted, no second note.
        let fourth = policy.record(
            hard, subscriber: "ann@example.org", in: &subscribers, listName: "L", now: queued + 3 * week)
        #expect(!fourth.disabled && fourth.noteForFacilitator == nil)
    }

    @Test func staleCountsStartAgainAndStrangersAreLogged() throws {
        var rng = SplitMix64(seed: 42)
        var subscribers = SubscriberList()
        try subscribers.add("ann@example.org", now: queued, using: &rng)
        let policy = BouncePolicy(hardBounceLimit: 2)
        let hard = Bounce(recipient: "ann@example.org", kind: .hard, status: "5.1.1", diagnostic: nil, format: .qmail)
        _ = policy.record(hard, subscriber: "ann@example.org", in: &subscribers, listName: "L", now: queued)
        let later = policy.record(
            hard, subscriber: "ann@example.org", in: &subscribers, listName: "L", now: queued + 40 * 86_400)
        #expect(later.bounceCount == 1 && !later.disabled)
        let stranger = Bounce(
            recipient: "zed@example.org", kind: .hard, status: nil, diagnostic: nil, format: .heuristic)
        let out = policy.record(stranger, subscriber: "zed@example.org", in: &subscribers, listName: "L", now: queued)
        #expect(out.subscriber == nil && out.log.contains("not a subscriber"))
        // A report that reached no reader's own bounce address counts against nobody, even one
        // that names a subscriber.
        let named = policy.record(hard, subscriber: nil, in: &subscribers, listName: "L", now: queued + 41 * 86_400)
        #expect(named.subscriber == nil && named.bounceCount == 0 && named.log.contains("not counted"))
        #expect(subscribers.subscriber(address: "ann@example.org")?.bounceCount == 1)
    }

    @Test func fixtureBouncesThroughVERPAndPolicy() throws {
        // End to end: a Gmail DSN to Bob's VERP address disables him after three weeks of bounces.
        var rng = SplitMix64(seed: 42)
        var subscribers = SubscriberList()
        try subscribers.add("bob@example.org", now: queued, using: &rng)
        var bob = subscribers.subscriber(address: "bob@example.org")!
        bob.bounceToken = "k3mbq7zx4wd2ypta"
        subscribers.upsert(bob)
        let list = ListIdentity(name: "L", address: "learning@example.org", listId: "learning.example.org")
        let message = try bounceFixture("gmail-address-not-found.eml")
        let bounce = try #require(BounceReader.read(message))
        let who = VERP.subscriber(
            inRecipients: message.deliveryRecipients, list: list, subscribers: subscribers)
        #expect(who?.address == "bob@example.org")  // the DSN names a forwarding target; VERP knows better
        var last: BounceOutcome?
        for week in 0..<3 {
            last = BouncePolicy().record(
                bounce, subscriber: who?.address, in: &subscribers, listName: "L",
                now: queued + Double(week) * 7 * 86_400)
        }
        #expect(last?.disabled == true)
    }
}
