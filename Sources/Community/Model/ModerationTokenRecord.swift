import Foundation

/// What the spool keeps of one moderation token, beside the item (`items/N/tokens.json`), never in
/// the item's public JSON: the SHA-256 of the token (hex), never the token itself, bound to one item
/// and one moderator, with its expiry.
public struct ModerationTokenRecord: Codable, Sendable, Equatable {
    public var itemId: Int
    /// The moderator the token was sent to (lowercased).
    public var moderator: String
    /// Lowercase hex SHA-256 of the token's ASCII text.
    public var sha256: String
    public var issuedAt: Date
    public var expiresAt: Date

    public init(itemId: Int, moderator: String, sha256: String, issuedAt: Date, expiresAt: Date) {
        self.itemId = itemId
        self.moderator = moderator.lowercased()
        self.sha256 = sha256
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey { case itemId, moderator, sha256, issuedAt, expiresAt }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        itemId = try c.decode(Int.self, forKey: .itemId)
        moderator = try c.decode(String.self, forKey: .moderator).lowercased()
        sha256 = try c.decode(String.self, forKey: .sha256)
        issuedAt = try ISO8601UTC.decode(c, .issuedAt)
        expiresAt = try ISO8601UTC.decode(c, .expiresAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(itemId, forKey: .itemId)
        try c.encode(moderator, forKey: .moderator)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(ISO8601UTC.string(from: issuedAt), forKey: .issuedAt)
        try c.encode(ISO8601UTC.string(from: expiresAt), forKey: .expiresAt)
    }
}
