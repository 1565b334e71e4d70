import Foundation
import Testing

@testable import Community

@Suite struct ModerationTextsTests {
    static let now = Date(timeIntervalSince1970: 1_795_600_000)

    static let item = LearningItem(
        id: 42,
        contribution: Contribution(
            title: "Tablet loans for older residents in three of our sheltered housing schemes this autumn",
            contributor: Person(name: "Ann Example", address: "ann@examplehousing.org.uk"),
            organisation: "Example Housing",
            learningArea: "Devices and Data", tags: ["tablets", "loans"],
            summary: "Our tablet loan scheme reached 40 residents this autumn. Each tablet came with a data SIM.",
            body: String(
                repeating: "Our tablet loan scheme reached forty residents and each came with a SIM. ", count: 6)
                + "\n\nhttps://www.example-housing.org.uk/a/very/long/link/that/cannot/be/broken/without/breaking/it",
            links: ["https://www.example-housing.org.uk/tablets"],
            attachments: [
                AttachmentRecord(
                    filename: "Taster plan.pdf", storedName: "1-Taster-plan.pdf", contentType: "application/pdf",
                    size: 48_213)
            ],
            messageId: "m@x", forwardedFrom: Person(name: "Bob", address: "bob@x.org")),
        receivedAt: now)

    static func longLines(_ text: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.count > 72 && $0.contains(" ") }
    }

    @Test func notificationCarriesEverythingAModeratorNeeds() {
        let token = ModerationToken("mbxq3kd7rtz2wp5nvc6ahs4gje")!
        let text = ModerationTexts.notification(
            item: Self.item, token: token, policy: .init(moderators: ["fac@example.org"]),
            authentication: "dkim=pass spf=pass dmarc=pass (mx.example.org)")
        #expect(text.subject.hasPrefix("[learnmail #42 tok:mbxq3kd7rtz2wp5nvc6ahs4gje] New: Tablet loans"))
        for needle in [
            "#42", "Ann Example <ann@examplehousing.org.uk>", "Example Housing", "Devices and Data", "tablets, loans",
            "Taster plan.pdf (application/pdf, 47 KB)", "dkim=pass", "Forwarded:", "Bob <bob@x.org>",
            "https://www.example-housing.org.uk/tablets", "* approve", "* reject <reason>", "Our tablet loan scheme",
        ] {
            #expect(text.text.contains(needle), "missing \(needle)")
        }
        #expect(Self.longLines(text.text).isEmpty, "\(Self.longLines(text.text))")
        // The first lines say what to do (read on a phone, the top is what is seen).
        #expect(text.text.split(separator: "\n").prefix(2).joined().contains("approve"))
        // Quoted back without ">" (Outlook), no line of the notification is a command.
        #expect(ModerationReply.parse(text.text).commands.isEmpty)
        for line in text.text.split(separator: "\n") {
            #expect(ModerationCommand.parse(line: String(line)) == nil, "\(line)")
        }
    }

    @Test func contributorNotes() {
        let ack = ContributorTexts.acknowledgement(item: Self.item, communityName: "One Digital")
        #expect(ack.subject.hasPrefix("Received as #42, awaiting review: "))
        #expect(ack.text.contains("received as #42"))
        let published = ContributorTexts.published(
            item: Self.item, communityName: "One Digital", digestWeek: "2026-W49")
        #expect(published.subject.hasPrefix("Published: #42 "))
        #expect(published.text.contains("2026-W49"))
        let declined = ContributorTexts.declined(
            item: Self.item, reason: "Not about digital skills", communityName: "One Digital")
        #expect(declined.subject.hasPrefix("Declined: #42 "))
        #expect(declined.text.contains("The facilitator's reason: Not about digital skills"))
        let noReason = ContributorTexts.declined(item: Self.item, reason: nil, communityName: "One Digital")
        #expect(noReason.text.contains("No reason was given."))
        for text in [
            ack, published, declined, noReason, ContributorTexts.heldForReview(item: Self.item, communityName: "C"),
        ] {
            #expect(Self.longLines(text.text).isEmpty, "\(text.text)")
            #expect(text.subject.count <= 200)
        }
    }

    @Test(arguments: [
        (0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KB"), (48_213, "47 KB"), (1_048_576, "1.0 MB"),
        (2_621_440, "2.5 MB"),
    ])
    func sizes(bytes: Int, text: String) {
        #expect(ModerationTexts.sizeText(bytes) == text)
    }

    @Test(arguments: [
        ("one two three", 7, "one two\nthree"), ("a\n\nb", 72, "a\n\nb"),
        ("averyveryverylongword x", 5, "averyveryverylongword\nx"),
        ("  - a list item that wraps", 16, "  - a list item\n  that wraps"),
    ])
    func wrapping(text: String, width: Int, expected: String) {
        #expect(TextLayout.wrap(text, width: width) == expected)
    }
}
