import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How much to trust the index file when opening the spool.
public enum ItemCheck: Sendable {
    /// Read every item folder (`Engine`'s default: the tests, and a check of the whole spool):
    /// damage anywhere is found and set aside at once. The index is written afresh from what was read.
    case readEveryItem
    /// Trust the index file unless it is missing or damaged, or the journal or leftover
    /// messages in `incoming/` say that a change was cut short: every CLI command, `run` included.
    /// Damage to an item folder nothing has touched since is then found when the item is read.
    case trustIndex
}

/// Every item's summary (`ItemSummary`), kept in `data/items.index` (`ItemIndexFile`) so that the
/// everyday commands read one file instead of every item folder, and so that recognising a
/// duplicate costs a dictionary lookup per message rather than a scan of every item.
///
/// The index is a copy, never the truth: it is rebuilt from the items whenever it is missing,
/// damaged, or cannot say what changed (a group of changes cut short), and the rebuild is logged.
/// Items changed one at a time since it was written are named in the journal and read again.
struct ItemIndex {
    /// One item: what selects it, and its summary or the index line it is read from when asked.
    struct Entry {
        var id: Int
        var status: ItemStatus
        var digestWeek: String?
        var storage: Storage

        enum Storage {
            case line(ArraySlice<UInt8>)
            case summary(ItemSummary)
        }

        init(id: Int, status: ItemStatus, digestWeek: String?, storage: Storage) {
            self.id = id
            self.status = status
            self.digestWeek = digestWeek
            self.storage = storage
        }

        init(_ summary: ItemSummary) {
            self.init(
                id: summary.id, status: summary.status, digestWeek: summary.digestWeek, storage: .summary(summary))
        }

        var summary: ItemSummary? {
            switch storage {
            case .line(let line): ItemIndexFile.summary(line)
            case .summary(let summary): summary
            }
        }

        var sourceKey: SourceKey? {
            switch storage {
            case .line(let line): ItemIndexFile.sourceKey(line)
            case .summary(let summary): summary.source.key
            }
        }
    }

    private var byId: [Int: Entry] = [:]
    /// The highest item id in the spool: the next item is one more (no folder listing per message).
    private(set) var highestId = 0

    /// Source keys, made on the first message processed (most commands never process one, and need
    /// not pay for them).
    private var bySourceKey: [String: Int]?
    /// Message-IDs and senders, made on the first new contribution.
    private var lookups: Lookups?
    private struct Lookups {
        /// Duplicate-check keys grouped by Message-ID and by sender: the only keys that can match.
        var byMessageId: [String: [DuplicateCheck.Key]] = [:]
        var bySender: [String: [DuplicateCheck.Key]] = [:]
    }

    /// Item folders that could not be read, and why: `Engine` sets them aside under the lock.
    private(set) var damaged: [(id: Int, reason: String)] = []

    /// True when the index was rebuilt from the items, or items were set aside: the file on disk
    /// does not hold what this index holds, and no journal line says so.
    private(set) var needsWriting = false
    /// The journal holds `open` for changes this process is making.
    private(set) var groupOpen = false
    /// The items named by `touch` lines in the journal: a few are read again by every reader; past
    /// `journalLimit` the index is written afresh.
    private(set) var journalTouched: Set<Int> = []
    /// Lines in the journal (an item changed twice is named twice).
    private var journalLines = 0
    /// The items folder as the index file records it (`ItemIndexFile.folderStamp`).
    private var recordedFolder: [Int64] = []
    static let journalLimit = 16
    /// Items changed inside the open group: when they are few, the group ends by naming them in the
    /// journal (a small file) instead of writing the whole index.
    private var changedInGroup: Set<Int> = []
    /// Source-key lookups made by scanning the lines; past a few, the dictionary is made.
    private var sourceKeyScans = 0

    /// The index and journal files as last read or written (`ItemIndexFile.stamp`).
    private(set) var fileStamp: [Int64] = []

    /// An empty index (no spool read).
    init() {}

