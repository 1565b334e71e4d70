import Foundation

/// Builds the knowledge hub from published learning: pure (content in, files out), so the same
/// content always gives the same bytes and a rebuild can tell which pages changed.
///
/// Layout: `index.html` (latest learning), `areas/`, `tags/`, `sets/` (an index page and a page
/// each), `items/42-slug.html`, `files/42/NAME` (attachments), `feed.xml` and `areas/SLUG.xml`
/// (Atom), `search.html` (with its JSON index inside), `style.css`, `search.js`.
public struct SiteRenderer: Sendable {
    let content: SiteContent
    /// Newest first: by publication date, then by id.
    let items: [LearningItem]
    let itemSlugs: [Int: String]
    let texts: [Int: SiteItemText]
    let areaSlugs: [String: String]
    let tagSlugs: [String: String]
    let setSlugs: [String: String]
    /// Areas and tags as shown (first spelling seen wins), keyed by their folded form.
    let areas: [(name: String, items: [LearningItem])]
    let tags: [(name: String, items: [LearningItem])]

    /// How many items the home page and the feeds list.
    static let latestCount = 20
    static let feedCount = 50

    public init(_ content: SiteContent) {
        self.content = content
        var texts: [Int: SiteItemText] = [:]
        for item in content.items { texts[item.id] = SiteItemText(item) }
        self.texts = texts
        items = content.items.sorted {
            (texts[$0.id]!.publishedAt, $0.id) > (texts[$1.id]!.publishedAt, $1.id)
        }
        var slugs: [Int: String] = [:]
        for item in items { slugs[item.id] = SiteSlug.make(TextLayout.displayLine(item.contribution.title)) }
        itemSlugs = slugs  // the same slug as `SitePaths.item`
        areas = Self.grouped(items) { [texts[$0.id]!.area] }
        tags = Self.grouped(items) { $0.contribution.tags.map(TextLayout.displayLine).filter { !$0.isEmpty } }
        areaSlugs = SiteSlug.unique(areas.map(\.name).sorted(), fallback: "area")
        tagSlugs = SiteSlug.unique(tags.map(\.name).sorted(), fallback: "tag")
        setSlugs = SiteSlug.unique(content.learningSets.map(\.name), fallback: "set")
    }

    /// Everything the site holds after this build.
    public func plan() -> SitePlan {
        var files: [SiteFile] = [
            SiteFile(path: "style.css", SiteAssets.css),
            SiteFile(path: "search.js", SiteAssets.searchScript),
            SiteFile(path: "index.html", homePage()),
            SiteFile(path: "areas/index.html", areasPage()),
            SiteFile(path: "tags/index.html", tagsPage()),
            SiteFile(path: "search.html", searchPage()),
            SiteFile(path: "feed.xml", feed(title: content.name, path: "feed.xml", items: items)),
        ]
        for area in areas {
            let slug = areaSlugs[area.name]!
            files.append(SiteFile(path: "areas/\(slug).html", areaPage(area.name, area.items)))
            files.append(
                SiteFile(
                    path: "areas/\(slug).xml",
                    feed(title: "\(content.name): \(area.name)", path: "areas/\(slug).xml", items: area.items)))
        }
        for tag in tags {
            files.append(SiteFile(path: "tags/\(tagSlugs[tag.name]!).html", tagPage(tag.name, tag.items)))
        }
        if !content.learningSets.isEmpty {
            files.append(SiteFile(path: "sets/index.html", setsPage()))
            for set in content.learningSets {
                files.append(SiteFile(path: "sets/\(setSlugs[set.name]!).html", setPage(set)))
            }
        }
        var slugs: [Int: [String]] = [:]
        var attachments: [SiteAttachmentCopy] = []
        for item in items {
            let current = itemSlugs[item.id]!
            files.append(SiteFile(path: itemPath(item), itemPage(item)))
            var known = content.earlierSlugs[item.id] ?? []
            for old in known where old != current {
                files.append(SiteFile(path: "items/\(item.id)-\(old).html", redirectPage(item)))
            }
            if !known.contains(current) { known.append(current) }
            slugs[item.id] = known
            for a in item.contribution.attachments {
                guard let path = SitePaths.attachment(item: item.id, a) else { continue }
                attachments.append(SiteAttachmentCopy(item: item.id, storedName: a.storedName, path: path))
            }
        }
        var paths: [Int: String] = [:]
        for item in items { paths[item.id] = itemPath(item) }
        return SitePlan(files: files, attachments: attachments, slugs: slugs, itemPaths: paths)
    }

    // MARK: - Names and paths

    func itemPath(_ item: LearningItem) -> String { "items/\(item.id)-\(itemSlugs[item.id]!).html" }

    /// The item's text, cleaned once for the whole build.
    func text(_ item: LearningItem) -> SiteItemText { texts[item.id]! }

    func areaPath(_ name: String) -> String { "areas/\(areaSlugs[name] ?? SiteSlug.make(name)).html" }
    func tagPath(_ name: String) -> String { "tags/\(tagSlugs[name] ?? SiteSlug.make(name)).html" }
    func setPath(_ name: String) -> String { "sets/\(setSlugs[name] ?? SiteSlug.make(name)).html" }

    static func areaName(_ item: LearningItem) -> String {
        let area = TextLayout.displayLine(item.contribution.learningArea)
        return area.isEmpty ? "General" : area
    }

    /// When the item went out in a digest (its "published" history line), else when it arrived.
    static func publishedAt(_ item: LearningItem) -> Date {
        item.history.last(where: { $0.action == "published" })?.at ?? item.receivedAt
    }

    /// When anything last changed about the item (its latest history line).
    static func updatedAt(_ item: LearningItem) -> Date {
        max(item.history.map(\.at).max() ?? item.receivedAt, item.receivedAt)
    }

    /// Groups keep the newest-first order; names match case-insensitively, the first spelling wins.
    static func grouped(
        _ items: [LearningItem], by names: (LearningItem) -> [String]
    ) -> [(
        name: String, items: [LearningItem]
    )] {
        var order: [String] = []
        var byKey: [String: (name: String, items: [LearningItem])] = [:]
        for item in items {
            var seen: Set<String> = []
            for name in names(item) {
                let key = name.lowercased()
                guard seen.insert(key).inserted else { continue }
                if byKey[key] == nil {
                    order.append(key)
                    byKey[key] = (name, [])
                }
                byKey[key]!.items.append(item)
            }
        }
        return order.map { byKey[$0]! }.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// The set an item belongs to, as stored on the item.
    func learningSet(of item: LearningItem) -> SiteLearningSet? {
        guard let name = item.learningSet else { return nil }
        return content.learningSets.first { $0.name == name }
    }

    /// A link's target written from a page at `depth` folders below the site's root.
    func href(_ path: String, depth: Int) -> String { String(repeating: "../", count: depth) + path }

    /// The absolute URL of a path when `site.baseURL` is set.
    func absoluteURL(_ path: String) -> String? { content.baseURL.map { $0 + path } }
}
