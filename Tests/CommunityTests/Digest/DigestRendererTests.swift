import CommunityFakes
import Foundation
import Testing

@testable import Community

@Suite struct DigestRendererTests {
    static let hostile = DigestSamples.item(
        50, "<script>alert(\"title\")</script> & \"quotes\" 'too'", by: "Eve <b>Bold</b>\"", "eve@example.org",
        org: "\"><img src=x onerror=alert(1)>", area: "<i>Area</i>",
        summary: "Line one <style>body{display:none}</style>\n\n</p><script src=\"https://evil.example/x.js\"></script>"
            + "\u{202E}reversed\u{200B}",
        links: [
            "javascript:alert(document.cookie)", "https://example.org/?a=1&b=\"2\"'><script>x</script>",
            "data:text/html,<script>alert(1)</script>",
        ],
        files: [("<svg onload=alert(1)>.pdf", 10)], tags: ["<tag>", "a\"b"])

    @Test func userContentIsEscapedEverywhereInHTML() {
        let html = DigestSamples.render([Self.hostile]).html
        // No markup of the contributor's survives: only our own tags, no script, style, img, svg, i or b.
        for bad in [
            "<script", "<style>body", "<img", "<svg", "<i>", "<b>", "\"><img", "href=\"javascript:", "href=\"data:",
        ] {
            #expect(!html.contains(bad), "\(bad)")
        }
        #expect(
            html.contains(
                "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(
            html.contains(
                "href=\"https://example.org/?a=1&amp;b=&quot;2&quot;&#39;&gt;&lt;script&gt;x&lt;/script&gt;\""))
        #expect(html.contains("javascript:alert(document.cookie)"))  // shown as text, not as a link
        #expect(html.contains("&lt;i&gt;Area&lt;/i&gt;"))
        // Bidi overrides and zero-width characters are dropped.
        #expect(!html.contains("\u{202E}") && !html.contains("\u{200B}"))
        #expect(html.components(separatedBy: "<script").count == 1)
    }

    @Test func textFormHasNoControlCharactersAndWrapsAt72() {
        let d = DigestSamples.render()
        for line in d.text.split(separator: "\n") where line.count > 72 {
            // Only a single unbreakable word (a long URL) may run over.
            #expect(!line.trimmingCharacters(in: .whitespaces).dropFirst(2).contains(" "), "\(line)")
        }
        let hostile = DigestSamples.render([Self.hostile]).text
        #expect(!hostile.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!hostile.contains("\u{202E}"))
    }

