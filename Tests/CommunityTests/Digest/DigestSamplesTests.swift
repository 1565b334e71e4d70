import Foundation
import MIME
import Testing

@testable import Community

/// A realistic week of approved learning for the golden files and docs/digest-sample.txt.
enum DigestSamples {
    static let community = ListIdentity(
        name: "One Digital Community of Practice", address: "learning@example.org", listId: "learning.example.org",
        learningAreas: ["Digital Champions", "Online Safety", "Accessibility", "Funding and Partnerships"],
        unsubscribeURL: "https://learning.example.org/unsubscribe?token={token}")
    static let week = "2026-W48"
    static let unsubscribeAddress = "learning+unsubscribe-q7zx4wd2yptak3mbq7zx4wd2yp@example.org"
    static let unsubscribeURL = "https://learning.example.org/unsubscribe?token=q7zx4wd2yptak3mbq7zx4wd2yp"

    static func item(
        _ id: Int, _ title: String, by name: String?, _ address: String, org: String?, area: String, summary: String,
        body: String = "", links: [String] = [], files: [(String, Int)] = [], tags: [String] = [],
        status: ItemStatus = .approved, digestWeek: String? = nil
    ) -> LearningItem {
        LearningItem(
            id: id, status: status,
            contribution: Contribution(
                title: title, contributor: Person(name: name, address: address), organisation: org, learningArea: area,
                tags: tags, summary: summary, body: body, links: links,
                attachments: files.enumerated().map { i, f in
                    AttachmentRecord(
                        filename: f.0, storedName: "\(i + 1).bin", contentType: "application/octet-stream", size: f.1)
                }),
            receivedAt: ISO8601UTC.date(from: "2026-11-18T10:00:00Z")!, digestWeek: digestWeek)
    }

    static let items: [LearningItem] = [
        item(
            47, "Large-print guides and a screen reader corner", by: "Priya Shah", "priya@rnib-partner.example.org",
            org: "Northfield Sight Loss Council", area: "accessibility",
            summary: "We printed our \"getting online\" guides in 18 pt on cream paper and set up one laptop with NVDA "
                + "and a good headset. Three learners who had given up on computers came back the following week.",
            links: ["https://www.nvaccess.org/download/"],
            files: [("large-print-guide.pdf", 48_213), ("room-layout.jpg", 1_302_528)],
            tags: ["sight loss", "assistive technology"]),
        item(
            41, "Drop-in sessions in the library: what worked after six months", by: "Ann Example",
            "ann@examplehousing.org.uk",
            org: "Example Housing", area: "Digital Champions",
            summary: "Short, regular slots beat long workshops. We moved from a monthly two-hour class to a weekly "
                + "45-minute drop-in, with one champion per two learners.\n\nAttendance doubled, and people brought "
                + "their own phones, which meant we solved the problems they actually had.",
            links: ["https://www.example.org/blog/library-drop-ins"], tags: ["drop-in", "libraries"]),
        item(
            44, "Spotting scam texts: a ten-minute activity that sticks", by: "Dafydd Jones",
            "dafydd@cymru-digital.example",
            org: "Cymru Digital Inclusion", area: "Online Safety",
            summary: "We show six real text messages (names removed) and ask the group to sort them into \"real\" and "
                + "\"scam\". The discussion afterwards is where the learning happens: people share what made them "
                + "suspicious.",
            links: [
                "https://www.ncsc.gov.uk/collection/phishing-scams",
                "https://www.example.org/resources/scam-texts-activity-cards-v2-final-printable-a4-double-sided.pdf",
            ], files: [("scam-text-cards.docx", 31_744)]),
        item(
            42, "Recruiting champions through the job centre", by: nil, "volunteering@westgate-trust.example",
            org: "Westgate Community Trust", area: "Digital Champions",
            summary: "",
            body: "Our local job centre now mentions volunteering as a digital champion to people looking for work "
                + "experience. Eight new champions in two months, and two of them have since found paid work, "
                + "partly thanks to the reference we wrote.\n\nThanks to the work coach who suggested it!"),
        item(
            45, "Helping people set up the NHS App before their appointment", by: "Grace O'Neill",
            "grace@healthylives.example",
            org: nil, area: "General",
            summary: "A GP surgery sends us a list of patients who asked for help. Booking a 20-minute slot the week "
                + "before the appointment works better than helping on the day.",
            tags: ["health"]),
        item(
            46, "Two ways to fund devices for learners", by: "Sam Patel", "sam@examplehousing.org.uk",
            org: "Example Housing", area: "Funding and Partnerships",
            summary:
                "Refurbished laptops from a local business, and a data-bank SIM scheme for those without home broadband.",
            links: ["https://www.example.org/national-databank"]),
        // Not part of the digest: pending, rejected, or sent in an earlier week.
        item(48, "Still pending", by: "X", "x@example.org", org: nil, area: "General", summary: "no", status: .pending),
        item(43, "Rejected", by: "X", "x@example.org", org: nil, area: "General", summary: "no", status: .rejected),
        item(
            40, "Sent last week", by: "X", "x@example.org", org: nil, area: "General", summary: "no",
            status: .published,
            digestWeek: "2026-W47"),
    ]

