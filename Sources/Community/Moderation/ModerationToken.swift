import Foundation

/// A moderation token: 128 random bits (DESIGN, security model), written as 26 lowercase base32
/// characters. It travels in the notification's Subject (`[learnmail #42 tok:…]`) and Reply-To
/// plus-address (`learning+mod-…@example.org`); the spool keeps only its SHA-256
/// (`ModerationTokenRecord`), bound to one item and one moderator, with an expiry.
public struct ModerationToken: Sendable, Hashable, CustomStringConvertible {
    /// The 26-character lowercase base32 text.
    public let text: String

    /// Tokens expire after 30 days unless the configuration says otherwise.
    public static let defaultLifetime: TimeInterval = 30 * 86_400
    /// Length of the base32 text of 128 bits.
    public static let length = 26

    /// Draws 128 bits from `generator` (`SystemRandomNumberGenerator` in production).
    public static func generate(using generator: inout some RandomNumberGenerator) -> ModerationToken {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            let word = generator.next()
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return ModerationToken(validated: Base32.encode(bytes))
    }

    /// Accepts exactly 26 base32 characters (either case); nil for anything else.
    public init?(_ text: String) {
        guard text.utf8.count == Self.length, let bytes = Base32.decode(text), bytes.count == 16 else { return nil }
        // The last character carries 2 padding bits; a canonical token has them zero.
        guard Base32.encode(bytes) == text.lowercased() else { return nil }
        self.text = text.lowercased()
    }

    private init(validated: String) { text = validated }

    /// Never prints the whole secret (logs are read by people who must not moderate).
    public var description: String { "tok:" + text.prefix(4) + "…" }

    /// Lowercase hex SHA-256 of the token text: the only form the spool stores.
    public var sha256Hex: String { SHA256.hexDigest(text) }

    /// The record to store beside item `itemId` for `moderator`.
    public func record(
        itemId: Int, moderator: String, issuedAt: Date, lifetime: TimeInterval = ModerationToken.defaultLifetime
    ) -> ModerationTokenRecord {
        ModerationTokenRecord(
            itemId: itemId, moderator: moderator, sha256: sha256Hex, issuedAt: issuedAt,
            expiresAt: issuedAt.addingTimeInterval(lifetime))
    }

    // MARK: Placement

    /// The subject tag `[learnmail #42 tok:<token>]` that replies carry back.
    public func subjectTag(itemId: Int, tag: String = "learnmail") -> String {
        "[\(tag) #\(itemId) tok:\(text)]"
    }

    /// The Reply-To address `learning+mod-<token>@example.org` for the community address
    /// (`marker` "preview" makes a digest preview's `learning+preview-<token>@…`).
    public func replyAddress(community address: String, marker: String = "mod") -> String {
        PlusAddress.make(address, tag: "\(marker)-\(text)")
    }
}

/// Where a token was found in a reply, and the item number when the subject carried it.
public struct ModerationTokenReference: Sendable, Equatable {
    public var token: ModerationToken
    /// From the subject tag `#42`; nil when the token came from a plus-address only.
    public var itemId: Int?
    public var foundIn: Place

    public enum Place: String, Sendable { case address, subject }

    public init(token: ModerationToken, itemId: Int?, foundIn: Place) {
        self.token = token
        self.itemId = itemId
        self.foundIn = foundIn
    }
}

extension ModerationToken {
    /// Finds a token in a reply: first in plus-addresses (`…+mod-<token>@…` in To, Cc,
    /// Delivered-To, X-Original-To: the envelope survives subject edits), then in the subject tag
    /// `[tag #N tok:<token>]` (which also gives the item number). When both are present the
    /// subject's item number is kept with the address's token only if the tokens agree.
    public static func find(subject: String?, addresses: [String]) -> ModerationTokenReference? {
        let fromSubject = subject.flatMap(parseSubject)
        for address in addresses {
            if let token = parsePlusAddress(address) {
                let itemId = fromSubject?.token == token ? fromSubject?.itemId : nil
                return ModerationTokenReference(token: token, itemId: itemId, foundIn: .address)
            }
        }
        return fromSubject
    }

    /// `local+mod-<token>@domain` → the token (`marker` "preview": `local+preview-<token>@domain`).
    public static func parsePlusAddress(_ address: String, marker: String = "mod") -> ModerationToken? {
        PlusAddress.value(of: address, marker: marker).flatMap(ModerationToken.init)
    }

    /// Finds `#<digits> tok:<26 chars>` inside a bracketed tag anywhere in the subject
    /// (clients prepend `Re:`/`AW:` and may add their own tags).
    public static func parseSubject(_ subject: String) -> ModerationTokenReference? {
        let chars = Array(subject.lowercased().unicodeScalars)
        var i = 0
        while i < chars.count {
            defer { i += 1 }
            guard chars[i] == "t", i + 4 + length <= chars.count,
                chars[i + 1] == "o", chars[i + 2] == "k", chars[i + 3] == ":"
            else { continue }
            let text = String(String.UnicodeScalarView(chars[(i + 4)..<(i + 4 + length)]))
            // The token must end there: not followed by another base32 character.
            if i + 4 + length < chars.count, isBase32(chars[i + 4 + length]) { continue }
            guard let token = ModerationToken(text) else { continue }
            return ModerationTokenReference(token: token, itemId: itemNumber(before: i, in: chars), foundIn: .subject)
        }
        return nil
    }

    /// The item number of a subject tag `[learnmail #42 …]`, with or without a token: lets the
    /// engine answer a moderator whose reply lost its token ("missing token") instead of taking
    /// the reply for a contribution.
    public static func itemNumber(inSubject subject: String, tag: String = "learnmail") -> Int? {
        let lower = subject.lowercased()
        guard let open = lower.range(of: "[" + tag.lowercased() + " #") else { return nil }
        let digits = lower[open.upperBound...].prefix(while: { $0.isASCII && $0.isNumber }).prefix(10)
        return Int(digits)
    }

    private static func isBase32(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("2"..."7").contains(c) }

    /// The `#42` that precedes `tok:` within the same bracket.
    private static func itemNumber(before end: Int, in chars: [Unicode.Scalar]) -> Int? {
        var j = end - 1
        while j >= 0, chars[j] == " " { j -= 1 }
        var digits: [Unicode.Scalar] = []
        while j >= 0, ("0"..."9").contains(chars[j]), digits.count < 10 {
            digits.insert(chars[j], at: 0)
            j -= 1
        }
        guard j >= 0, chars[j] == "#", !digits.isEmpty else { return nil }
        return Int(String(String.UnicodeScalarView(digits)))
    }
}
