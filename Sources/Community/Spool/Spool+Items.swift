import DurableFiles
import Foundation
import SMTP

/// Where an item came from: kept beside it so that the same message is never made into two items.
public struct ItemSource: Codable, Sendable, Equatable {
    /// The incoming key (`imap-UIDVALIDITY-UID`, `maildir-NAME`, `cli-…`).
    public var key: SourceKey
    public var messageId: String?
    /// The sender and a digest of the clean body, for "same sender, same text within a day".
    public var sender: String
    public var bodyDigest: String
}

/// Everything created together with a new item, written in one atomic folder rename.
public struct NewItem: Sendable {
    public var item: LearningItem
    public var source: ItemSource
    public var tokens: [ModerationTokenRecord]
    public var message: [UInt8]
    public var attachments: [String: [UInt8]]
    /// Outgoing mail made with the item (the notifications carry tokens that exist nowhere else
    /// in plain text), moved into the outbox right after the item is in place.
    public var outgoing: [PendingMail]
}

/// A message to queue: its SMTP envelope, the outbox id it will have and its kind. Made with an
/// item, it is staged in the item's folder in the outbox's own format and moved (renamed) into the
/// outbox once the item is in place.
public struct PendingMail: Sendable, Equatable {
    public var id: String
    /// Also says whether the message carries a token (`MailKind.carriesSecret`, `Outbox.Entry.secret`).
    public var kind: MailKind
    public var envelope: Envelope

    public init(id: String, kind: MailKind, envelope: Envelope) {
        self.id = id
        self.kind = kind
        self.envelope = envelope
    }
}

extension Spool {
    public func itemFolder(_ id: Int) -> String { path("items", String(id)) }

    /// Item ids in ascending order.
    public func itemIds() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path("items"))) ?? []
        return names.compactMap(Int.init).sorted()
    }

    public func loadItem(_ id: Int) throws -> LearningItem {
        guard let item = try loadJSON(LearningItem.self, at: "items/\(id)/item.json") else {
            throw SpoolError.noSuchItem(id)
        }
        return item
    }

    public func saveItem(_ item: LearningItem) throws {
        try saveJSON(item, at: "items/\(item.id)/item.json")
    }

    public func loadItems() -> [LearningItem] {
        itemIds().compactMap { try? loadItem($0) }
    }

    public func loadSource(_ id: Int) -> ItemSource? {
        try? loadJSON(ItemSource.self, at: "items/\(id)/source.json")
    }

    public func loadTokens(_ id: Int) -> [ModerationTokenRecord] {
        (try? loadJSON([ModerationTokenRecord].self, at: "items/\(id)/tokens.json")) ?? []
    }

    public func saveTokens(_ tokens: [ModerationTokenRecord], for id: Int) throws {
        try saveJSON(tokens, at: "items/\(id)/tokens.json")
    }

    public func attachmentPath(item id: Int, storedName: String) -> String {
        path("items", String(id), "attachments", storedName)
    }

    /// Creates the item's folder under a temporary name, fills it, syncs it, then renames it into
    /// place: an item exists whole or not at all.
    public func createItem(_ new: NewItem, at now: Date) throws {
        let id = new.item.id
        let temporary = path("items", ".new-\(id)")
        try? FileManager.default.removeItem(atPath: temporary)
        try FileManager.default.createDirectory(atPath: temporary + "/outbox", withIntermediateDirectories: true)
        // Inside the temporary folder plain writes are enough: the folder's rename is the atomic step.
        func write(_ bytes: some Collection<UInt8>, _ name: String) throws {
            try AtomicFile.writeInPlace(bytes, to: temporary + "/" + name)
        }
        func json(_ value: some Encodable) throws -> [UInt8] {
            Array(try Spool.encoder.encode(value)) + [0x0A]
        }
        try write(new.message, "message.eml")
        try write(try json(new.item), "item.json")
        try write(try json(new.source), "source.json")
        try write(try json(new.tokens), "tokens.json")
        for mail in new.outgoing {
            let files = try Outbox.files(for: mail, at: now)
            try write(files.message, "outbox/\(files.name).eml")
            try write(files.entry, "outbox/\(files.name).json")
        }
        try AtomicFile.syncDirectory(temporary + "/outbox")
        // File creation is what an item costs most: no attachments folder unless there are some.
        if !new.attachments.isEmpty {
            try FileManager.default.createDirectory(
                atPath: temporary + "/attachments", withIntermediateDirectories: false)
            for (name, bytes) in new.attachments {
                try write(bytes, "attachments/\(Spool.safeKey(name))")
            }
            try AtomicFile.syncDirectory(temporary + "/attachments")
        }
        try AtomicFile.syncDirectory(temporary)
        try AtomicFile.move(temporary, to: itemFolder(id))
    }
}

extension Spool {
    /// Item folders that cannot be read (a power cut inside a group commit, before its flush) are
    /// moved aside as `items/.damaged-N-…`. Their raw message is still in `incoming/` (it is marked
    /// processed only after the items are durable), so it simply becomes an item again.
    public func setAsideDamagedItems() -> [Int] {
        var damaged: [Int] = []
        for id in itemIds() where (try? loadItem(id)) == nil || loadSource(id) == nil {
            let aside = path("items", ".damaged-\(id)-\(Int(Date().timeIntervalSince1970))")
            if (try? AtomicFile.move(itemFolder(id), to: aside)) != nil { damaged.append(id) }
        }
        return damaged
    }
}
