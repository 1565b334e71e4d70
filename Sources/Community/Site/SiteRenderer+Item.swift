import Foundation

/// An item's own page, and the small pages that keep its earlier addresses working.
extension SiteRenderer {
    func itemPage(_ item: LearningItem) -> String {
        let c = item.contribution
        let t = text(item)
        let zone = content.timeZone
        let at = t.publishedAt
        var body = ["<article>", "<h1>\(SiteMarkup.html(t.title))</h1>"]
        body.append(
            "<p class=\"meta\">\(SiteMarkup.html(t.byline)) · "
                + "<time datetime=\"\(SiteMarkup.isoDay(at, in: zone))\">\(SiteMarkup.day(at, in: zone))</time> · #\(item.id)</p>"
        )
        var filed = [
            "Learning area: <a href=\"\(href(areaPath(t.area), depth: 1))\">"
                + "\(SiteMarkup.html(t.area))</a>"
        ]
        if let set = learningSet(of: item) {
            filed.append(
                "Learning set: <a href=\"\(href(setPath(set.name), depth: 1))\">\(SiteMarkup.html(set.name))</a>")
        }
        body.append("<p class=\"meta\">\(filed.joined(separator: " · "))</p>")
        if let from = c.forwardedFrom {
            let who = TextLayout.displayLine(from.name ?? "")
            body.append(
                "<p class=\"meta\">Shared from a message by \(SiteMarkup.html(who.isEmpty ? "someone else" : who)).</p>"
            )
        }
        if let summary = t.separateSummary { body.append(SiteMarkup.paragraphs(summary, className: "lead")) }
        if !t.body.isEmpty { body.append("<div class=\"text\">\n\(SiteMarkup.paragraphs(t.body))\n</div>") }

        let links = c.links.map(TextLayout.displayLine).filter { !$0.isEmpty }
        if !links.isEmpty {
            body.append("<h2>\(links.count == 1 ? "Link" : "Links")</h2>\n<ul class=\"links\">")
            for link in links {
                if let url = SiteMarkup.safeHref(link) {
                    body.append(
                        "<li><a href=\"\(SiteMarkup.html(url))\" rel=\"nofollow ugc noopener\">\(SiteMarkup.html(link))</a></li>"
                    )
                } else {
                    body.append("<li>\(SiteMarkup.html(link))</li>")
                }
            }
            body.append("</ul>")
        }
        if !c.attachments.isEmpty {
            body.append("<h2>\(c.attachments.count == 1 ? "Attachment" : "Attachments")</h2>\n<ul class=\"links\">")
            for a in c.attachments {
                guard let path = SitePaths.attachment(item: item.id, a) else { continue }
                let name = SiteMarkup.html(TextLayout.displayLine(a.filename))
                body.append(
                    "<li><a href=\"\(href(path, depth: 1))\" download>\(name)</a> "
                        + "<span class=\"meta\">(\(DigestRenderer.size(a.size)))</span></li>")
            }
            body.append("</ul>")
        }
        let tags = c.tags.map(TextLayout.displayLine).filter { !$0.isEmpty }
        if !tags.isEmpty {
            body.append("<h2>Tags</h2>\n<ul class=\"tags\">")
            for tag in tags {
                body.append("<li><a href=\"\(href(tagPath(tag), depth: 1))\">\(SiteMarkup.html(tag))</a></li>")
            }
            body.append("</ul>")
        }
        body.append("</article>")
        return page(
            title: t.title, path: itemPath(item), section: .none, body: body.joined(separator: "\n"),
            description: TextLayout.excerpt(t.excerptSource, limit: 160))
    }

    /// What an item's earlier address (before its title was edited) now holds: a pointer to the
    /// current page that browsers follow at once and people can click.
    func redirectPage(_ item: LearningItem) -> String {
        let target = String(itemPath(item).dropFirst("items/".count))
        let title = SiteMarkup.html(text(item).title)
        return [
            "<!DOCTYPE html>",
            "<html lang=\"en-GB\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(title)</title>",
            "<meta http-equiv=\"refresh\" content=\"0; url=\(target)\">",
            "<link rel=\"canonical\" href=\"\(absoluteURL(itemPath(item)).map(SiteMarkup.html) ?? target)\">",
            "<link rel=\"stylesheet\" href=\"../style.css\">",
            "</head>",
            "<body>",
            "<main id=\"main\" class=\"wrap\"><p>This page is now at <a href=\"\(target)\">\(title)</a>.</p></main>",
            "</body>",
            "</html>",
            "",
        ].joined(separator: "\n")
    }
}