    static func render(_ items: [LearningItem] = DigestRenderer.selectItems(items, week: week)) -> RenderedDigest {
        DigestRenderer.render(
            items: items, community: community, week: week, unsubscribeAddress: unsubscribeAddress,
            unsubscribeURL: unsubscribeURL)
    }
}

/// Golden files under Fixtures/digest/, compared line by line; `LEARNMAIL_UPDATE_GOLDEN=1 swift test`
/// rewrites them in the source tree (then review the diff).
enum DigestGolden {
    static func check(_ actual: String, _ name: String, sourceFile: String = #filePath) throws {
        let source = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/digest/\(name)")
        if ProcessInfo.processInfo.environment["LEARNMAIL_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: source)
            return
        }
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let expected = try String(contentsOf: dir.appendingPathComponent("digest/\(name)"), encoding: .utf8)
        if expected == actual { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        let want = line < e.count ? String(e[line]) : "<end>"
        let got = line < a.count ? String(a[line]) : "<end>"
        Issue.record("\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)")
    }
}

@Suite struct DigestSamplesTests {
    @Test func selectsApprovedUnsentItemsInIdOrder() {
        let ids = DigestRenderer.selectItems(DigestSamples.items, week: "2026-W48").map(\.id)
        #expect(ids == [41, 42, 44, 45, 46, 47])
        // Re-rendering the week already marked keeps the same items; other weeks' items never come back.
        var marked = DigestSamples.items
        for i in marked.indices where ids.contains(marked[i].id) {
            marked[i].status = .published
            marked[i].digestWeek = "2026-W48"
        }
        #expect(DigestRenderer.selectItems(marked, week: "2026-W48").map(\.id) == ids)
        #expect(DigestRenderer.selectItems(marked, week: "2026-W49").isEmpty)
    }

    @Test func goldenText() throws {
        try DigestGolden.check(DigestSamples.render().text, "sample.txt")
    }

    @Test func goldenHTML() throws {
        try DigestGolden.check(DigestSamples.render().html, "sample.html")
    }

    @Test func goldenEmptyWeek() throws {
        let d = DigestSamples.render([])
        #expect(d.subject.hasSuffix("no new learning"))
        try DigestGolden.check(d.text, "empty.txt")
    }

    /// The digest as the engine sends it: text and HTML go out readable (7bit or quoted-printable,
    /// not base64), and the parsed message gives back the same text, HTML and list headers.
    @Test func roundTripsThroughOutgoingMail() throws {
        let d = DigestSamples.render()
        let mail = OutgoingMail(
            from: MailAddress(name: DigestSamples.community.name, address: DigestSamples.community.address),
            to: [MailAddress(name: nil, address: "ann@example.org")], subject: d.subject,
            date: Date(timeIntervalSince1970: 1_795_424_400), messageId: "digest-2026-W48@example.org",
            extraHeaders: d.headers, text: d.text, html: d.html)
        let bytes = mail.rendered()
        let raw = String(decoding: bytes, as: UTF8.self)
        #expect(!raw.contains("Content-Transfer-Encoding: base64"))
        let back = Message(bytes)
        #expect(back.subject == d.subject)
        #expect(back.textBody == d.text)
        #expect(back.htmlBody == d.html)
        #expect(back.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        #expect(back.headers["List-Id"] == "\"One Digital Community of Practice\" <learning.example.org>")
    }
}
