/// The text/html form: one column at most 600 px wide, inline CSS (what mail clients keep), a
/// `<style>` block only for dark mode (`prefers-color-scheme`, which inline CSS cannot express),
/// no images, no scripts. Every piece of user content goes through `escape`.
extension DigestRenderer {
    static let font = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"

    static func renderHTML(_ c: Context) -> String {
        var h: [String] = []
        let title = escape("\(c.name) digest, week of \(c.weekLabel)")
        h.append(
            """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <meta name="supported-color-schemes" content="light dark">
            <title>\(title)</title>
            <style>
            :root { color-scheme: light dark; }
            @media (prefers-color-scheme: dark) {
              body, .page { background: #121417 !important; color: #e6e6e6 !important; }
              .card { background: #1d2025 !important; border-color: #343a40 !important; }
              .muted { color: #b4bac1 !important; }
              .area { color: #9fd3c7 !important; border-color: #2f6f62 !important; }
              a { color: #8ab4f8 !important; }
            }
            </style>
            </head>
            <body style="margin:0;padding:0;background:#f3f4f1;color:#1d1f21;">
            <div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">\(escape(preheader(c)))</div>
            <div class="page" style="background:#f3f4f1;padding:16px 0;">
            <!--[if mso]><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0"><tr><td><![endif]-->
            <div style="max-width:600px;margin:0 auto;padding:0 12px;font-family:\(font);font-size:16px;\
            line-height:1.5;overflow-wrap:break-word;word-wrap:break-word;">
            <header>
            <h1 style="margin:8px 0 4px;font-size:24px;line-height:1.25;">\(escape(c.name))</h1>
            <p class="muted" style="margin:0 0 16px;color:#5a6169;">Weekly digest, week of \(escape(c.weekLabel))</p>
            </header>
            """)
        if let note = c.note {
            h.append(
                "<div class=\"card\" style=\"background:#ffffff;border:1px solid #d9dcd6;border-left:4px solid #1f5f52;"
                    + "border-radius:8px;padding:12px 16px;margin:0 0 16px;\">")
            for para in note.components(separatedBy: "\n\n") where !para.allSatisfy(\.isWhitespace) {
                let lines = para.split(whereSeparator: \.isNewline).map { escape(String($0)) }
                h.append("<p style=\"margin:0 0 8px;\">\(lines.joined(separator: "<br>"))</p>")
            }
            h.append("</div>")
        }
        if c.itemCount == 0 {
            h.append("<p>No new learning was published this week.</p>")
        } else {
            let n = c.itemCount
            h.append(
                "<p style=\"margin:0 0 8px;\">\(n == 1 ? "1 new piece of learning" : "\(n) new pieces of learning") this week:</p>"
            )
            h.append("<ul style=\"margin:0 0 16px;padding-left:20px;\">")
            for (i, g) in c.groups.enumerated() where !g.items.isEmpty {
                h.append(
                    "<li><a href=\"#area-\(i + 1)\" style=\"color:#0b57d0;\">\(escape(g.heading))</a> (\(g.items.count))</li>"
                )
            }
            h.append("</ul>")
        }
        for (i, g) in c.groups.enumerated() {
            h.append("<section>")
            h.append(
                "<h2 id=\"area-\(i + 1)\" class=\"area\" style=\"margin:24px 0 12px;padding-bottom:4px;font-size:20px;"
                    + "line-height:1.3;color:#1f5f52;border-bottom:2px solid #9cc9bd;\">\(escape(g.heading)) "
                    + "<span style=\"font-weight:normal;\">(\(g.items.count))</span></h2>")
            if let question = g.question.map(TextLayout.displayLine), !question.isEmpty {
                h.append("<p style=\"margin:0 0 12px;font-style:italic;\">\(escape(question))</p>")
            }
            if g.items.isEmpty {
                h.append(
                    "<p class=\"muted\" style=\"margin:0 0 12px;color:#5a6169;\">\(escape(emptySetInvitation(g, c)))</p>"
                )
            }
            for item in g.items { h.append(itemHTML(item, c)) }
            h.append("</section>")
        }
        h.append(footerHTML(c))
        // Outlook for Windows ignores max-width: the conditional table above keeps its column at 600 px.
        h.append("</div>\n<!--[if mso]></td></tr></table><![endif]-->\n</div>\n</body>\n</html>\n")
        return h.joined(separator: "\n")
    }

    /// The inbox preview line (hidden in the message itself): what the week holds.
    static func preheader(_ c: Context) -> String {
        guard c.itemCount > 0 else { return "No new learning this week." }
        let n = c.itemCount
        return (n == 1 ? "1 new piece of learning: " : "\(n) new pieces of learning: ")
            + c.groups.filter { !$0.items.isEmpty }.map { "\($0.heading) (\($0.items.count))" }.joined(separator: ", ")
    }