    /// The index of `spool`, checked as `check` says. `log` hears of every rebuild and why.
    static func open(_ spool: Spool, check: ItemCheck, log: (String) -> Void) -> ItemIndex {
        let stamp = ItemIndexFile.stamp(spool)
        if check == .readEveryItem { return rebuilt(spool, stamp: stamp) }
        let journal = ItemIndexFile.readJournal(spool)
        func rebuild(_ why: String) -> ItemIndex {
            let index = rebuilt(spool, stamp: stamp)
            if index.byId.isEmpty && index.damaged.isEmpty { return index }
            log("items index \(why): rebuilt from the \(index.byId.count) item folder(s)")
            return index
        }
        guard let bytes = ItemIndexFile.readFile(spool.path(ItemIndexFile.name)) else {
            return rebuild("(\(ItemIndexFile.name)) is missing")
        }
        let contents: ItemIndexFile.Contents
        switch ItemIndexFile.decode(bytes) {
        case .failure(let problem): return rebuild("(\(ItemIndexFile.name)) \(problem)")
        case .success(let read): contents = read
        }
        if journal.open {
            return rebuild("cannot say what changed: a group of changes was cut short, or is being made now")
        }
        if !spool.incomingKeys().isEmpty {
            return rebuild("may be out of step: messages were left in incoming/ by a round cut short")
        }
        var index = ItemIndex()
        index.fileStamp = stamp
        index.byId.reserveCapacity(contents.entries.count)
        for entry in contents.entries {
            index.byId[entry.id] = entry
            index.highestId = max(index.highestId, entry.id)
        }
        index.journalTouched = journal.touched
        index.journalLines = journal.lines
        index.recordedFolder = contents.folder
        // Items changed one at a time since the index was written: read again.
        for id in journal.touched.sorted() { index.readAgain(id, in: spool) }
        if ItemIndexFile.folderStamp(spool) != contents.folder {
            // Item folders made or removed since, not by learnmail's own changes (which write the
            // index after them): the folder is listed, and what differs read again.
            let ids = Set(spool.itemIds())
            let known = Set(index.byId.keys).union(index.damaged.map(\.id))
            let differing = ids.symmetricDifference(known)
            for id in differing.sorted() { index.readAgain(id, in: spool) }
            if !differing.isEmpty {
                log(
                    "items index: \(differing.count) item folder(s) made or removed outside learnmail since it "
                        + "was written; read again")
            }
            index.needsWriting = true
            index.highestId = max(ids.max() ?? 0, index.byId.keys.max() ?? 0)
        }
        return index
    }

    /// Every item folder read.
    private static func rebuilt(_ spool: Spool, stamp: [Int64]) -> ItemIndex {
        var index = ItemIndex()
        index.fileStamp = stamp
        index.needsWriting = true
        for id in spool.itemIds() { index.readAgain(id, in: spool) }
        return index
    }

    /// Reads item `id`'s folder and puts what it holds in place of its entry: a folder gone is
    /// dropped; one that cannot be read is named in `damaged`.
    private mutating func readAgain(_ id: Int, in spool: Spool) {
        let folder = "items/\(id)"
        byId[id] = nil
        lookups = nil
        bySourceKey = nil
        guard Spool.exists(spool.path(folder)) else { return }
        highestId = max(highestId, id)
        guard Spool.isDirectory(spool.path(folder)) else {
            damaged.append((id, "\(folder) is not a folder"))
            return
        }
        switch (
            spool.readJSON(LearningItem.self, at: folder + "/item.json"),
            spool.readJSON(ItemSource.self, at: folder + "/source.json")
        ) {
        case (.value(let item), .value(let source)):
            byId[id] = Entry(ItemSummary(item, source: source))
        case (let item, let source):
            let problems = [("item.json", item.problem), ("source.json", source.problem)].compactMap {
                name, problem in
                problem.map { "\(folder)/\(name) \($0)" }
            }
            damaged.append((id, problems.joined(separator: "; ")))
        }
    }

    // MARK: reading

    /// Every item's summary, by id.
    var summaries: [ItemSummary] { summaries { _ in true } }

    /// The summaries of the items whose entries `select` chooses (by id, status or digest week: no
    /// other field is read for the others).
    func summaries(_ select: (Entry) -> Bool) -> [ItemSummary] {
        byId.keys.sorted().compactMap { id in byId[id].flatMap { select($0) ? $0.summary : nil } }
    }

    func summary(_ id: Int) -> ItemSummary? { byId[id]?.summary }

    var counts: [ItemStatus: Int] {
        byId.values.reduce(into: [:]) { counts, entry in counts[entry.status, default: 0] += 1 }
    }

    private var entries: [Entry] { byId.keys.sorted().compactMap { byId[$0] } }

    var isEmpty: Bool { byId.isEmpty }

    mutating func item(forSourceKey key: SourceKey) -> Int? {
        if bySourceKey == nil && sourceKeyScans < 8 {
            // One reply in a round need not make 10,000 strings: the lines are compared as bytes.
            sourceKeyScans += 1
            let wanted = key.fileName
            let wantedBytes = Array(wanted.utf8)
            return byId.keys.sorted().last { id in
                switch byId[id]?.storage {
                case .line(let line)?:
                    guard let field = ItemIndexFile.sourceKeyBytes(line) else { return false }
                    // A stored key that is safe already is its own safe key: bytes compared, no string.
                    if Self.isSafe(field) { return field.elementsEqual(wantedBytes) }
                    return ItemIndexFile.sourceKey(line).map { $0.fileName == wanted } ?? false
                case .summary(let summary)?: return summary.source.key.fileName == wanted
                case nil: return false
                }
            }
        }
        if bySourceKey == nil {
            var made: [String: Int] = [:]
            made.reserveCapacity(byId.count)
            for id in byId.keys.sorted() {
                if let key = byId[id]?.sourceKey { made[key.fileName] = id }
            }
            bySourceKey = made
        }
        return bySourceKey?[key.fileName]
    }

