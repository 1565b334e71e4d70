import Foundation
import MIME
import Testing

@testable import Community
@testable import LearnMailCLI

/// The day before the digest each moderator gets its preview; a reply with the preview's token
/// holds an item back and adds the opening note; a forged reply without it changes nothing.
@Suite("Digest preview, end to end")
struct DigestPreviewFlowTests {
    static func reply(to preview: Message, from sender: String, subject: String? = nil, _ body: String) -> String {
        """
        From: Fran <\(sender)>
        To: learning@example.org
        Subject: \(subject ?? "Re: " + (preview.subject ?? ""))
        Date: Sun, 22 Nov 2026 11:00:00 +0000
        Message-ID: <\(UUID().uuidString)@example.org>
        In-Reply-To: <\(preview.messageId ?? "")>
        Content-Type: text/plain; charset=utf-8

        \(body)

        On Sun, 22 Nov 2026 at 10:00, Test Community wrote:
        > hold 2

        """
    }

    @Test func aPreviewReplyHoldsAnItemAndAddsTheNoteAForgedOneChangesNothing() throws {
        let setup = try MaildirFlow.Setup(at: "2026-11-21T08:00:00Z")
        for n in 1...3 { try setup.deliver("\(n).M\(n).t", MaildirFlow.contribution(n)) }
        let engine = try setup.engine()
        _ = try setup.round(engine)
        for id in 1...3 { _ = try engine.moderation.applyFromConsole([.approve], item: id, by: "test") }
        _ = try engine.subscriptions.add("reader@example.net")

        // Sunday 10:00, the digest is due Monday 09:00: the preview goes out, once.
        setup.clock.now = ISO8601UTC.date(from: "2026-11-22T10:00:00Z")!
        _ = try setup.round(engine)
        _ = try setup.round(engine)
        let previews = try setup.mail(to: "facilitator@example.org").filter {
            $0.subject?.contains("Preview:") == true
        }
        #expect(previews.count == 1)
        let preview = try #require(previews.first)
        #expect(preview.subject?.hasPrefix("[learnmail digest 2026-W48 tok:") == true)
        #expect(preview.textBody?.contains("Lesson 2: tablets for tenants") == true)

        // Forged: the right subject without the token, and the token from someone else.
        try setup.deliver(
            "4.M4.t",
            Self.reply(
                to: preview, from: "facilitator@example.org", subject: "Re: [learnmail digest 2026-W48] Preview",
                "hold 1\nnote\nForged\nend"))
        try setup.deliver("5.M5.t", Self.reply(to: preview, from: "mallory@example.org", "hold 1\nnote\nForged\nend"))
        let forged = try setup.round(engine)
        #expect(
            forged.entries.allSatisfy { if case .refused = $0.outcome { true } else { false } }, "\(forged.entries)")
        #expect(engine.digests.note() == nil)
        #expect(engine.digests.heldBack(from: "2026-W48").isEmpty)

        // The facilitator's reply with the token.
        try setup.deliver(
            "6.M6.t",
            Self.reply(to: preview, from: "facilitator@example.org", "hold 2\nnote\nWelcome, all <b>partners</b>!\nend")
        )
        let answered = try setup.round(engine)
        #expect(answered.entries.count == 1)
        guard case .moderated(nil, "facilitator@example.org", let result)? = answered.entries.first?.outcome else {
            Issue.record("not answered: \(answered.entries)")
            return
        }
        #expect(result.contains("#2 held back") && result.contains("the note is set"))
        #expect(engine.digests.heldBack(from: "2026-W48") == [2])

        // Monday: the digest opens with the note and leaves #2 for next week.
        setup.clock.now = ISO8601UTC.date(from: "2026-11-23T09:30:00Z")!
        _ = try setup.round(engine)
        let digest = try #require(try setup.mail(to: "reader@example.net").last)
        let text = try #require(digest.textBody)
        #expect(text.contains("Welcome, all <b>partners</b>!"))
        #expect(text.contains("Lesson 1:") && text.contains("Lesson 3:") && !text.contains("Lesson 2:"))
        #expect(try engine.spool.loadItem(2).status == .approved)
        setup.clock.now = ISO8601UTC.date(from: "2026-11-30T09:30:00Z")!
        _ = try setup.round(engine)
        let next = try #require(try setup.mail(to: "reader@example.net").last?.textBody)
        #expect(next.contains("Lesson 2:") && !next.contains("Welcome, all"))
    }
}