    static func itemHTML(_ item: LearningItem, _ c: Context) -> String {
        var h: [String] = []
        h.append(
            "<article class=\"card\" style=\"background:#ffffff;border:1px solid #d9dcd6;border-radius:8px;"
                + "padding:14px 16px;margin:0 0 14px;\">")
        let title = TextLayout.displayLine(item.contribution.title)
        var shownTitle = escape(title.isEmpty ? "(untitled)" : title)
        if let url = c.pageURL(item) {
            shownTitle = "<a href=\"\(escape(url))\" style=\"color:inherit;\">\(shownTitle)</a>"
        }
        h.append("<h3 style=\"margin:0 0 4px;font-size:18px;line-height:1.3;\">\(shownTitle)</h3>")
        var byline = escape(contributor(item))
        if let org = item.contribution.organisation.map(TextLayout.displayLine), !org.isEmpty {
            byline += ", " + escape(org)
        }
        h.append(
            "<p class=\"muted\" style=\"margin:0 0 10px;font-size:14px;color:#5a6169;\">\(byline) · #\(item.id)</p>")
        let summary = summary(item)
        if !summary.isEmpty {
            for para in summary.components(separatedBy: "\n\n") where !para.allSatisfy(\.isWhitespace) {
                let lines = para.split(whereSeparator: \.isNewline).map { escape(String($0)) }
                h.append("<p style=\"margin:0 0 10px;\">\(lines.joined(separator: "<br>"))</p>")
            }
        }
        let links = links(item)
        if !links.isEmpty {
            h.append(
                "<p style=\"margin:0 0 6px;font-weight:bold;font-size:14px;\">\(links.count == 1 ? "Link" : "Links")</p>"
            )
            h.append("<ul style=\"margin:0 0 10px;padding-left:20px;font-size:15px;word-break:break-all;\">")
            for l in links { h.append("<li>\(linkHTML(l))</li>") }
            h.append("</ul>")
        }
        let files = attachments(item)
        if !files.isEmpty, c.siteBaseURL != nil {
            let linked = zip(files, item.contribution.attachments).map { f, a in
                c.attachmentURL(item, a).map { "<a href=\"\(escape($0))\" style=\"color:#0b57d0;\">\(escape(f))</a>" }
                    ?? escape(f)
            }
            h.append(
                "<p class=\"muted\" style=\"margin:0 0 6px;font-size:14px;color:#5a6169;\">"
                    + "\(files.count == 1 ? "Attachment" : "Attachments"): " + linked.joined(separator: ", ") + "</p>")
        } else if !files.isEmpty {
            h.append(
                "<p class=\"muted\" style=\"margin:0 0 6px;font-size:14px;color:#5a6169;\">"
                    + "\(files.count == 1 ? "Attachment" : "Attachments") (ask the facilitator for a copy): "
                    + files.map(escape).joined(separator: ", ") + "</p>")
        }
        let tags = item.contribution.tags.map(TextLayout.displayLine).filter { !$0.isEmpty }
        if !tags.isEmpty {
            h.append(
                "<p class=\"muted\" style=\"margin:0;font-size:14px;color:#5a6169;\">Tags: "
                    + tags.map(escape).joined(separator: ", ") + "</p>")
        }
        h.append("</article>")
        return h.joined(separator: "\n")
    }

    static func footerHTML(_ c: Context) -> String {
        var h: [String] = []
        h.append(
            "<footer class=\"muted\" style=\"margin:24px 0 8px;padding-top:12px;border-top:1px solid #d9dcd6;font-size:14px;color:#5a6169;\">"
        )
        h.append(
            "<p style=\"margin:0 0 8px;\">You receive this digest because you subscribed to \(escape(c.name)). "
                + "To share what you have learned, write to \(mailto(c.community.address)).</p>")
        var unsubscribe = "To unsubscribe, send any message to \(mailto(c.unsubscribeAddress, subject: "unsubscribe"))"
        if let url = c.unsubscribeURL {
            unsubscribe += " or <a href=\"\(escape(url))\" style=\"color:#0b57d0;\">unsubscribe with one click</a>"
        }
        h.append("<p style=\"margin:0;word-break:break-all;\">\(unsubscribe).</p>")
        h.append("</footer>")
        return h.joined(separator: "\n")
    }

    /// A link: clickable only for http, https and mailto (never `javascript:` or `data:`).
    static func linkHTML(_ url: String) -> String {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else {
            return escape(url)
        }
        return "<a href=\"\(escape(url))\" style=\"color:#0b57d0;\">\(escape(url))</a>"
    }

    static func mailto(_ address: String, subject: String? = nil) -> String {
        let href = "mailto:" + address + (subject.map { "?subject=" + $0 } ?? "")
        return "<a href=\"\(escape(href))\" style=\"color:#0b57d0;\">\(escape(address))</a>"
    }

    /// HTML-escapes text for element content and double- or single-quoted attributes (the hub's
    /// escaping: the same characters, and control characters dropped).
    static func escape(_ s: String) -> String { SiteMarkup.html(s) }
}
