import Foundation

/// Atom feeds (RFC 4287) of the hub and of each area: the newest fifty items, each with a
/// permanent id that does not change when the item's title (and so its address) does.
extension SiteRenderer {
    func feed(title: String, path: String, items list: [LearningItem]) -> String {
        let shown = Array(list.prefix(Self.feedCount))
        let updated = shown.map(Self.updatedAt).max() ?? Date(timeIntervalSince1970: 0)
        var x = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">",
            "<title type=\"text\">\(SiteMarkup.xml(TextLayout.displayLine(title)))</title>",
            "<subtitle type=\"text\">Learning shared by the partners of \(SiteMarkup.xml(TextLayout.displayLine(content.name)))</subtitle>",
            "<id>\(SiteMarkup.xml(feedId(path)))</id>",
            "<updated>\(ISO8601UTC.string(from: updated))</updated>",
            "<author><name>\(SiteMarkup.xml(TextLayout.displayLine(content.name)))</name></author>",
            "<generator>learnmail</generator>",
        ]
        let depth = path.split(separator: "/").count - 1
        x.append(
            "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(SiteMarkup.xml(link(path, depth: depth)))\"/>")
        let home = path.hasPrefix("areas/") ? String(path.dropLast(".xml".count)) + ".html" : "index.html"
        x.append("<link rel=\"alternate\" type=\"text/html\" href=\"\(SiteMarkup.xml(link(home, depth: depth)))\"/>")
        for item in shown { x.append(entry(item, depth: depth)) }
        x.append("</feed>")
        x.append("")
        return x.joined(separator: "\n")
    }

    func entry(_ item: LearningItem, depth: Int) -> String {
        let c = item.contribution
        let t = text(item)
        var content = [String]()
        if let summary = t.separateSummary { content.append(SiteMarkup.paragraphs(summary)) }
        if !t.body.isEmpty { content.append(SiteMarkup.paragraphs(t.body)) }
        let links = c.links.map(TextLayout.displayLine).compactMap(SiteMarkup.safeHref)
        if !links.isEmpty {
            content.append(
                "<ul>" + links.map { "<li><a href=\"\(SiteMarkup.html($0))\">\(SiteMarkup.html($0))</a></li>" }.joined()
                    + "</ul>")
        }
        var e = [
            "<entry>",
            "<title type=\"text\">\(SiteMarkup.xml(t.title))</title>",
            "<id>\(SiteMarkup.xml(entryId(item)))</id>",
            "<updated>\(ISO8601UTC.string(from: Self.updatedAt(item)))</updated>",
            "<published>\(ISO8601UTC.string(from: t.publishedAt))</published>",
            "<link rel=\"alternate\" type=\"text/html\" href=\"\(SiteMarkup.xml(link(itemPath(item), depth: depth)))\"/>",
            "<author><name>\(SiteMarkup.xml(t.byline))</name></author>",
            "<category term=\"\(SiteMarkup.xml(t.area))\"/>",
        ]
        let excerpt = TextLayout.excerpt(t.excerptSource, limit: 280)
        if !excerpt.isEmpty { e.append("<summary type=\"text\">\(SiteMarkup.xml(excerpt))</summary>") }
        // The HTML is escaped once more as text of the element (type="html", RFC 4287 §3.1.1.2).
        e.append("<content type=\"html\">\(SiteMarkup.xml(content.joined(separator: "\n")))</content>")
        e.append("</entry>")
        return e.joined(separator: "\n")
    }

    /// Absolute with `site.baseURL`; otherwise relative to the feed's own place, which RFC 4287
    /// allows (resolved against the feed document's URI).
    func link(_ path: String, depth: Int) -> String { absoluteURL(path) ?? href(path, depth: depth) }

    /// The hub's URL when it has one; otherwise a `tag:` URI (RFC 4151) from the community
    /// address's domain, which is as stable as the address.
    func feedId(_ path: String) -> String {
        absoluteURL(path) ?? "tag:\(domain),2026:learnmail/\(path)"
    }

    /// An item's id never changes: it names the item's number, not its title.
    func entryId(_ item: LearningItem) -> String {
        if let base = content.baseURL { return base + "items/\(item.id)" }
        return "tag:\(domain),2026:learnmail/items/\(item.id)"
    }

    var domain: String {
        let host = content.address.split(separator: "@").last.map(String.init) ?? "localhost"
        return host.isEmpty ? "localhost" : host.lowercased()
    }
}
