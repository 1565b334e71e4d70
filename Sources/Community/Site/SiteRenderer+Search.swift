import Foundation

/// The search page carries its JSON index inside it (a `<script type="application/json">` block),
/// so search works when the site is served and when it is opened from a folder, with no request.
extension SiteRenderer {
    struct SearchEntry: Encodable {
        var url: String
        var title: String
        var meta: String
        var excerpt: String
        /// Folded words (lowercase ASCII, accents dropped) of everything searchable.
        var words: String
    }

    func searchPage() -> String {
        let body = [
            "<h1>Search</h1>",
            "<form role=\"search\" action=\"search.html\" method=\"get\">",
            "<label for=\"q\">Search the learning</label>",
            "<div class=\"field\"><input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\">"
                + "<button type=\"submit\">Search</button></div>",
            "</form>",
            "<p id=\"search-status\" class=\"meta\" role=\"status\" aria-live=\"polite\"></p>",
            "<ol id=\"results\" class=\"results\"></ol>",
            "<noscript><p>Search needs JavaScript. Browse the <a href=\"areas/index.html\">learning areas</a> "
                + "or the <a href=\"tags/index.html\">tags</a> instead.</p></noscript>",
            "<script type=\"application/json\" id=\"search-index\">\(searchIndexJSON())</script>",
            "<script src=\"search.js\"></script>",
        ]
        return page(title: "Search", path: "search.html", section: .search, body: body.joined(separator: "\n"))
    }

    /// The index, safe inside a `<script>` element: `<`, `>` and `&` are written as `\u003c`…
    /// so no text in it can close the element.
    func searchIndexJSON() -> String {
        let entries = items.map { item -> SearchEntry in
            let t = text(item)
            let searchable = [
                t.title, t.byline, t.area, item.contribution.tags.joined(separator: " "), t.summary,
                String(t.body.prefix(2000)), item.learningSet ?? "",
            ].joined(separator: " ")
            return SearchEntry(
                url: itemPath(item), title: t.title,
                meta: "\(t.byline) · \(SiteMarkup.day(t.publishedAt, in: content.timeZone)) · \(t.area)",
                excerpt: TextLayout.excerpt(t.excerptSource, limit: 200), words: Self.searchWords(searchable))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for s in json.unicodeScalars {
            switch s {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(s)
            }
        }
        return out
    }

    /// Distinct words, lowercased, accents folded, in first-seen order: what `search.js` matches
    /// the query's words against (each query word must start a word of the item).
    static func searchWords(_ text: String) -> String { SiteSlug.words(text).joined(separator: " ") }
}
