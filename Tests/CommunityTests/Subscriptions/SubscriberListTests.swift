import CommunityFakes
import Foundation
import Testing

@testable import Community

func subscriberDate(_ s: String) -> Date { ISO8601UTC.date(from: s)! }

@Suite struct SubscriberListTests {
    let now = subscriberDate("2026-11-23T09:15:00Z")

    @Test(arguments: [
        ("ann@example.org", "ann@example.org"),
        ("  Ann@Example.ORG ", "ann@example.org"),
        ("Ann Example <ann@example.org>", "ann@example.org"),
        ("mailto:bob+news@mail.example.co.uk", "bob+news@mail.example.co.uk"),
        ("o'neil@example.ie", "o'neil@example.ie"),
    ])
    func normalisesAddresses(raw: String, expected: String) {
        #expect((try? EmailAddressSyntax.normalise(raw).get()) == expected)
    }

    @Test(arguments: [
        "", "ann", "ann@", "@example.org", "ann@example", "ann@@example.org", "ann@exa mple.org",
        "ann smith@example.org",
        "ann@-example.org", "ann..b@example.org", ".ann@example.org", "ann@example.123",
        "ann@example.org\r\nBcc: x@y.z",
        "<ann@example.org", "\"ann\"@example.org", String(repeating: "a", count: 65) + "@example.org",
    ])
    func refusesBadAddresses(raw: String) {
        #expect(throws: EmailAddressSyntax.InvalidAddress.self) { try EmailAddressSyntax.normalise(raw).get() }
    }

    @Test func addIsActiveAtOnceAndIdempotent() throws {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        #expect(try list.add("Ann@Example.org", now: now, using: &rng) == .added)
        #expect(try list.add("ann@example.org", now: now, using: &rng) == .alreadyActive)
        let ann = try #require(list.subscriber(address: "ANN@example.org"))
        #expect(ann.status == .active && ann.since == now && ann.source == "cli")
        #expect(ann.unsubscribeToken.count == 26 && ann.bounceToken.count == 16)
        #expect(ann.unsubscribeToken != ann.bounceToken)
        #expect(list.active.map(\.address) == ["ann@example.org"])
        #expect(throws: SubscriberError.self) { try list.add("not an address", now: now, using: &rng) }
    }

    @Test func removeKeepsTheRecordAndAddReactivates() throws {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        try list.add("ann@example.org", now: now, using: &rng)
        let tokens = list.subscriber(address: "ann@example.org").map { ($0.unsubscribeToken, $0.bounceToken) }
        let later = now + 3600
        #expect(try list.unsubscribe("ANN@example.org", now: later) == .active)
        #expect(list.subscriber(address: "ann@example.org")?.status == .unsubscribed)
        #expect(list.subscriber(address: "ann@example.org")?.since == later)
        #expect(list.active.isEmpty)
        #expect(throws: SubscriberError.notFound("bob@example.org")) {
            try list.unsubscribe("bob@example.org", now: later)
        }
        #expect(try list.add("ann@example.org", now: later, using: &rng) == .reactivated(from: .unsubscribed))
        // Tokens never change, so that old unsubscribe links keep working.
        let again = list.subscriber(address: "ann@example.org").map { ($0.unsubscribeToken, $0.bounceToken) }
        #expect(again?.0 == tokens?.0 && again?.1 == tokens?.1)
    }

    @Test func tokensLookUpTheirSubscriber() throws {
        var rng = SplitMix64(seed: 7)
        var list = SubscriberList()
        for a in ["a@example.org", "b@example.org", "c@example.org"] { try list.add(a, now: now, using: &rng) }
        let b = try #require(list.subscriber(address: "b@example.org"))
        #expect(list.subscriber(unsubscribeToken: b.unsubscribeToken)?.address == "b@example.org")
        #expect(list.subscriber(unsubscribeToken: b.unsubscribeToken.uppercased())?.address == "b@example.org")
        #expect(list.subscriber(bounceToken: b.bounceToken)?.address == "b@example.org")
        #expect(list.subscriber(unsubscribeToken: b.bounceToken) == nil)
        #expect(list.subscriber(unsubscribeToken: "aaaaaaaaaaaaaaaaaaaaaaaaaa") == nil)
        #expect(list.subscriber(unsubscribeToken: "") == nil)
        #expect(list.subscriber(unsubscribeToken: "../../etc/passwd") == nil)
    }

    @Test func tokensAreDeterministicGivenTheGeneratorAndWellFormed() {
        var r1 = SplitMix64(seed: 1)
        var r2 = SplitMix64(seed: 1)
        let t = SubscriberToken.make(bits: 128, using: &r1)
        #expect(t == SubscriberToken.make(bits: 128, using: &r2))
        #expect(SubscriberToken.isWellFormed(t))
        #expect(t.allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
        var sys = SystemRandomNumberGenerator()
        #expect(SubscriberToken.make(using: &sys) != SubscriberToken.make(using: &sys))
        #expect(SubscriberToken.constantTimeEqual("abc", "abc"))
        #expect(!SubscriberToken.constantTimeEqual("abc", "abd"))
        #expect(!SubscriberToken.constantTimeEqual("abc", "abcd"))
    }

    @Test func listJSONHasTheDesignShape() throws {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        try list.add("ann@example.org", now: now, using: &rng)
        try list.add("bob@example.org", now: now + 60, using: &rng)
        try list.unsubscribe("bob@example.org", now: now + 120)
        #expect(
            list.listJSON()
                == #"[{"address":"ann@example.org","status":"active","since":"2026-11-23T09:15:00Z"},"#
                + #"{"address":"bob@example.org","status":"unsubscribed","since":"2026-11-23T09:17:00Z"}]"#)
        #expect(SubscriberList().listJSON() == "[]")
    }

    @Test func codableRoundTripKeepsEverything() throws {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        try list.add("ann@example.org", name: "Ann Example", now: now, using: &rng)
        var s = list.subscriber(address: "ann@example.org")!
        s.confirmation = PendingConfirmation(token: "abcdefghijklmnop", expiresAt: now + 86_400)
        s.bounceCount = 2
        s.lastBounceAt = now
        s.lastBounceStatus = "5.1.1"
        list.upsert(s)
        let data = try JSONEncoder().encode(list)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""since":"2026-11-23T09:15:00Z""#))
        let back = try JSONDecoder().decode(SubscriberList.self, from: data)
        #expect(back == list)
        #expect(back.subscriber(address: "ann@example.org") == s)
    }
}
