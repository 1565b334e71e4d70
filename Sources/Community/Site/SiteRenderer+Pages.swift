import Foundation

/// The list pages: home, the area, tag and set indexes, and a page for each.
extension SiteRenderer {
    func homePage() -> String {
        let name = SiteMarkup.html(TextLayout.displayLine(content.name))
        var body = [
            "<h1>\(name)</h1>",
            "<p class=\"lead\">What partners across the community have learned and shared: "
                + "\(Self.count(items.count)), in \(areas.count == 1 ? "1 learning area" : "\(areas.count) learning areas").</p>",
        ]
        let current = content.learningSets.filter { set in items.contains { $0.learningSet == set.name } }
        if !current.isEmpty {
            body.append("<section aria-labelledby=\"sets\"><h2 id=\"sets\">Learning sets</h2><ul class=\"plain\">")
            for set in current {
                var line = "<li><a href=\"\(setPath(set.name))\">\(SiteMarkup.html(set.name))</a>"
                if let q = set.question, !q.isEmpty { line += "<br><span class=\"meta\">\(SiteMarkup.html(q))</span>" }
                body.append(line + "</li>")
            }
            body.append("</ul></section>")
        }
        body.append("<section aria-labelledby=\"latest\"><h2 id=\"latest\">Latest learning</h2>")
        body.append(cards(Array(items.prefix(Self.latestCount)), depth: 0, heading: 3))
        if items.count > Self.latestCount {
            body.append(
                "<p>More in the <a href=\"areas/index.html\">learning areas</a>, the <a href=\"tags/index.html\">tags</a> "
                    + "and <a href=\"search.html\">search</a>.</p>")
        }
        body.append("</section>")
        return page(title: "", path: "index.html", section: .latest, body: body.joined(separator: "\n"))
    }

    func areasPage() -> String {
        var body = ["<h1>Learning areas</h1>"]
        if areas.isEmpty { body.append("<p>Nothing has been published yet.</p>") }
        body.append("<ul class=\"plain\">")
        for area in areas {
            body.append(
                "<li><a href=\"\(href(areaPath(area.name), depth: 1))\">\(SiteMarkup.html(area.name))</a> "
                    + "<span class=\"meta\">(\(Self.count(area.items.count)))</span></li>")
        }
        body.append("</ul>")
        return page(
            title: "Learning areas", path: "areas/index.html", section: .areas, body: body.joined(separator: "\n"))
    }

    func areaPage(_ name: String, _ list: [LearningItem]) -> String {
        let path = areaPath(name)
        let feedPath = String(path.dropLast(".html".count)) + ".xml"
        let body = [
            "<h1>\(SiteMarkup.html(name))</h1>",
            "<p class=\"meta\">\(Self.count(list.count)) · <a href=\"\(href(feedPath, depth: 1))\">Atom feed of this area</a></p>",
            cards(list, depth: 1, heading: 2),
        ]
        return page(title: name, path: path, section: .areas, body: body.joined(separator: "\n"), feedPath: feedPath)
    }

    func tagsPage() -> String {
        var body = ["<h1>Tags</h1>"]
        if tags.isEmpty { body.append("<p>No published item has tags yet.</p>") }
        body.append("<ul class=\"tags\">")
        for tag in tags {
            body.append(
                "<li><a href=\"\(href(tagPath(tag.name), depth: 1))\">\(SiteMarkup.html(tag.name))</a> "
                    + "<span class=\"meta\">(\(tag.items.count))</span></li>")
        }
        body.append("</ul>")
        return page(title: "Tags", path: "tags/index.html", section: .tags, body: body.joined(separator: "\n"))
    }

    func tagPage(_ name: String, _ list: [LearningItem]) -> String {
        let body = [
            "<h1>Tagged “\(SiteMarkup.html(name))”</h1>",
            "<p class=\"meta\">\(Self.count(list.count))</p>",
            cards(list, depth: 1, heading: 2),
        ]
        return page(title: "Tag: \(name)", path: tagPath(name), section: .tags, body: body.joined(separator: "\n"))
    }

    func setsPage() -> String {
        var body = [
            "<h1>Learning sets</h1>",
            "<p class=\"lead\">Themes the community explores together for a few months.</p>",
            "<ul class=\"plain\">",
        ]
        for set in content.learningSets {
            let n = items.filter { $0.learningSet == set.name }.count
            var line =
                "<li><a href=\"\(href(setPath(set.name), depth: 1))\">\(SiteMarkup.html(set.name))</a> "
                + "<span class=\"meta\">(\(Self.count(n))\(dates(set).map { ", " + $0 } ?? ""))</span>"
            if let q = set.question, !q.isEmpty { line += "<br>\(SiteMarkup.html(q))" }
            body.append(line + "</li>")
        }
        body.append("</ul>")
        return page(title: "Learning sets", path: "sets/index.html", section: .sets, body: body.joined(separator: "\n"))
    }

    func setPage(_ set: SiteLearningSet) -> String {
        let list = items.filter { $0.learningSet == set.name }
        var body = ["<h1>\(SiteMarkup.html(set.name))</h1>"]
        if let q = set.question, !q.isEmpty { body.append("<p class=\"lead\">\(SiteMarkup.html(q))</p>") }
        body.append("<p class=\"meta\">\(Self.count(list.count))\(dates(set).map { " · " + $0 } ?? "")</p>")
        body.append(cards(list, depth: 1, heading: 2))
        return page(
            title: set.name, path: setPath(set.name), section: .sets, body: body.joined(separator: "\n"),
            description: set.question)
    }

    /// "2 November 2026 to 29 January 2027", from the set's ISO dates.
    func dates(_ set: SiteLearningSet) -> String? {
        func label(_ iso: String?) -> String? {
            guard let iso, let date = ISO8601UTC.day(iso) else { return nil }
            return SiteMarkup.day(date, in: TimeZone(identifier: "UTC")!)
        }
        switch (label(set.from), label(set.to)) {
        case (let f?, let t?): return "\(f) to \(t)"
        case (let f?, nil): return "from \(f)"
        case (nil, let t?): return "until \(t)"
        default: return nil
        }
    }
}
