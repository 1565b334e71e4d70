import Foundation
import MIME
import Testing

@testable import Community

/// Every `Fixtures/replies/NAME.eml` is run through what the engine does with a moderator's
/// reply (classify, find the token, read the commands, apply them to item #42) and the outcome is
/// compared with the table below.
@Suite struct ModerationReplyTests {
    static let now = Date(timeIntervalSince1970: 1_795_600_000)  // 2026-11-25T08:26:40Z
    static let day: TimeInterval = 86_400

    static let records: [ModerationTokenRecord] = [
        ModerationToken("mbxq3kd7rtz2wp5nvc6ahs4gje")!.record(
            itemId: 42, moderator: "facilitator@example.org", issuedAt: now - day),
        ModerationToken("q2w3e4r5t6y7u2i3o4p5a6s7di")!.record(
            itemId: 42, moderator: "mod2@example.org", issuedAt: now - day),
        ModerationToken("zzzzaaaa2222bbbb3333cccc4a")!.record(
            itemId: 43, moderator: "facilitator@example.org", issuedAt: now - day),
        ModerationToken("expiredtokenexpiredtoken2a")!.record(
            itemId: 42, moderator: "facilitator@example.org", issuedAt: now - 40 * day),
    ]

    enum Expect: Sendable {
        case automated(bounce: Bool)
        case refused(ModerationOutcome.Refusal, replied: Bool)
        case applied([ModerationCommand], [ModerationOutcome.Step.Result], ItemStatus, decision: ItemStatus?)
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var initial: ItemStatus = .pending
        var requireAuthentication = false
        var expect: Expect
        var description: String { name }
    }

    static let approveDone = Expect.applied([.approve], [.done], .approved, decision: .approved)
    static let nothing = Expect.applied([], [], .pending, decision: nil)