    /// The item this contribution repeats (DuplicateCheck's rule: the same Message-ID, or the
    /// same sender and body within a day).
    mutating func duplicate(of source: ItemSource, at now: Date) -> Int? {
        let lookups = madeLookups()
        let candidate = DuplicateCheck.Key(
            itemId: 0, messageId: source.messageId, sender: source.sender, bodyDigest: source.bodyDigest,
            receivedAt: now)
        let candidates =
            (source.messageId.flatMap { lookups.byMessageId[$0] } ?? []) + (lookups.bySender[source.sender] ?? [])
        return DuplicateCheck.duplicate(of: candidate, among: candidates)
    }

    /// True when `SourceKey.fileName` leaves these bytes as they are (and there is no escape in them).
    private static func isSafe(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.first != UInt8(ascii: "."), bytes.last != UInt8(ascii: ".") else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E: true
            default: false
            }
        }
    }

    private mutating func madeLookups() -> Lookups {
        if let lookups { return lookups }
        var made = Lookups()
        for id in byId.keys.sorted() {
            if let summary = byId[id]?.summary { Self.add(summary, to: &made) }
        }
        lookups = made
        return made
    }

    private static func add(_ summary: ItemSummary, to lookups: inout Lookups) {
        let source = summary.source
        let key = DuplicateCheck.Key(
            itemId: summary.id, messageId: source.messageId, sender: source.sender, bodyDigest: source.bodyDigest,
            receivedAt: summary.receivedAt)
        if let messageId = source.messageId { lookups.byMessageId[messageId, default: []].append(key) }
        lookups.bySender[source.sender, default: []].append(key)
    }

    // MARK: changing

    /// A new item, or an item saved again (announced first by `beginGroup` or `willChange`).
    mutating func put(_ summary: ItemSummary) {
        let isNew = byId[summary.id] == nil
        byId[summary.id] = Entry(summary)
        highestId = max(highestId, summary.id)
        if groupOpen { changedInGroup.insert(summary.id) }
        if isNew { bySourceKey?[summary.source.key.fileName] = summary.id }
        if isNew, lookups != nil {
            Self.add(summary, to: &lookups!)
        } else if !isNew {
            // Sources do not change; the received time does not either, but the entry is made again
            // from the summary on the next lookup to stay one rule.
            lookups = nil
        }
    }

    /// Item folders set aside (they are in `damaged/` now; each was announced by `willChange`).
    mutating func remove(_ ids: [Int]) {
        for id in ids { byId[id] = nil }
        if groupOpen { changedInGroup.formUnion(ids) }
        damaged.removeAll { ids.contains($0.id) }
        lookups = nil
        bySourceKey = nil
        // The next item takes the lowest free number again, as a folder listing would give it.
        highestId = max(byId.keys.max() ?? 0, damaged.map(\.id).max() ?? 0)
    }

    /// Announces, durably, a group of changes to any item (see `ItemIndexFile`).
    mutating func beginGroup(in spool: Spool) throws {
        guard !groupOpen else { return }
        try ItemIndexFile.appendToJournal("open", in: spool)
        groupOpen = true
    }

    /// Announces, durably, that item `id` is about to be saved.
    mutating func willChange(_ id: Int, in spool: Spool) throws {
        guard !groupOpen else { return }
        try ItemIndexFile.appendToJournal("touch \(id)", in: spool)
        journalTouched.insert(id)
        journalLines += 1
    }

    /// Writes the index file when a group of changes is over, when it was rebuilt, or when the
    /// journal has grown past `journalLimit`. The caller holds the spool's lock, outside any group
    /// commit (what the journal announced is durable by then).
    mutating func writeIfNeeded(to spool: Spool) throws {
        guard groupOpen || needsWriting || journalLines > Self.journalLimit else { return }
        let touched = journalTouched.union(changedInGroup)
        if !needsWriting, touched.count <= Self.journalLimit, ItemIndexFile.folderStamp(spool) == recordedFolder {
            // A small group that made no item (a moderation reply): its changes are durable now, and
            // naming them in the journal, in place of `open`, is enough for readers to read them
            // again. One that made items writes the index, so that it records the folder as it is.
            try ItemIndexFile.replaceJournal(touching: touched, in: spool)
            journalTouched = touched
            journalLines = touched.count
        } else {
            recordedFolder = try ItemIndexFile.write(entries, in: spool)
            journalTouched = []
            journalLines = 0
        }
        groupOpen = false
        changedInGroup = []
        needsWriting = false
        fileStamp = ItemIndexFile.stamp(spool)
    }

    /// True when another process has changed the index or its journal since this one last looked.
    func isOutdated(_ spool: Spool) -> Bool { ItemIndexFile.stamp(spool) != fileStamp }
}
