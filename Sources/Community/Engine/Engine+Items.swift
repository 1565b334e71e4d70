import Foundation

extension Engine {
    /// Every item's summary, by id, from the items index: what `status` and `queue list` show,
    /// without reading an item folder.
    public var itemSummaries: [ItemSummary] { index.summaries }

    /// How many items are in each status.
    public var itemCounts: [ItemStatus: Int] {
        index.summaries.reduce(into: [:]) { counts, summary in counts[summary.status, default: 0] += 1 }
    }
}
