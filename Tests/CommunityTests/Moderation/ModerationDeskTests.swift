import Foundation
import Testing

@testable import Community

/// The desk as a state machine: every starting status against every deciding command.
@Suite struct ModerationDeskTests {
    static let now = Date(timeIntervalSince1970: 1_795_600_000)
    static let token = ModerationToken("mbxq3kd7rtz2wp5nvc6ahs4gje")!
    static let records = [token.record(itemId: 7, moderator: "fac@example.org", issuedAt: now - 3600)]
    static let policy = ModerationDesk.Policy(moderators: ["fac@example.org"], learningAreas: ["Online Safety"])

    static func desk(_ status: ItemStatus) -> ModerationDesk {
        ModerationDesk(
            item: LearningItem(
                id: 7, status: status,
                contribution: Contribution(title: "T", contributor: Person(address: "ann@x.org"), tags: ["a"]),
                receivedAt: now - 7200),
            tokens: records, policy: policy)
    }

    typealias R = ModerationOutcome.Step.Result

    @Test(arguments: [
        (ItemStatus.pending, ModerationCommand.approve, R.done, ItemStatus.approved),
        (.pending, .reject(reason: "x"), .done, .rejected), (.pending, .hold, .done, .held),
        (.held, .approve, .done, .approved), (.held, .reject(reason: nil), .done, .rejected),
        (.held, .hold, .unchanged, .held),
        (.approved, .approve, .unchanged, .approved), (.approved, .reject(reason: "x"), .refused, .approved),
        (.approved, .hold, .refused, .approved),
        (.rejected, .approve, .refused, .rejected), (.rejected, .reject(reason: "y"), .unchanged, .rejected),
        (.rejected, .hold, .refused, .rejected),
        (.published, .approve, .unchanged, .published), (.published, .reject(reason: nil), .refused, .published),
        (.published, .edit(.title, "New"), .refused, .published),
        (.published, .tag(add: ["b"], remove: []), .refused, .published),
        (.pending, .edit(.area, "online safety"), .done, .pending),
        (.pending, .edit(.area, "Knitting"), .refused, .pending),
        (.pending, .edit(.area, "general"), .unchanged, .pending), (.pending, .edit(.title, "T"), .unchanged, .pending),
        (.approved, .edit(.organisation, "Example Housing"), .done, .approved),
        (.pending, .tag(add: ["a"], remove: ["z"]), .unchanged, .pending), (.pending, .show, .shown, .pending),
    ])
    func transition(from: ItemStatus, command: ModerationCommand, result: R, to: ItemStatus) {
        var desk = Self.desk(from)
        let outcome = desk.apply([command], by: "fac@example.org", token: Self.token, at: Self.now)
        #expect(outcome.steps.map(\.result) == [result])
        #expect(desk.item.status == to)
        #expect(outcome.changed == (result == .done))
        #expect(desk.item.history.count == (result == .done ? 1 : 0))
        if result == .refused { #expect(outcome.reply?.text.contains("#7 is now \(from.rawValue).") == true) }
    }

    @Test func approveTwiceIsOneDecision() {
        var desk = Self.desk(.pending)
        let first = desk.apply([.approve], by: "fac@example.org", token: Self.token, at: Self.now)
        let second = desk.apply([.approve], by: "fac@example.org", token: Self.token, at: Self.now + 60)
        #expect(first.decision == .approved)
        #expect(second.decision == nil)
        #expect(desk.item.history.map(\.action) == ["approved"])
    }

    @Test func editedAreaUsesTheConfiguredSpelling() {
        var desk = Self.desk(.pending)
        _ = desk.apply([.edit(.area, "ONLINE SAFETY")], by: "fac@example.org", token: Self.token, at: Self.now)
        #expect(desk.item.contribution.learningArea == "Online Safety")
    }

    @Test func trustedConsoleSkipsTokenChecks() {
        var desk = Self.desk(.pending)
        let outcome = desk.applyTrusted([.reject(reason: "spam")], by: "console", at: Self.now)
        #expect(outcome.decision == .rejected && outcome.reason == "spam")
        #expect(desk.item.history == [HistoryEntry(at: Self.now, action: "rejected", by: "console", note: "spam")])
    }

    @Test func refusalsChangeNothing() {
        for (sender, token) in [
            ("eve@evil.example", Self.token), ("fac@example.org", ModerationToken("abcdefghijklmnopqrstuvwxya")!),
        ] {
            var desk = Self.desk(.pending)
            let outcome = desk.apply([.approve], by: sender, token: token, at: Self.now)
            #expect(outcome.refusal != nil && !outcome.changed && desk.item.status == .pending)
            #expect(outcome.logLine.contains("refused"))
        }
        var desk = Self.desk(.pending)
        let late = desk.apply([.approve], by: "fac@example.org", token: Self.token, at: Self.now + 31 * 86_400)
        #expect(late.refusal == .token(.expired(Self.now - 3600 + 30 * 86_400)))
        #expect(late.reply?.text.contains("expire") == true)
    }
}
