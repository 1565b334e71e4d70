import CommunityFakes
import Foundation
import MIME
import MailAdapters
import Testing

@testable import Community
@testable import LearnMailCLI

/// Only a report at a reader's own VERP address, or a refusal while learnmail itself sends, counts
/// as that reader's bounce: anyone can write a delivery report naming anyone.
@Suite("Forged bounces")
struct ForgedBounceTests {
    static let reader = "ann.old@examplehousing.org.uk"

    /// Postfix's DSN for an unknown user naming `reader`, delivered to `address`.
    static func report(to address: String) throws -> String {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CommunityTests/Fixtures/bounces/postfix-user-unknown.eml")
        let text = try String(contentsOf: fixture, encoding: .utf8)
        // Only the envelope (Delivered-To, To) moves; the report inside still names the reader.
        return text.replacingOccurrences(
            of: "Delivered-To: learning+bounce-k3mbq7zx4wd2ypta@example.org", with: "Delivered-To: \(address)"
        )
        .replacingOccurrences(of: "To: learning+bounce-k3mbq7zx4wd2ypta@example.org", with: "To: \(address)")
    }

    /// Delivers `report` on `days` successive days, one round each; returns the outcomes.
    static func deliver(
        _ report: String, days: Int, setup: MaildirFlow.Setup, engine: Engine
    ) throws -> [RunReport.Outcome] {
        var outcomes: [RunReport.Outcome] = []
        for day in 0..<days {
            setup.clock.now = ISO8601UTC.date(from: "2026-11-23T10:00:00Z")!.addingTimeInterval(Double(day) * 86_400)
            try Data(report.utf8).write(to: URL(fileURLWithPath: "\(setup.folder)/maildir/new/\(day).forged.test"))
            outcomes += try setup.round(engine).entries.map(\.outcome)
        }
        return outcomes
    }

    @Test(arguments: ["learning@example.org", "learning+bounces@example.org", "learning+bounce-guessed1@example.org"])
    func aReportAtAnyOtherAddressChangesNobody(_ address: String) throws {
        let setup = try MaildirFlow.Setup()
        let engine = try setup.engine()
        _ = try engine.subscriptions.add(Self.reader)
        // Three times the limit, each on a day of its own (one bounce a day would count).
        let outcomes = try Self.deliver(try Self.report(to: address), days: 9, setup: setup, engine: engine)
        #expect(outcomes.count == 9)
        for outcome in outcomes {
            guard case .ignored(let reason) = outcome else {
                Issue.record("expected the report to be ignored, got \(outcome)")
                continue
            }
            #expect(reason.contains("not counted") && reason.contains(Self.reader))
        }
        let subscriber = try #require(try engine.spool.loadSubscribers().subscriber(address: Self.reader))
        #expect(subscriber.status == .active && subscriber.bounceCount == 0)
        #expect(try setup.mail(to: "facilitator@example.org").isEmpty)  // no "disabled" note either
    }

    @Test func theSameReportAtTheReadersVERPAddressCounts() throws {
        let setup = try MaildirFlow.Setup()
        let engine = try setup.engine()
        _ = try engine.subscriptions.add(Self.reader)
        let token = try #require(try engine.spool.loadSubscribers().subscriber(address: Self.reader)?.bounceToken)
        let outcomes = try Self.deliver(
            try Self.report(to: "learning+bounce-\(token)@example.org"), days: 3, setup: setup, engine: engine)
        #expect(
            outcomes.allSatisfy {
                if case .bounce(let address, _) = $0 { return address == Self.reader } else { return false }
            })
        #expect(try engine.spool.loadSubscribers().subscriber(address: Self.reader)?.status == .disabled)
    }

    @Test func aRefusalWhileLearnmailSendsCounts() throws {
        let setup = try MaildirFlow.Setup(
            at: "2026-11-23T08:00:00Z", extraConfig: #", "limits": {"hardBouncesToDisable": 1}"#)
        let engine = try setup.digestQueued(to: [Self.reader, "fine@example.net"])
        let sink = RefusingSink(try DirectoryMailSink(path: setup.folder + "/outbox"), refusing: [Self.reader])
        let report = try engine.delivery.sendQueued(through: sink)
        #expect(report.refusals.map(\.address) == [Self.reader])
        let subscribers = try engine.spool.loadSubscribers()
        #expect(subscribers.subscriber(address: Self.reader)?.status == .disabled)
        #expect(subscribers.subscriber(address: "fine@example.net")?.status == .active)
    }
}
