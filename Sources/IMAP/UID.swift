/// A message's unique identifier within one mailbox (RFC 3501 §2.3.1.1, `uniqueid = nz-number`).
///
/// Distinct from `UIDValidity` and from message sequence numbers so that the compiler keeps them apart.
/// A UID is only meaningful together with the mailbox's `UIDValidity`.
public struct UID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The number as sent on the wire (32-bit unsigned, RFC 3501 §9 `nz-number`).
    public let value: UInt32

    public init(_ value: UInt32) {
        self.value = value
    }

    /// The smallest valid UID.
    public static let min = UID(1)
    /// The largest UID the protocol can express.
    public static let max = UID(UInt32.max)

    public static func < (lhs: UID, rhs: UID) -> Bool { lhs.value < rhs.value }

    public var description: String { String(value) }

    /// The next UID, or nil at the top of the range.
    public var successor: UID? { value == UInt32.max ? nil : UID(value + 1) }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(UInt32.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
