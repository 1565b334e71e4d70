import Foundation

/// The frame every page shares: landmarks (header, nav, main, footer), a skip link, one
/// stylesheet, the feed advertised. No external request of any kind.
extension SiteRenderer {
    enum Section: String { case latest, areas, tags, sets, search, none }

    func page(
        title: String, path: String, section: Section, body: String, feedPath: String? = nil,
        description: String? = nil
    ) -> String {
        let depth = path.split(separator: "/").count - 1
        let root = String(repeating: "../", count: depth)
        let name = SiteMarkup.html(TextLayout.displayLine(content.name))
        let fullTitle = title.isEmpty ? name : "\(SiteMarkup.html(title)) · \(name)"
        var head = [
            "<!DOCTYPE html>",
            "<html lang=\"en-GB\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"color-scheme\" content=\"light dark\">",
            "<title>\(fullTitle)</title>",
        ]
        if let description, !description.isEmpty {
            head.append("<meta name=\"description\" content=\"\(SiteMarkup.html(description))\">")
        }
        head.append("<link rel=\"stylesheet\" href=\"\(root)style.css\">")
        head.append(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(name)\" href=\"\(root)feed.xml\">")
        if let feedPath {
            head.append(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(fullTitle)\" href=\"\(root)\(feedPath)\">"
            )
        }
        if let url = absoluteURL(path) { head.append("<link rel=\"canonical\" href=\"\(SiteMarkup.html(url))\">") }
        head.append("</head>")

        func navItem(_ s: Section, _ target: String, _ label: String) -> String {
            let current = s == section ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(root)\(target)\"\(current)>\(label)</a></li>"
        }
        var nav = [
            navItem(.latest, "index.html", "Latest"), navItem(.areas, "areas/index.html", "Areas"),
            navItem(.tags, "tags/index.html", "Tags"),
        ]
        if !content.learningSets.isEmpty { nav.append(navItem(.sets, "sets/index.html", "Learning sets")) }
        nav.append(navItem(.search, "search.html", "Search"))
        let address = SiteMarkup.html(content.address)
        let frame = [
            "<body>",
            "<a class=\"skip\" href=\"#main\">Skip to the content</a>",
            "<header class=\"site\"><div class=\"wrap\">",
            "<p class=\"brand\"><a href=\"\(root)index.html\">\(name)</a></p>",
            "<nav aria-label=\"Main\"><ul>\(nav.joined())</ul></nav>",
            "</div></header>",
            "<main id=\"main\" class=\"wrap\">",
            body,
            "</main>",
            "<footer class=\"site\"><div class=\"wrap\">",
            "<p>Learning shared by the partners of \(name). To share what you have learned, write to "
                + "<a href=\"mailto:\(address)\">\(address)</a>.</p>",
            "<p><a href=\"\(root)feed.xml\">Follow the latest learning (Atom feed)</a></p>",
            "</div></footer>",
            "</body>",
            "</html>",
            "",
        ]
        return (head + frame).joined(separator: "\n")
    }

    /// One item in a list: title linked to its page, who and when, the area, and an excerpt.
    func card(_ item: LearningItem, depth: Int, heading: Int) -> String {
        let t = text(item)
        let title = SiteMarkup.html(t.title)
        var meta = [SiteMarkup.html(t.byline)]
        let at = t.publishedAt
        meta.append(
            "<time datetime=\"\(SiteMarkup.isoDay(at, in: content.timeZone))\">"
                + "\(SiteMarkup.day(at, in: content.timeZone))</time>")
        let area = t.area
        meta.append("<a href=\"\(href(areaPath(area), depth: depth))\">\(SiteMarkup.html(area))</a>")
        let excerpt = TextLayout.excerpt(t.excerptSource, limit: 280)
        return [
            "<article class=\"card\">",
            "<h\(heading)><a href=\"\(href(itemPath(item), depth: depth))\">\(title)</a></h\(heading)>",
            "<p class=\"meta\">\(meta.joined(separator: " · "))</p>",
            excerpt.isEmpty ? "" : "<p>\(SiteMarkup.html(excerpt))</p>",
            "</article>",
        ].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    func cards(_ items: [LearningItem], depth: Int, heading: Int) -> String {
        guard !items.isEmpty else { return "<p>Nothing has been published here yet.</p>" }
        return items.map { card($0, depth: depth, heading: heading) }.joined(separator: "\n")
    }

    static func count(_ n: Int) -> String { n == 1 ? "1 item" : "\(n) items" }
}