    @Test func groupsByConfiguredAreaOrderThenOthersWithCounts() {
        let groups = DigestRenderer.group(
            DigestRenderer.selectItems(DigestSamples.items, week: DigestSamples.week),
            areas: DigestSamples.community.learningAreas)
        #expect(
            groups.map(\.area) == [
                "Digital Champions", "Online Safety", "Accessibility", "Funding and Partnerships", "General",
            ])
        #expect(groups.map(\.items.count) == [2, 1, 1, 1, 1])
        // "accessibility" in the item matched the configured "Accessibility" and shows the configured spelling.
        #expect(groups[2].items.map(\.id) == [47])
        let html = DigestSamples.render().html
        #expect(html.contains(">Accessibility <span style=\"font-weight:normal;\">(1)</span></h2>"))
    }

    @Test func htmlIsAPhoneFriendlyDarkModeAwareSingleColumn() {
        let html = DigestSamples.render().html
        for needle in [
            "<!DOCTYPE html>", "<html lang=\"en-GB\">", "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"color-scheme\" content=\"light dark\">", "@media (prefers-color-scheme: dark)",
            "max-width:600px", "<h1", "<h2", "<h3",
        ] {
            #expect(html.contains(needle), "\(needle)")
        }
        #expect(!html.contains("<img"))
        // The only table is Outlook's, inside conditional comments that every other client ignores.
        #expect(html.components(separatedBy: "<table").count == 2)
        #expect(html.contains("<!--[if mso]><table role=\"presentation\" width=\"600\""))
        #expect(html.contains("mso-hide:all;\">6 new pieces of learning: Digital Champions (2), Online Safety (1)"))
    }

    @Test func headersWithAndWithoutOneClickURL() {
        let d = DigestSamples.render()
        let h = Dictionary(d.headers, uniquingKeysWith: { a, _ in a })
        #expect(h["List-Id"] == "\"One Digital Community of Practice\" <learning.example.org>")
        #expect(
            h["List-Unsubscribe"]
                == "<mailto:\(DigestSamples.unsubscribeAddress)?subject=unsubscribe>, <\(DigestSamples.unsubscribeURL)>"
        )
        #expect(h["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click")
        #expect(h["Precedence"] == "bulk")
        #expect(h["Auto-Submitted"] == "auto-generated")
        #expect(h["List-Help"] == "<mailto:learning@example.org?subject=help>")
        // Without a URL, or with a plain-http one (RFC 8058 requires https): mailto only, no Post header.
        for url in [nil, "http://learning.example.org/u"] as [String?] {
            let plain = DigestHeaders.make(
                list: DigestSamples.community, unsubscribeAddress: "learning+unsubscribe-x@example.org",
                unsubscribeURL: url)
            #expect(
                plain.first { $0.0 == "List-Unsubscribe" }?.1
                    == "<mailto:learning+unsubscribe-x@example.org?subject=unsubscribe>")
            #expect(!plain.contains { $0.0 == "List-Unsubscribe-Post" })
        }
    }

    @Test func headerValuesCannotBeInjected() {
        let evil = ListIdentity(
            name: "Evil\r\nBcc: victim@example.org \"quoted\"", address: "learning@example.org",
            listId: "list.example.org>\r\nX-Injected: 1")
        let headers = DigestHeaders.make(
            list: evil, unsubscribeAddress: "learning+unsubscribe-x@example.org>\r\nX: y",
            unsubscribeURL: "https://a.example/\r\nX: z")
        for (_, value) in headers {
            #expect(!value.contains("\r") && !value.contains("\n"))
        }
        #expect(headers[0].1 == "\"Evil Bcc: victim@example.org quoted\" <list.example.orgX-Injected:1>")
        // A non-ASCII community name cannot go into a quoted phrase: the id alone.
        let welsh = ListIdentity(
            name: "Cymuned Ddigidol — Dysgu", address: "dysgu@example.cymru", listId: "dysgu.example.cymru")
        #expect(DigestHeaders.listId(welsh) == "<dysgu.example.cymru>")
    }

    @Test func eachSubscriberGetsTheirOwnUnsubscribeAddress() throws {
        var rng = SplitMix64(seed: 42)
        var subscribers = SubscriberList()
        try subscribers.add("ann@example.org", now: Date(timeIntervalSince1970: 0), using: &rng)
        try subscribers.add("bob@example.org", now: Date(timeIntervalSince1970: 0), using: &rng)
        let community = DigestSamples.community
        let items = DigestRenderer.selectItems(DigestSamples.items, week: DigestSamples.week)
        let copies = subscribers.active.map { s in
            DigestRenderer.render(
                items: items, community: community, week: DigestSamples.week,
                unsubscribeAddress: community.unsubscribeAddress(for: s),
                unsubscribeURL: community.unsubscribeURL(for: s))
        }
        let ann = subscribers.subscriber(address: "ann@example.org")!
        let bob = subscribers.subscriber(address: "bob@example.org")!
        #expect(copies[0].text.contains("learning+unsubscribe-\(ann.unsubscribeToken)@example.org"))
        #expect(!copies[0].text.contains(bob.unsubscribeToken))
        #expect(copies[1].html.contains("https://learning.example.org/unsubscribe?token=\(bob.unsubscribeToken)"))
        #expect(copies[0].subject == copies[1].subject)
        // Same input, same bytes.
        #expect(DigestSamples.render().html == DigestSamples.render().html)
    }

    @Test(arguments: [
        (0, "0 bytes"), (1023, "1023 bytes"), (1024, "1 KB"), (48_213, "47 KB"), (1_302_528, "1.2 MB"),
        (26_214_400, "25.0 MB"),
    ])
    func sizes(bytes: Int, text: String) {
        #expect(DigestRenderer.size(bytes) == text)
    }

    @Test(arguments: [
        ("2026-W48", "23 November 2026"), ("2026-W01", "29 December 2025"), ("2026-W53", "28 December 2026"),
        ("nonsense", "nonsense"),
    ])
    func weekLabels(week: String, label: String) {
        #expect(DigestRenderer.weekLabel(week) == label)
    }

    @Test func subjectCountsItems() {
        #expect(
            DigestSamples.render().subject
                == "One Digital Community of Practice digest, week of 23 November 2026: 6 new pieces of learning")
        #expect(DigestSamples.render([Self.hostile]).subject.hasSuffix(": 1 new piece of learning"))
    }

    @Test func longSummariesAndBodiesAreCut() {
        var item = DigestSamples.items[1]
        item.contribution.summary = String(repeating: "word ", count: 1000)
        let text = DigestSamples.render([item]).text
        #expect(text.contains("word …"))
        #expect(text.utf8.count < 3000)
        item.contribution.summary = ""
        item.contribution.body = String(repeating: "body ", count: 1000)
        #expect(DigestRenderer.summary(item).count <= 602)
    }

    @Test func wrapKeepsLongWordsWholeAndIndents() {
        #expect(TextLayout.reflow("aaa bbb ccc", width: 7) == ["aaa bbb", "ccc"])
        #expect(
            TextLayout.reflow("x https://very.long.example/path y", width: 10, indent: "  ", firstIndent: "- ")
                == ["- x", "  https://very.long.example/path", "  y"])
        #expect(TextLayout.reflow("a\r\n\r\nb") == ["a", "", "b"])
        #expect(TextLayout.excerpt("one two three four", limit: 9) == "one two …")
    }
}

