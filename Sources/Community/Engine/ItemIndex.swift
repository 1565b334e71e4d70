import Foundation

/// Looks items up by where they came from, built once from the spool and kept current as items
/// are made, so that recognising a duplicate costs nothing per message.
struct ItemIndex {
    private(set) var bySourceKey: [String: Int] = [:]
    private(set) var byMessageId: [String: Int] = [:]
    private(set) var bySenderAndBody: [String: [(id: Int, at: Date)]] = [:]
    private(set) var byTokenHash: [String: Int] = [:]

    init(spool: Spool) {
        for id in spool.itemIds() {
            if let source = spool.loadSource(id), let item = try? spool.loadItem(id) {
                add(id: id, source: source, receivedAt: item.receivedAt)
            }
            for record in spool.loadTokens(id) { byTokenHash[record.sha256] = id }
        }
    }

    mutating func add(id: Int, source: ItemSource, receivedAt: Date) {
        bySourceKey[Spool.safeKey(source.key)] = id
        if let messageId = source.messageId { byMessageId[messageId] = id }
        bySenderAndBody[source.sender + " " + source.bodyDigest, default: []].append((id, receivedAt))
    }

    mutating func add(tokens: [ModerationTokenRecord]) {
        for record in tokens { byTokenHash[record.sha256] = record.itemId }
    }

    func item(forSourceKey key: String) -> Int? { bySourceKey[Spool.safeKey(key)] }

    /// The item this contribution repeats: the same Message-ID, or the same sender and body within a day.
    func duplicate(of source: ItemSource, at now: Date) -> Int? {
        if let messageId = source.messageId, let id = byMessageId[messageId] { return id }
        return bySenderAndBody[source.sender + " " + source.bodyDigest]?.last { now.timeIntervalSince($0.at) < 86_400 }?
            .id
    }

    func item(forTokenHash hash: String) -> Int? { byTokenHash[hash] }
}
