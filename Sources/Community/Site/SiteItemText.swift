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
        let t = TextWrap.singleLine(c.title)
        title = t.isEmpty ? "(untitled)" : t
        let name = TextWrap.singleLine(c.contributor.name ?? "")
        let org = TextWrap.singleLine(c.organisation ?? "")
        switch (name.isEmpty, org.isEmpty) {
        case (false, false): byline = "\(name), \(org)"
        case (false, true): byline = name
        case (true, false): byline = "A partner at \(org)"
        case (true, true): byline = "A partner"
        }
        area = SiteRenderer.areaName(item)
        summary = TextWrap.clean(c.summary).trimmingCharacters(in: .whitespacesAndNewlines)
        body = TextWrap.clean(c.body).trimmingCharacters(in: .whitespacesAndNewlines)
        excerptSource = summary.isEmpty ? body : summary
        publishedAt = SiteRenderer.publishedAt(item)
    }

    /// The summary is shown above the text only when the text does not already hold it.
    var separateSummary: String? { !summary.isEmpty && !body.contains(summary) ? summary : nil }
}
