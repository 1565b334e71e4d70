import Foundation

/// One line of an item's history ("approved by facilitator@example.org").
/// JSON: `{"at": "2026-11-23T09:15:00Z", "action", "by", "note"}`.
public struct HistoryEntry: Codable, Sendable, Equatable {
    public var at: Date
    public var action: String
    public var by: String
    public var note: String?

    public init(at: Date, action: String, by: String, note: String? = nil) {
        self.at = at
        self.action = action
        self.by = by
        self.note = note
    }

    private enum CodingKeys: String, CodingKey { case at, action, by, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        at = try ISO8601UTC.decode(c, .at)
        action = try c.decode(String.self, forKey: .action)
        by = try c.decode(String.self, forKey: .by)
        note = try c.decodeIfPresent(String.self, forKey: .note)
    }

    /// Dates are written as ISO 8601 UTC strings whatever the encoder's date strategy.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ISO8601UTC.string(from: at), forKey: .at)
        try c.encode(action, forKey: .action)
        try c.encode(by, forKey: .by)
        try c.encode(note, forKey: .note)
    }
}
