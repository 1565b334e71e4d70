import Foundation
import Testing

@testable import Community

/// Learning sets (DESIGN.md "Learning sets and the facilitator's voice"): joined by dates and
/// areas, by a `Set:` line, or by a moderator's `set NAME`.
@Suite struct LearningSetTests {
    static let sets = [
        Config.LearningSet(
            name: "Champions in different settings", from: "2026-11-02", to: "2027-01-29",
            question: "What makes the champion role work?", areas: ["Digital Champions"]),
        Config.LearningSet(name: "Summer of data", from: "2026-06-01", to: "2026-06-30", question: nil, areas: []),
        Config.LearningSet(
            name: "Anything in November", from: "2026-11-01", to: "2026-11-30", question: nil, areas: []),
    ]
    static let london = TimeZone(identifier: "Europe/London")!

    @Test(
        arguments: [
            // requested, area, arrival (UTC), expected
            (nil, "Digital Champions", "2026-11-20T10:00:00Z", "Champions in different settings"),
            (nil, "digital champions", "2026-11-02T00:30:00Z", "Champions in different settings"),
            (nil, "Health online", "2026-11-20T10:00:00Z", "Anything in November"),  // first matching, config order
            (nil, "Health online", "2026-12-20T10:00:00Z", nil),
            (nil, "Health online", "2026-06-30T22:30:00Z", "Summer of data"),  // 23:30 BST, still 30 June
            (nil, "Health online", "2026-06-30T23:30:00Z", nil),  // 00:30 BST on 1 July
            ("Summer of data", "Health online", "2026-12-20T10:00:00Z", "Summer of data"),  // named: dates don't matter
            ("  \"summer OF data\" ", "Health online", "2026-12-20T10:00:00Z", "Summer of data"),
            ("No such set", "Digital Champions", "2026-11-20T10:00:00Z", "Champions in different settings"),
        ] as [(String?, String, String, String?)])
    func membership(requested: String?, area: String, arrival: String, expected: String?) {
        let set = LearningSetMembership.set(
            requested: requested, area: area, arrivedAt: ISO8601UTC.date(from: arrival)!, sets: Self.sets,
            timeZone: Self.london)
        #expect(set == expected)
    }

    @Test(
        arguments: [
            ("Set: Summer of data\n\nWhat we did.", "Summer of data"),
            ("Area: Health online\nLearning set: Summer of data\n\nText", "Summer of data"),
            ("Set dysgu: Haf\n\nTestun", "Haf"),
            ("Set:\n\nText", nil),
            ("What we set out to do: a lot.\n", nil),
        ] as [(String, String?)])
    func theSetLineIsAField(body: String, expected: String?) {
        #expect(ContributionFields.parse(body).fields.learningSet == expected)
    }

    @Test(arguments: [
        ("set Summer of data", ModerationCommand.learningSet("Summer of data")),
        ("Set: Summer of data.", .learningSet("Summer of data")),
        ("set none", .learningSet(nil)),
        ("SET NONE", .learningSet(nil)),
    ])
    func theSetCommand(line: String, command: ModerationCommand) {
        #expect(ModerationCommand.parse(line: line) == command)
    }

    @Test func aBareSetIsNotACommand() {
        #expect(ModerationCommand.parse(line: "set") == nil)
    }

    @Test func aModeratorPutsAnItemInASetOrInNone() {
        let item = LearningItem(
            id: 7, contribution: Contribution(title: "T", contributor: Person(address: "a@example.org")),
            receivedAt: Date(timeIntervalSince1970: 1_790_000_000))
        var policy = ModerationDesk.Policy(moderators: ["f@example.org"])
        policy.learningSets = Self.sets
        var desk = ModerationDesk(item: item, tokens: [], policy: policy)
        let at = Date(timeIntervalSince1970: 1_790_000_100)
        let set = desk.applyTrusted([.learningSet("summer of data")], by: "f@example.org", at: at)
        #expect(set.steps.map(\.result) == [.done])
        #expect(desk.item.learningSet == "Summer of data")
        #expect(desk.item.history.last?.action == "set")
        let unknown = desk.applyTrusted([.learningSet("Winter")], by: "f@example.org", at: at)
        #expect(unknown.steps.map(\.result) == [.refused])
        #expect(unknown.steps[0].message.contains("Champions in different settings, Summer of data"))
        let none = desk.applyTrusted([.learningSet(nil)], by: "f@example.org", at: at)
        #expect(none.steps.map(\.result) == [.done] && desk.item.learningSet == nil)
    }
}
