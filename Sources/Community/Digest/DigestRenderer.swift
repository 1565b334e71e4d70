import Foundation

/// One subscriber's copy of a digest: subject, text/plain and text/html bodies (for a
/// multipart/alternative mail) and the list headers to put on it.
public struct RenderedDigest: Sendable {
    public var subject: String
    public var text: String
    public var html: String
    /// `List-Id`, `List-Unsubscribe`, … (see `DigestHeaders.make`).
    public var headers: [(String, String)]
}

/// Renders the weekly digest (DESIGN flow 6): approved items grouped by learning area (areas in
/// config order, then any others in order of appearance, each with its count), each item with
/// title, contributor, organisation, summary, links and attachment names. Pure: the same input
/// gives the same bytes, which the golden-file tests rely on.
public enum DigestRenderer {
    /// The items a digest for `week` covers: approved and not yet in a digest, or already marked
    /// for this very week (so that a digest re-rendered after a crash carries the same items).
    public static func selectItems(_ items: [LearningItem], week: String) -> [LearningItem] {
        items.filter { item in
            switch item.status {
            case .approved: return item.digestWeek == nil || item.digestWeek == week
            case .published: return item.digestWeek == week
            case .pending, .rejected, .held: return false
            }
        }
        .sorted { $0.id < $1.id }
    }

    /// One subscriber's copy. `unsubscribeAddress` is theirs (`ListIdentity.unsubscribeAddress(for:)`),
    /// `unsubscribeURL` their one-click https URL when configured.
    public static func render(
        items: [LearningItem], community: ListIdentity, week: String, unsubscribeAddress: String,
        unsubscribeURL: String?, extras: DigestExtras = .none
    ) -> RenderedDigest {
        let groups = group(items, areas: community.learningAreas, sets: extras.learningSets)
        let note = extras.note.map(TextLayout.clean)?.trimmingCharacters(in: .whitespacesAndNewlines)
        let context = Context(
            community: community, week: week, weekLabel: weekLabel(week), groups: groups,
            unsubscribeAddress: unsubscribeAddress,
            unsubscribeURL: unsubscribeURL.flatMap { $0.lowercased().hasPrefix("https://") ? $0 : nil },
            note: note?.isEmpty == false ? note : nil, siteBaseURL: extras.siteBaseURL)
        return RenderedDigest(
            subject: subject(context), text: renderText(context), html: renderHTML(context),
            headers: DigestHeaders.make(
                list: community, unsubscribeAddress: unsubscribeAddress, unsubscribeURL: context.unsubscribeURL))
    }

    // MARK: Shared by the text and HTML forms

    /// A section of the digest: a learning set (with its question) or a learning area.
    struct Group {
        var area: String
        var items: [LearningItem]
        /// Set when the section is a learning set.
        var question: String? = nil
        var isLearningSet = false
        /// The heading as shown: "Learning set: NAME" or the area's name.
        var heading: String { isLearningSet ? "Learning set: \(area)" : area }
    }

    struct Context {
        var community: ListIdentity
        var week: String
        var weekLabel: String
        var groups: [Group]
        var unsubscribeAddress: String
        var unsubscribeURL: String?
        var note: String?
        var siteBaseURL: String?
        var itemCount: Int { groups.reduce(0) { $0 + $1.items.count } }

        /// The item's page on the hub, when the digest links to one.
        func pageURL(_ item: LearningItem) -> String? { siteBaseURL.map { $0 + SitePaths.item(item) } }

        func attachmentURL(_ item: LearningItem, _ a: AttachmentRecord) -> String? {
            guard let base = siteBaseURL, let path = SitePaths.attachment(item: item.id, a) else { return nil }
            return base + path
        }
        var name: String { TextLayout.displayLine(community.name) }
    }

    /// The learning sets first (in config order, each shown even without items this week: its
    /// question invites them), then the rest by area: configured areas first in their order, then
    /// others as they appear. Area names match case-insensitively; the configured spelling is shown.
    static func group(_ items: [LearningItem], areas: [String], sets: [DigestExtras.LearningSet] = []) -> [Group] {
        var setGroups = sets.map {
            Group(area: TextLayout.displayLine($0.name), items: [], question: $0.question, isLearningSet: true)
        }
        var groups: [Group] = areas.map { Group(area: TextLayout.displayLine($0), items: []) }
        for item in items.sorted(by: { $0.id < $1.id }) {
            if let set = item.learningSet, let i = sets.firstIndex(where: { $0.name == set }) {
                setGroups[i].items.append(item)
                continue
            }
            var area = TextLayout.displayLine(item.contribution.learningArea)
            if area.isEmpty { area = "General" }
            if let i = groups.firstIndex(where: { $0.area.lowercased() == area.lowercased() }) {
                groups[i].items.append(item)
            } else {
                groups.append(Group(area: area, items: [item]))
            }
        }
        return setGroups + groups.filter { !$0.items.isEmpty }
    }

    static func subject(_ c: Context) -> String {
        let n = c.itemCount
        let what = n == 0 ? "no new learning" : n == 1 ? "1 new piece of learning" : "\(n) new pieces of learning"
        return "\(c.name) digest, week of \(c.weekLabel): \(what)"
    }

    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `2026-W48` → `23 November 2026` (the week's Monday); the id itself when it does not parse.
    static func weekLabel(_ week: String) -> String {
        guard let w = ISOWeek(week) else { return week }
        let (y, m, d) = ISO8601UTC.civil(fromDays: w.monday)
        return "\(d) \(months[Int(m) - 1]) \(y)"
    }

    /// The contributor as shown: their name, else their address.
    static func contributor(_ item: LearningItem) -> String {
        let p = item.contribution.contributor
        let name = TextLayout.displayLine(p.name ?? "")
        return name.isEmpty ? p.address : name
    }

    /// The summary (at most 1500 characters), else the start of the body (600): a digest is
    /// read in one sitting, and the full text stays with the facilitator.
    static func summary(_ item: LearningItem) -> String {
        let s = TextLayout.clean(item.contribution.summary).trimmingCharacters(in: .whitespacesAndNewlines)
        if !s.isEmpty { return TextLayout.excerpt(s, limit: 1500) }
        let body = TextLayout.clean(item.contribution.body).trimmingCharacters(in: .whitespacesAndNewlines)
        return TextLayout.excerpt(body, limit: 600)
    }

    /// Links as given; only http(s) and mailto become clickable in HTML.
    static func links(_ item: LearningItem) -> [String] {
        item.contribution.links.map(TextLayout.displayLine).filter { !$0.isEmpty }
    }

    static func attachments(_ item: LearningItem) -> [String] {
        item.contribution.attachments.map { "\(TextLayout.displayLine($0.filename)) (\(size($0.size)))" }
    }

    /// `812 bytes`, `47 KB`, `2.3 MB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
