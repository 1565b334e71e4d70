import Foundation

/// What the everyday commands need of an item without reading its folder: `status` counts,
/// `queue list` lines, the moderation queue in a confirmation, the digest's choice of items, and
/// the duplicate check (its `source`). Kept in the items index (`ItemIndex`).
public struct ItemSummary: Sendable, Equatable {
    public var id: Int
    public var status: ItemStatus
    public var title: String
    public var learningArea: String
    /// The contributor's address.
    public var contributor: String
    public var receivedAt: Date
    public var digestWeek: String?
    public var source: ItemSource

    public init(_ item: LearningItem, source: ItemSource) {
        id = item.id
        status = item.status
        title = item.contribution.title
        learningArea = item.contribution.learningArea
        contributor = item.contribution.contributor.address
        receivedAt = item.receivedAt
        digestWeek = item.digestWeek
        self.source = source
    }

    init(
        id: Int, status: ItemStatus, title: String, learningArea: String, contributor: String, receivedAt: Date,
        digestWeek: String?, source: ItemSource
    ) {
        self.id = id
        self.status = status
        self.title = title
        self.learningArea = learningArea
        self.contributor = contributor
        self.receivedAt = receivedAt
        self.digestWeek = digestWeek
        self.source = source
    }

}

extension ItemIndex.Entry {
    /// Whether `DigestRenderer.selectItems` could choose this item for `week` (the digest then reads
    /// the chosen items whole and selects again).
    func mayBeInDigest(of week: String) -> Bool {
        switch status {
        case .approved: digestWeek == nil || digestWeek == week
        case .published: digestWeek == week
        case .pending, .rejected, .held: false
        }
    }
}
