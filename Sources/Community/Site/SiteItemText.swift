import Foundation

/// An item's text as the hub shows it, cleaned once per build: the same item appears on its own
/// page, in lists, in two feeds and in the search index.
struct SiteItemText: Sendable {
    var title: String
    /// The contributor's name and organisation. Never their address: the hub is public.
    var byline: String
    var area: String
    var summary: String
    var body: String
    /// The summary, else the body: what lists and feeds quote.
    var excerptSource: String
    var publishedAt: Date

    init(_ item: LearningItem) {
        let c = item.contribution
        let t = TextLayout.displayLine(c.title)
        title = t.isEmpty ? "(untitled)" : t
        let name = TextLayout.displayLine(c.contributor.name ?? "")
        let org = TextLayout.displayLine(c.organisation ?? "")
        switch (name.isEmpty, org.isEmpty) {
        case (false, false): byline = "\(name), \(org)"
        case (false, true): byline = name
        case (true, false): byline = "A partner at \(org)"
        case (true, true): byline = "A partner"
        }
        area = SiteRenderer.areaName(item)
        summary = Self.trimmed(TextLayout.clean(c.summary))
        body = Self.trimmed(TextLayout.clean(c.body))
        excerptSource = summary.isEmpty ? body : summary
        publishedAt = SiteRenderer.publishedAt(item)
    }

    /// Without the white space at either end (Swift's own, not Foundation's `trimmingCharacters`,
    /// which copies the text through NSString: a tenth of a build's time).
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }

    /// The summary is shown above the text only when the text does not already hold it.
    var separateSummary: String? {
        // Most summaries are the text's first lines: the prefix check spares a search.
        !summary.isEmpty && !body.hasPrefix(summary) && !body.contains(summary) ? summary : nil
    }
}