@Suite struct DigestRendererScaleTests {
    static let bigWeek: [LearningItem] = {
        let base = DigestRenderer.selectItems(DigestSamples.items, week: DigestSamples.week)
        return (0..<60).map { n -> LearningItem in
            var item = base[n % base.count]
            item.id = 100 + n
            return item
        }
    }()

    @Test(arguments: [
        ("learning+unsubscribe-abc@example.org", "https://learning.example.org/u?token=abc&x=1" as String?),
        ("learning+unsubscribe-abc@example.org", nil),
        ("learning+unsubscribe-abc@example.org", "http://insecure.example/u"),
    ])
    func templateCopiesEqualDirectRendering(address: String, url: String?) {
        let template = DigestTemplate(items: DigestSamples.items, community: DigestSamples.community, week: "2026-W48")
        let copy = template.copy(unsubscribeAddress: address, unsubscribeURL: url)
        let direct = DigestRenderer.render(
            items: DigestSamples.items, community: DigestSamples.community, week: "2026-W48",
            unsubscribeAddress: address,
            unsubscribeURL: url)
        #expect(copy.subject == direct.subject)
        #expect(copy.text == direct.text)
        #expect(copy.html == direct.html)
        #expect(copy.headers.map { "\($0.0): \($0.1)" } == direct.headers.map { "\($0.0): \($0.1)" })
        #expect(!copy.html.contains("\u{E000}") && !copy.text.contains("\u{E000}"))
    }

    @Test func markersInUserContentAreRemoved() {
        var item = DigestSamples.items[0]
        item.contribution.title = "Sneaky \u{E000}a\u{E000} title"
        let copy = DigestTemplate(items: [item], community: DigestSamples.community, week: "2026-W48")
            .copy(unsubscribeAddress: "learning+unsubscribe-x@example.org", unsubscribeURL: nil)
        #expect(copy.text.contains("Sneaky a title"))
    }

    /// A big week (60 items) for 1000 subscribers, one copy each from a template.
    @Test func thousandCopiesOfABigWeek() {
        let clock = ContinuousClock()
        var bytes = 0
        let elapsed = clock.measure {
            let template = DigestTemplate(
                items: Self.bigWeek, community: DigestSamples.community, week: DigestSamples.week)
            for n in 0..<1000 {
                let d = template.copy(
                    unsubscribeAddress: "learning+unsubscribe-\(n)@example.org",
                    unsubscribeURL: "https://learning.example.org/u?token=\(n)")
                bytes += d.text.utf8.count + d.html.utf8.count
            }
        }
        print("1000 copies of a 60-item digest (\(bytes / 1_000_000) MB) from a template in \(elapsed)")
        #expect(elapsed < .seconds(10))
    }
}
