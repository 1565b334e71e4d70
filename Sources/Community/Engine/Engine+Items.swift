import Foundation

// What `status` and `queue list` read: the items index and the state, no item folder.

extension Engine {
    /// Every item's summary, by id, from the items index: what `status` and `queue list` show,
    /// without reading an item folder.
    public var itemSummaries: [ItemSummary] { session.index.summaries }

    /// The summaries of the items in `status` (the others' lines are not read).
    public func itemSummaries(status: ItemStatus) -> [ItemSummary] {
        session.index.summaries { $0.status == status }
    }

    /// How many items are in each status.
    public var itemCounts: [ItemStatus: Int] { session.index.counts }

    /// The state as this engine read it (for `status`): a damaged file already set aside and
    /// rebuilt, or rebuilt in memory while another process holds the lock.
    public var currentState: EngineState { session.state }
}
