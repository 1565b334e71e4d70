import Foundation
import Testing

@testable import Community

/// The digest's opening note, its learning sets and its links to the knowledge hub.
@Suite struct DigestExtrasTests {
    static let evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
    static let extras = DigestExtras(
        note: "Welcome back! " + evil + "\n\nSee you on Thursday.",
        learningSets: [
            .init(name: "Champions in different settings", question: "What makes the champion role work?"),
            .init(name: "Quiet set", question: "Anyone?"),
        ],
        siteBaseURL: "https://learning.example.org/")

    static func items() -> [LearningItem] {
        var items = DigestRenderer.selectItems(DigestSamples.items, week: DigestSamples.week)
        items[1].learningSet = "Champions in different settings"
        items[1].contribution.attachments = [
            AttachmentRecord(filename: "plan.pdf", storedName: "1-plan.pdf", contentType: "application/pdf", size: 2048)
        ]
        return items
    }

    static func render(_ extras: DigestExtras = extras) -> RenderedDigest {
        DigestRenderer.render(
            items: items(), community: DigestSamples.community, week: DigestSamples.week,
            unsubscribeAddress: DigestSamples.unsubscribeAddress, unsubscribeURL: DigestSamples.unsubscribeURL,
            extras: extras)
    }

    @Test func theNoteOpensTheDigestEscaped() throws {
        let d = Self.render()
        let text = d.text
        let note = try #require(text.range(of: "Welcome back!"))
        #expect(note.lowerBound < text.range(of: "new pieces of learning")!.lowerBound)
        #expect(text.contains("See you on Thursday."))
        let html = d.html
        #expect(
            html.contains(
                "Welcome back! &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(
            html.range(of: "Welcome back!")!.lowerBound
                < html.range(of: "new pieces of learning this week:</p>")!.lowerBound)
        #expect(html.components(separatedBy: "<script").count == 1 && !html.contains("<img"))
    }

    @Test func learningSetsComeFirstWithTheirQuestionThenTheAreas() throws {
        let text = Self.render().text
        let set = try #require(text.range(of: "LEARNING SET: CHAMPIONS IN DIFFERENT SETTINGS (1)"))
        let question = try #require(text.range(of: "What makes the champion role work?"))
        let firstArea = try #require(text.range(of: "DIGITAL CHAMPIONS ("))
        #expect(set.lowerBound < question.lowerBound && question.lowerBound < firstArea.lowerBound)
        // A set with nothing new this week still opens the digest, with how to add to it.
        #expect(text.contains("LEARNING SET: QUIET SET (0)"))
        #expect(
            text.replacingOccurrences(of: "\n", with: " ").contains(
                "with the line \"Set: Quiet set\" at the top of your message."))
        let html = Self.render().html
        #expect(html.contains("Learning set: Champions in different settings <span"))
        #expect(html.contains("<p style=\"margin:0 0 12px;font-style:italic;\">What makes the champion role work?</p>"))
    }

    @Test func itemsLinkToTheirHubPagesWhenTheHubHasAnAddress() {
        let d = Self.render()
        let item = Self.items()[1]
        let page = "https://learning.example.org/" + SitePaths.item(item)
        #expect(d.text.contains("Read it on the knowledge hub:\n  \(page)"))
        #expect(d.html.contains("<a href=\"\(page)\" style=\"color:inherit;\">"))
        #expect(d.text.contains("  https://learning.example.org/files/\(item.id)/1-plan.pdf"))
        #expect(!d.text.contains("ask the facilitator for a copy"))
        // Without an address: no links, attachments by request as before.
        let plain = Self.render(DigestExtras(note: nil, learningSets: [], siteBaseURL: nil))
        #expect(!plain.text.contains("knowledge hub") && plain.text.contains("ask the facilitator for a copy"))
    }

    @Test func everyTextLineFitsAPhone() {
        for line in Self.render().text.split(separator: "\n") where line.count > 72 {
            // Only a single unbreakable word (a long URL, after its "- ") may run over.
            #expect(!line.trimmingCharacters(in: .whitespaces).dropFirst(2).contains(" "), "\(line)")
        }
    }

    @Test func noExtrasIsTheDigestAsBefore() {
        let before = DigestSamples.render()
        let now = DigestRenderer.render(
            items: DigestRenderer.selectItems(DigestSamples.items, week: DigestSamples.week),
            community: DigestSamples.community, week: DigestSamples.week,
            unsubscribeAddress: DigestSamples.unsubscribeAddress, unsubscribeURL: DigestSamples.unsubscribeURL,
            extras: .none)
        #expect(before.text == now.text && before.html == now.html)
    }
}
