import Foundation
import MIME
import Testing

@testable import Community
@testable import LearnMailCLI

/// Learning sets through the whole flow: an item joins by its dates and area, by a `Set:` line,
/// or by a moderator's `set NAME` reply; the digest opens with the set and its question; the hub
/// built after the digest has the set's page.
@Suite("Learning sets and the hub, end to end")
struct LearningSetFlowTests {
    static let config = """
        ,
         "learningAreas": [{"name": "Digital Champions", "keywords": ["champion", "champions"]},
                           {"name": "Devices and data", "keywords": ["tablet", "tablets"]}],
         "learningSets": [{"name": "Champions in different settings", "from": "2026-11-02", "to": "2027-01-29",
                           "question": "What makes the champion role work in different organisations?",
                           "areas": ["Digital Champions"]},
                          {"name": "Lending", "from": "2026-01-01", "to": "2026-01-31"}],
         "site": {"directory": "site", "baseURL": "https://learning.example.org/hub"}
        """

    static func message(_ n: Int, subject: String, body: String) -> String {
        """
        From: Helen <helen@examplehousing.org.uk>
        To: learning@example.org
        Subject: \(subject)
        Date: Mon, 23 Nov 2026 07:5\(n):00 +0000
        Message-ID: <set-\(n)@examplehousing.org.uk>
        Content-Type: text/plain; charset=utf-8

        \(body)

        """
    }

    @Test func anItemJoinsBySetDatesByItsSetLineAndByAModeratorsReply() throws {
        let setup = try MaildirFlow.Setup(extraConfig: Self.config)
        try setup.deliver("1.M1.t", Self.message(1, subject: "Our champions at the food bank", body: "Champions help."))
        try setup.deliver(
            "2.M2.t", Self.message(2, subject: "Tablet loans", body: "Set: lending\n\nWe lent tablets for a month."))
        try setup.deliver("3.M3.t", Self.message(3, subject: "Tablet insurance", body: "Tablets break; insure them."))
        let engine = try setup.engine()
        _ = try setup.round(engine)
        let items = engine.spool.loadItems().sorted { $0.id < $1.id }
        #expect(items.map(\.learningSet) == ["Champions in different settings", "Lending", nil])

        // The facilitator replies to item 3's notification with "set …" and approves.
        let notification = try #require(
            try setup.mail(to: "facilitator@example.org").first { $0.subject?.contains("#3") == true })
        #expect(ModerationToken.find(in: notification)?.itemId == 3)
        let reply = """
            From: Fran <facilitator@example.org>
            To: learning@example.org
            Subject: Re: \(notification.subject ?? "")
            Date: Mon, 23 Nov 2026 08:10:00 +0000
            Message-ID: <reply-3@example.org>
            In-Reply-To: <\(notification.messageId ?? "")>
            Content-Type: text/plain; charset=utf-8

            set Champions in different settings
            approve

            """
        try setup.deliver("4.M4.t", reply)
        _ = try setup.round(engine)
        #expect(try engine.spool.loadItem(3).learningSet == "Champions in different settings")
        #expect(try engine.spool.loadItem(3).status == .approved)
        _ = try engine.moderation.applyFromConsole([.approve], item: 1, by: "test")
        _ = try engine.moderation.applyFromConsole([.approve], item: 2, by: "test")
        _ = try engine.subscriptions.add("reader@example.net")

        // Monday's digest opens with the running set, its question and its two items.
        _ = try engine.digests.setNote("Welcome to the new set! <b>Tell us</b> what works.", by: "test")
        setup.clock.now = ISO8601UTC.date(from: "2026-11-23T09:30:00Z")!
        let digest = try engine.digests.sendNow()
        let text = try String(contentsOfFile: try #require(digest.textPath), encoding: .utf8)
        let note = try #require(text.range(of: "Welcome to the new set! <b>Tell us</b> what works."))
        let set = try #require(text.range(of: "LEARNING SET: CHAMPIONS IN DIFFERENT SETTINGS (2)"))
        let question = try #require(text.range(of: "What makes the champion role work in different"))
        let lending = try #require(text.range(of: "LEARNING SET: LENDING (1)"))
        #expect(note.lowerBound < set.lowerBound && set.lowerBound < question.lowerBound)
        #expect(question.lowerBound < lending.lowerBound)
        let html = try String(contentsOfFile: try #require(digest.htmlPath), encoding: .utf8)
        #expect(html.contains("Welcome to the new set! &lt;b&gt;Tell us&lt;/b&gt; what works."))
        #expect(html.contains("https://learning.example.org/hub/items/1-our-champions-at-the-food-bank.html"))

        // The hub was built after the digest, with the set's page and the items' JSON carries the set.
        let site = setup.folder + "/site"
        let setPage = try String(contentsOfFile: site + "/sets/champions-in-different-settings.html", encoding: .utf8)
        #expect(setPage.contains("Our champions at the food bank") && setPage.contains("Tablet insurance"))
        #expect(!setPage.contains("Tablet loans"))
        #expect(FileManager.default.fileExists(atPath: site + "/items/1-our-champions-at-the-food-bank.html"))
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(try engine.spool.loadItem(2)))
        #expect((json as? [String: Any])?["learningSet"] as? String == "Lending")
        // The note was for that digest only.
        #expect(engine.digests.note() == nil)
    }
}
