import Foundation

/// Why a presented token is or is not good for this item and this moderator.
public enum TokenCheck: Sendable, Equatable {
    case valid
    /// No record matches: forged, mistyped or from a deleted item.
    case unknown
    /// The token belongs to another item (the reply was sent to the wrong notification).
    case otherItem(Int)
    /// The token was issued to another moderator (a forwarded notification).
    case otherModerator
    case expired(Date)

    /// A short phrase for logs and confirmation replies.
    public var explanation: String {
        switch self {
        case .valid: return "token valid"
        case .unknown: return "the token is not known"
        case .otherItem(let id): return "the token belongs to item #\(id)"
        case .otherModerator: return "the token was issued to another moderator"
        case .expired(let at): return "the token expired at \(ISO8601UTC.string(from: at))"
        }
    }
}

extension ModerationTokenRecord {
    /// Checks `token` against every record (all of them are hashed and compared in constant
    /// time, so timing tells nothing about which one matched or how far).
    public static func check(
        _ token: ModerationToken, records: [ModerationTokenRecord], itemId: Int, moderator: String, now: Date
    ) -> TokenCheck {
        let presented = Array(token.sha256Hex.utf8)
        var match: ModerationTokenRecord?
        for record in records where ConstantTime.equal(presented, Array(record.sha256.utf8)) {
            if match == nil || record.itemId == itemId && record.moderator == moderator.lowercased() {
                match = record
            }
        }
        guard let record = match else { return .unknown }
        if record.itemId != itemId { return .otherItem(record.itemId) }
        if record.moderator != moderator.lowercased() { return .otherModerator }
        if now >= record.expiresAt { return .expired(record.expiresAt) }
        return .valid
    }

    /// The item a token was issued for (when a reply carried the token only in its address).
    public static func itemId(for token: ModerationToken, in records: [ModerationTokenRecord]) -> Int? {
        let presented = Array(token.sha256Hex.utf8)
        var found: Int?
        for record in records where ConstantTime.equal(presented, Array(record.sha256.utf8)) {
            found = found ?? record.itemId
        }
        return found
    }
}
