import Foundation

/// Whether a new contribution repeats one already queued: the same Message-ID (a message fetched
/// twice), or the same sender and the same clean body within 24 hours (sent twice, or to two of
/// our addresses).
public enum DuplicateCheck {
    public struct Key: Sendable, Equatable {
        public var itemId: Int
        public var messageId: String?
        public var sender: String
        public var bodyDigest: String
        public var receivedAt: Date

        public init(itemId: Int, messageId: String?, sender: String, bodyDigest: String, receivedAt: Date) {
            self.itemId = itemId
            self.messageId = messageId
            self.sender = sender.lowercased()
            self.bodyDigest = bodyDigest
            self.receivedAt = receivedAt
        }
    }

    public static let window: TimeInterval = 24 * 3600

    /// SHA-256 (hex) of the body with whitespace runs collapsed and case folded, so that a resend
    /// rewrapped by another client still matches.
    public static func bodyDigest(_ body: String) -> String {
        if ScalarText.isASCII(body) { return SHA256.hexDigest(asciiWords(body)) }
        let words = body.lowercased().split(whereSeparator: { $0.isWhitespace })
        return SHA256.hexDigest(words.joined(separator: " "))
    }

    /// What the general path below digests, for ASCII text in one pass over the bytes: there
    /// lowercasing is per byte and whitespace (`Character.isWhitespace`) is HT, LF, VT, FF, CR, space.
    static func asciiWords(_ body: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(body.utf8.count)
        var space = false
        for b in body.utf8 {
            if b == 0x20 || (0x09...0x0D).contains(b) {
                space = !out.isEmpty
            } else {
                if space { out.append(0x20) }
                space = false
                out.append(ScalarText.lowerASCII(b))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The id of the item that `candidate` duplicates, if any.
    public static func duplicate(of candidate: Key, among existing: [Key]) -> Int? {
        for key in existing {
            if let id = candidate.messageId, !id.isEmpty, key.messageId == id { return key.itemId }
        }
        for key in existing where key.sender == candidate.sender && key.bodyDigest == candidate.bodyDigest {
            if abs(key.receivedAt.timeIntervalSince(candidate.receivedAt)) <= window { return key.itemId }
        }
        return nil
    }

    /// The key of a queued item.
    public static func key(of item: LearningItem) -> Key {
        Key(
            itemId: item.id, messageId: item.contribution.messageId, sender: item.contribution.contributor.address,
            bodyDigest: bodyDigest(item.contribution.body), receivedAt: item.receivedAt)
    }

    /// Convenience: the item among `items` that a new contribution received at `at` duplicates.
    public static func duplicate(
        of contribution: Contribution, receivedAt at: Date, among items: [LearningItem]
    ) -> Int? {
        let candidate = Key(
            itemId: 0, messageId: contribution.messageId, sender: contribution.contributor.address,
            bodyDigest: bodyDigest(contribution.body), receivedAt: at)
        return duplicate(of: candidate, among: items.map(key(of:)))
    }
}
