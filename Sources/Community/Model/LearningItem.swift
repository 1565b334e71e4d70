import Foundation

/// A contribution in the queue. JSON (`queue show N --json`) is flat:
/// `{"id": 42, "status", ...the Contribution fields..., "receivedAt", "history", "digestWeek",
/// "learningSet"}`.
/// Moderation tokens are deliberately not part of this value: they live in `ModerationTokenRecord`s
/// stored beside the item, so that the public JSON never carries secrets (not even hashes).
public struct LearningItem: Codable, Sendable, Equatable {
    public var id: Int
    public var status: ItemStatus
    public var contribution: Contribution
    public var receivedAt: Date
    public var history: [HistoryEntry]
    /// The ISO week (`2026-W48`) of the digest that carried the item, once sent.
    public var digestWeek: String?
    /// The learning set the item belongs to (config `learningSets[].name`), or nil.
    public var learningSet: String?

    public init(
        id: Int, status: ItemStatus = .pending, contribution: Contribution, receivedAt: Date,
        history: [HistoryEntry] = [], digestWeek: String? = nil, learningSet: String? = nil
    ) {
        self.id = id
        self.status = status
        self.contribution = contribution
        self.receivedAt = receivedAt
        self.history = history
        self.digestWeek = digestWeek
        self.learningSet = learningSet
    }

    private enum CodingKeys: String, CodingKey { case id, status, receivedAt, history, digestWeek, learningSet }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        status = try c.decode(ItemStatus.self, forKey: .status)
        contribution = try Contribution(from: decoder)
        receivedAt = try ISO8601UTC.decode(c, .receivedAt)
        history = try c.decodeIfPresent([HistoryEntry].self, forKey: .history) ?? []
        digestWeek = try c.decodeIfPresent(String.self, forKey: .digestWeek)
        learningSet = try c.decodeIfPresent(String.self, forKey: .learningSet)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(status, forKey: .status)
        try contribution.encode(to: encoder)  // flattened into the same object
        try c.encode(ISO8601UTC.string(from: receivedAt), forKey: .receivedAt)
        try c.encode(history, forKey: .history)
        try c.encode(digestWeek, forKey: .digestWeek)
        try c.encode(learningSet, forKey: .learningSet)
    }
}
