/// One mailbox from an address header: the display name (RFC 2047 decoded) and the addr-spec, lowercased.
public struct MailAddress: Sendable, Hashable, Codable {
    /// The display name, or nil when there is none.
    public var name: String?
    /// The addr-spec (`local@domain`), lowercased.
    public var address: String

    public init(name: String?, address: String) {
        self.init(name: name, lowercasedAddress: address.lowercased())
    }

    /// For an address already lowercased (the parser lowercases ASCII while copying the bytes).
    init(name: String?, lowercasedAddress: String) {
        let trimmed = name?.trimmingWhitespace()
        self.name = (trimmed?.isEmpty ?? true) ? nil : trimmed
        self.address = lowercasedAddress
    }
}
