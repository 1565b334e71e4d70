import Foundation

extension Engine {
    /// Every item's summary, by id, from the items index: what `status` and `queue list` show,
    /// without reading an item folder.
    public var itemSummaries: [ItemSummary] { index.summaries }

    /// The summaries of the items in `status` (the others' lines are not read).
    public func itemSummaries(status: ItemStatus) -> [ItemSummary] { index.summaries { $0.status == status } }

    /// How many items are in each status.
    public var itemCounts: [ItemStatus: Int] { index.counts }
}
