import Foundation

/// What the knowledge hub is built from: the published items and the community's settings.
/// Pure input: the renderer reads nothing else, so a build is a function of this value.
public struct SiteContent: Sendable {
    public var name: String
    /// The community address, shown as the way to share learning.
    public var address: String
    /// Where the hub is served (`https://learning.example.org/`), for absolute links in the feed
    /// and for digests; relative links are used without it.
    public var baseURL: String?
    /// Dates are shown in the community's time zone.
    public var timeZone: TimeZone
    /// Published items (status `published`); order does not matter.
    public var items: [LearningItem]
    /// Every slug each item's page has had, so a page keeps answering after its title is edited.
    public var earlierSlugs: [Int: [String]]
    /// The learning sets, in config order.
    public var learningSets: [SiteLearningSet]

    public init(
        name: String, address: String, baseURL: String?, timeZone: TimeZone, items: [LearningItem],
        earlierSlugs: [Int: [String]] = [:], learningSets: [SiteLearningSet] = []
    ) {
        self.name = name
        self.address = address
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.timeZone = timeZone
        self.items = items
        self.earlierSlugs = earlierSlugs
        self.learningSets = learningSets
    }
}

/// A learning set as the hub shows it: a theme explored for a few months.
public struct SiteLearningSet: Sendable, Equatable {
    public var name: String
    public var question: String?
    public var from: String?
    public var to: String?

    public init(name: String, question: String? = nil, from: String? = nil, to: String? = nil) {
        self.name = name
        self.question = question
        self.from = from
        self.to = to
    }
}

/// One file of the built site, by its path relative to the site's folder.
public struct SiteFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, _ text: String) {
        self.path = path
        self.bytes = Array(text.utf8)
    }
}

/// An attachment to copy from the spool into the site.
public struct SiteAttachmentCopy: Sendable, Equatable {
    public var item: Int
    public var storedName: String
    /// Where it goes in the site (`files/42/1-plan.pdf`).
    public var path: String
}

/// Everything a build writes: pages, feeds, the search index and attachments to copy, plus the
/// slugs to remember for the next build.
public struct SitePlan: Sendable {
    public var files: [SiteFile]
    public var attachments: [SiteAttachmentCopy]
    public var slugs: [Int: [String]]
    /// `items/42-slug.html` for each item: digests link to these.
    public var itemPaths: [Int: String]
}
