/// A person as named in a mail header: display name (when any) and address (lowercased).
public struct Person: Codable, Sendable, Hashable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address.lowercased()
    }

    private enum CodingKeys: String, CodingKey { case name, address }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        address = try c.decode(String.self, forKey: .address).lowercased()
    }

    /// Always writes `name` (null when absent) so that the JSON shape is stable.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(address, forKey: .address)
    }

    /// The domain part of the address, lowercased ("" when there is no `@`).
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return String(address[address.index(after: at)...])
    }
}
