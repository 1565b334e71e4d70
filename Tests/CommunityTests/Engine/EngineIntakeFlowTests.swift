import Foundation
import MIME
import Testing

@testable import Community

/// Contributions from the mailbox become items, with a notification to the facilitator and an
/// acknowledgement to the contributor; a crash or a power cut at the awkward moments makes no second item.
@Suite("Engine flow: intake")
struct EngineIntakeFlowTests {
    @Test func contributionsBecomeItemsWithNotificationsAndAcknowledgements() throws {
        let setup = try EngineFlow()
        setup.deliver("1.M1.test", EngineFlow.contribution(1))
        setup.deliver("2.M2.test", EngineFlow.contribution(2, from: "stranger@elsewhere.example"))
        let report = setup.round(try setup.engine())
        #expect(
            report.entries.map(\.outcome) == [
                .contribution(item: 1, title: "Lesson 1: tablets for tenants"),
                .held(
                    item: 2, title: "Lesson 2: tablets for tenants",
                    reason: report.entries.last.flatMap {
                        if case .held(_, _, let reason) = $0.outcome { return reason } else { return nil }
                    } ?? ""),
            ])
        let notifications = setup.mail(to: "facilitator@example.org")
        #expect(notifications.count == 2)
        #expect(notifications.allSatisfy { $0.subject?.contains("tok:") == true })
        #expect(notifications.allSatisfy { $0.replyTo.first?.address.hasPrefix("learning+") == true })
        let acknowledgement = setup.mail(to: "helen@examplehousing.org.uk")
        #expect(acknowledgement.count == 1)
        #expect(acknowledgement.first?.headers["Auto-Submitted"] == "auto-replied")
        // The token is stored only as a hash.
        let spool = try Spool(directory: setup.config.dataDirectory)
        let token = try #require(notifications.first.flatMap { ModerationToken.find(in: $0) }?.token)
        let stored = try String(contentsOfFile: spool.itemFolder(1) + "/tokens.json", encoding: .utf8)
        #expect(!stored.contains(token.text))
        #expect(stored.contains(token.sha256Hex))
        // Nor does the spool keep the sent notification: only its envelope and state.
        let spoolFiles = FileManager.default.enumerator(atPath: spool.root)?.allObjects as? [String] ?? []
        for file in spoolFiles where !file.hasSuffix(".eml") || file.hasPrefix("sent/") {
            let text = (try? String(contentsOfFile: spool.root + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains(token.text), "\(file) holds a token in plain text")
        }
    }

    @Test func aCrashBeforeTheMessageIsMarkedProcessedMakesNoSecondItem() throws {
        let setup = try EngineFlow()
        setup.deliver("1.M1.test", EngineFlow.contribution(1))
        _ = setup.round(try setup.engine())
        let spool = try Spool(directory: setup.config.dataDirectory)
        // As if learnmail died after making the item, before moving the raw message on, and before
        // the mailbox marked it handled: the raw message is back in incoming/, the mail waits again.
        let key = "memory-1.M1.test"
        try FileManager.default.moveItem(
            atPath: spool.path("processed", key + ".eml"), toPath: spool.path("incoming", key + ".eml"))
        setup.source.putBack(SourceKey(key))
        let again = setup.round(try setup.engine())
        #expect(again.entries.map(\.outcome) == [.duplicate(item: 1)])
        #expect(spool.itemIds() == [1])
        #expect(setup.mail(to: "facilitator@example.org").count == 1)
    }

    @Test func anItemFolderCutShortByAPowerLossIsSetAsideAndMadeAgain() throws {
        let setup = try EngineFlow()
        setup.deliver("1.M1.test", EngineFlow.contribution(1))
        _ = setup.round(try setup.engine())
        let spool = try Spool(directory: setup.config.dataDirectory)
        // The state after a power cut inside the processing commit: the item's files are empty and
        // the raw message was never marked processed.
        try Data().write(to: URL(fileURLWithPath: spool.itemFolder(1) + "/item.json"))
        let key = "memory-1.M1.test"
        try FileManager.default.moveItem(
            atPath: spool.path("processed", key + ".eml"), toPath: spool.path("incoming", key + ".eml"))
        let report = setup.round(try setup.engine())
        #expect(report.entries.map(\.outcome) == [.contribution(item: 1, title: "Lesson 1: tablets for tenants")])
        #expect(try spool.loadItem(1).contribution.title == "Lesson 1: tablets for tenants")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: spool.path("damaged")).contains {
                $0.hasPrefix("item-1-") && $0.hasSuffix(".reason")
            })
        // The facilitator gets a notification for the item made again, with a token that works.
        #expect(setup.mail(to: "facilitator@example.org").count == 2)
    }

    /// "Thanks!" in answer to learnmail's acknowledgement is held for the facilitator, not
    /// published as learning, and not acknowledged again.
    @Test func anAnswerToOurOwnMailIsHeldNotAcknowledged() throws {
        let setup = try EngineFlow()
        setup.deliver("1.M1.test", EngineFlow.contribution(1))
        _ = setup.round(try setup.engine())
        let acknowledgement = try #require(setup.mail(to: "helen@examplehousing.org.uk").first)
        setup.deliver(
            "2.M2.test",
            """
            From: Helen <helen@examplehousing.org.uk>
            To: learning@example.org
            Subject: Re: \(acknowledgement.subject ?? "")
            In-Reply-To: <\(acknowledgement.messageId ?? "")>
            Message-ID: <thanks@examplehousing.org.uk>

            Thanks, great to hear!
            """)
        let report = setup.round(try setup.engine())
        guard case .held(let id, _, let reason) = report.entries.first?.outcome else {
            Issue.record("expected a held item, got \(report.entries)")
            return
        }
        #expect(id == 2 && reason.contains("answers learnmail's own message"))
        #expect(setup.mail(to: "helen@examplehousing.org.uk").count == 1)
    }

    @Test func theSameMessageIdTwiceIsOneItem() throws {
        let setup = try EngineFlow()
        setup.deliver("1.M1.test", EngineFlow.contribution(1))
        setup.deliver("2.M2.test", EngineFlow.contribution(1))
        let report = setup.round(try setup.engine())
        #expect(report.entries.map(\.outcome).last == .duplicate(item: 1))
    }
}