    static let cases: [Case] = [
        Case(name: "r01-gmail-approve", expect: approveDone),
        Case(name: "r02-gmail-html-only-approve", expect: approveDone),
        Case(
            name: "r03-outlook-desktop-reject-reason",
            expect: .applied(
                [.reject(reason: "Not about digital skills, sorry")], [.done], .rejected, decision: .rejected)),
        Case(name: "r04-outlook-web-html-hold", expect: .applied([.hold], [.done], .held, decision: nil)),
        Case(name: "r05-outlook-mobile-approve", expect: approveDone),
        Case(
            name: "r06-apple-flowed-edit-approve",
            expect: .applied(
                [.edit(.title, "Tablet loans that reached 40 residents in one autumn"), .approve], [.done, .done],
                .approved,
                decision: .approved)),
        Case(name: "r07-iphone-approve", expect: approveDone),
        Case(
            name: "r08-thunderbird-tag",
            expect: .applied(
                [.tag(add: ["tablets", "older-people"], remove: ["loans"])], [.done], .pending, decision: nil)),
        Case(name: "r09-mutt-approve", expect: approveDone),
        Case(
            name: "r10-several-commands",
            expect: .applied(
                [
                    .edit(.area, "Online Safety"), .edit(.summary, "Tablets with data SIMs for 40 residents."),
                    .tag(add: ["scams"], remove: []), .approve,
                ], [.done, .done, .done, .done], .approved, decision: .approved)),
        Case(
            name: "r11-approve-after-reject", initial: .rejected,
            expect: .applied([.approve], [.refused], .rejected, decision: nil)),
        Case(
            name: "r12-approve-twice", initial: .approved,
            expect: .applied([.approve], [.unchanged], .approved, decision: nil)),
        Case(name: "r13-forged-from-stranger", expect: .refused(.notModerator("eve@evil.example"), replied: false)),
        Case(name: "r14-moderator-without-token", expect: .refused(.missingToken, replied: true)),
        Case(
            name: "r15-valid-token-non-moderator",
            expect: .refused(.notModerator("ann@examplehousing.org.uk"), replied: false)),
        Case(name: "r16-token-of-other-moderator", expect: .refused(.token(.otherModerator), replied: true)),
        Case(name: "r17-token-of-other-item", expect: .refused(.token(.otherItem(43)), replied: true)),
        Case(name: "r18-expired-token", expect: .refused(.token(.expired(now - 10 * day)), replied: true)),
        Case(name: "r19-unknown-token", expect: .refused(.token(.unknown), replied: true)),
        Case(name: "r20-auto-submitted-out-of-office", expect: .automated(bounce: false)),
        Case(name: "r21-exchange-out-of-office", expect: .automated(bounce: false)),
        Case(name: "r22-commands-only-in-quote", expect: nothing),
        Case(name: "r23-empty-reply-quote-only", expect: nothing),
        Case(name: "r24-outlook-unquoted-notification", expect: nothing),
        Case(name: "r25-wrapped-quote-header", expect: .applied([.hold], [.done], .held, decision: nil)),
        Case(name: "r26-plus-address-only", expect: approveDone),
        Case(name: "r27-uppercase", expect: approveDone),
        Case(
            name: "r28-reject-without-reason",
            expect: .applied([.reject(reason: nil)], [.done], .rejected, decision: .rejected)),
        Case(name: "r29-malformed-command", expect: nothing),
        Case(
            name: "r30-show-list-help",
            expect: .applied([.show, .list, .help], [.shown, .shown, .shown], .pending, decision: nil)),
        Case(name: "r31-authenticated-approve", requireAuthentication: true, expect: approveDone),
        Case(
            name: "r32-forged-unauthenticated", requireAuthentication: true,
            expect: .refused(.notAuthenticated("dkim=none spf=fail dmarc=fail"), replied: true)),
        Case(name: "r33-welsh-attribution", expect: approveDone),
        Case(
            name: "r34-french-outlook",
            expect: .applied([.reject(reason: "Hors sujet")], [.done], .rejected, decision: .rejected)),
        Case(name: "r35-leading-blank-lines", expect: approveDone),
        Case(name: "r36-bounce-to-moderation-address", expect: .automated(bounce: true)),
        Case(
            name: "r37-reject-then-approve",
            expect: .applied(
                [.reject(reason: "Duplicate of #41"), .approve], [.done, .refused], .rejected, decision: .rejected)),
        Case(name: "r38-signature-after-command", expect: approveDone),
        Case(name: "r39-german-attribution-hold", expect: .applied([.hold], [.done], .held, decision: nil)),
        Case(name: "r40-nbsp-and-punctuation", expect: approveDone),
        Case(name: "r41-hold-on-prose", expect: nothing),
        Case(
            name: "r42-outlook-desktop-multipart-1252",
            expect: .applied(
                [.reject(reason: "Needs more detail \u{2013} which library?")], [.done], .rejected, decision: .rejected)
        ),
        Case(name: "r43-bottom-post-approve", expect: approveDone),
        Case(name: "r44-bottom-post-prose", expect: nothing),
    ]

    static func item(_ status: ItemStatus) -> LearningItem {
        LearningItem(
            id: 42, status: status,
            contribution: Contribution(
                title: "Tablet loans for older residents",
                contributor: Person(name: "Ann Example", address: "ann@examplehousing.org.uk"),
                organisation: "Example Housing", learningArea: "Devices and Data", tags: ["loans"],
                summary: "Our tablet loan scheme reached 40 residents.",
                body: "Our tablet loan scheme reached 40 residents."),
            receivedAt: now - day)
    }

