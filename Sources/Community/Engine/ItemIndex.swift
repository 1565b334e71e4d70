import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Looks items up by where they came from, built once from the spool and kept current as items
/// are made, so that recognising a duplicate costs a dictionary lookup per message rather than a
/// scan of every item.
struct ItemIndex {
    private var bySourceKey: [String: Int] = [:]
    /// The highest item id in the spool: the next item is one more (no folder listing per message).
    private(set) var highestId = 0
    /// Duplicate-check keys grouped by Message-ID and by sender: the only keys that can match.
    private var byMessageId: [String: [DuplicateCheck.Key]] = [:]
    private var bySender: [String: [DuplicateCheck.Key]] = [:]

    /// Item folders that could not be read, and why: `Engine` sets them aside under the lock.
    private(set) var damaged: [(id: Int, reason: String)] = []

    /// The items folder's modification time when the index was built: new items are renamed into
    /// that folder, so a different time means another process made items since.
    let stamp: Date?

    /// `stat(2)` directly: FileManager's attributes would also look up the owner's name in
    /// /etc/passwd, on every poll.
    static func stamp(of spool: Spool) -> Date? {
        var info = stat()
        guard stat(spool.path("items"), &info) == 0 else { return nil }
        return Date(
            timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1_000_000_000)
    }

    init(spool: Spool) {
        stamp = Self.stamp(of: spool)
        let ids = spool.itemIds()
        highestId = ids.last ?? 0
        for id in ids {
            let folder = "items/\(id)"
            guard Spool.isDirectory(spool.path(folder)) else {
                damaged.append((id, "\(folder) is not a folder"))
                continue
            }
            switch (
                spool.readJSON(LearningItem.self, at: folder + "/item.json"),
                spool.readJSON(ItemSource.self, at: folder + "/source.json")
            ) {
            case (.value(let item), .value(let source)):
                add(id: id, source: source, receivedAt: item.receivedAt)
            case (let item, let source):
                let problems = [("item.json", item.problem), ("source.json", source.problem)].compactMap {
                    name, problem in
                    problem.map { "\(folder)/\(name) \($0)" }
                }
                damaged.append((id, problems.joined(separator: "; ")))
            }
        }
    }

    mutating func add(id: Int, source: ItemSource, receivedAt: Date) {
        highestId = max(highestId, id)
        bySourceKey[Spool.safeKey(source.key)] = id
        let key = DuplicateCheck.Key(
            itemId: id, messageId: source.messageId, sender: source.sender, bodyDigest: source.bodyDigest,
            receivedAt: receivedAt)
        if let messageId = source.messageId { byMessageId[messageId, default: []].append(key) }
        bySender[source.sender, default: []].append(key)
    }

    func item(forSourceKey key: String) -> Int? { bySourceKey[Spool.safeKey(key)] }

    /// The item this contribution repeats (DuplicateCheck's rule: the same Message-ID, or the
    /// same sender and body within a day).
    func duplicate(of source: ItemSource, at now: Date) -> Int? {
        let candidate = DuplicateCheck.Key(
            itemId: 0, messageId: source.messageId, sender: source.sender, bodyDigest: source.bodyDigest,
            receivedAt: now)
        let candidates = (source.messageId.flatMap { byMessageId[$0] } ?? []) + (bySender[source.sender] ?? [])
        return DuplicateCheck.duplicate(of: candidate, among: candidates)
    }
}
