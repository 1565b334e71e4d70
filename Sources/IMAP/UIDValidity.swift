/// The `UIDVALIDITY` of a mailbox (RFC 3501 §2.3.1.1): when it changes, every UID seen before is void.
///
/// Values may be small numbers on some servers (Courier), so nothing is assumed about their size.
public struct UIDValidity: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The number as sent on the wire (32-bit unsigned, `nz-number`).
    public let value: UInt32

    public init(_ value: UInt32) {
        self.value = value
    }

    public var description: String { String(value) }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(UInt32.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