    @Test func everyFixtureHasARow() {
        #expect(IntakeFixtures.names("replies") == Self.cases.map(\.name).sorted())
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: cases)
    func reply(_ c: Case) throws {
        let message = IntakeFixtures.message("replies", c.name)
        #expect(!IntakeFixtures.bytes("replies", c.name).isEmpty)
        let automated = AutomatedMail.classify(message)
        if case .automated(let bounce) = c.expect {
            let kind = try #require(automated)
            if case .bounce = kind { #expect(bounce) } else { #expect(!bounce) }
            return
        }
        #expect(automated == nil, "\(String(describing: automated))")

        // What the engine does: find the token (subject or plus-address), the item it names,
        // the commands, then let the desk decide.
        let reference = ModerationToken.find(in: message)
        let itemId =
            reference?.itemId ?? reference.flatMap { ModerationTokenRecord.itemId(for: $0.token, in: Self.records) }
            ?? message.subject.flatMap { ModerationToken.itemNumber(inSubject: $0) }
        #expect(itemId == 42)
        let reply = ModerationReply.parse(message)
        let policy = ModerationDesk.Policy(
            moderators: ["facilitator@example.org", "mod2@example.org"],
            learningAreas: ["Digital Champions", "Devices and Data", "Online Safety"], communityName: "One Digital",
            trustedAuthservId: c.requireAuthentication ? "mx.example.org" : nil)
        var desk = ModerationDesk(
            item: Self.item(c.initial), tokens: Self.records, policy: policy,
            queue: [.init(id: 41, status: .pending, title: "Older item")])
        let outcome = desk.apply(
            reply.commands, by: message.from.first?.address ?? "", token: reference?.token, at: Self.now,
            authenticationResults: message.headers.all("Authentication-Results"), malformed: reply.malformed)

        switch c.expect {
        case .automated: break
        case .refused(let refusal, let replied):
            #expect(outcome.refusal == refusal)
            #expect((outcome.reply != nil) == replied)
            #expect(!outcome.changed)
            #expect(desk.item == Self.item(c.initial), "a refused reply changes nothing")
        case .applied(let commands, let results, let status, let decision):
            #expect(outcome.refusal == nil)
            #expect(outcome.steps.map(\.command) == commands)
            #expect(outcome.steps.map(\.result) == results)
            #expect(desk.item.status == status)
            #expect(outcome.statusAfter == status)
            #expect(outcome.decision == decision)
            let reply = try #require(outcome.reply)
            #expect(reply.text.contains("#42 is now \(status.rawValue)."))
            #expect(reply.text.split(separator: "\n").allSatisfy { $0.count <= 72 }, "\(reply.text)")
            if commands.isEmpty || commands.contains(.help) { #expect(reply.text.contains("* approve")) }
            // One history entry per change, never for unchanged or refused commands.
            #expect(desk.item.history.count == results.filter { $0 == .done }.count)
        }
    }

    @Test func editsLandInTheItem() throws {
        let message = IntakeFixtures.message("replies", "r10-several-commands")
        var desk = ModerationDesk(
            item: Self.item(.pending), tokens: Self.records,
            policy: .init(moderators: ["facilitator@example.org"], learningAreas: ["Online Safety"]))
        let reply = ModerationReply.parse(message)
        _ = desk.apply(
            reply.commands, by: "facilitator@example.org", token: ModerationToken.find(in: message)?.token, at: Self.now
        )
        #expect(desk.item.contribution.learningArea == "Online Safety")
        #expect(desk.item.contribution.summary == "Tablets with data SIMs for 40 residents.")
        #expect(desk.item.contribution.tags == ["loans", "scams"])
        #expect(desk.item.history.map(\.action) == ["edited", "edited", "tagged", "approved"])
        #expect(desk.item.history.allSatisfy { $0.by == "facilitator@example.org" && $0.at == Self.now })
    }

    @Test func malformedCommandEarnsTheHelp() throws {
        let reply = ModerationReply.parse(IntakeFixtures.message("replies", "r29-malformed-command"))
        #expect(reply.malformed == "edit colour red")
        var desk = ModerationDesk(
            item: Self.item(.pending), tokens: Self.records, policy: .init(moderators: ["facilitator@example.org"]))
        let outcome = desk.apply(
            reply.commands, by: "facilitator@example.org", token: ModerationToken("mbxq3kd7rtz2wp5nvc6ahs4gje"),
            at: Self.now, malformed: reply.malformed)
        let text = try #require(outcome.reply?.text)
        #expect(text.contains("Not understood: \"edit colour red\""))
        #expect(text.contains("* reject <reason>"))
    }
}
