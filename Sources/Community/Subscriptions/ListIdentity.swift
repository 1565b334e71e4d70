import Foundation

/// Who the list is, as subscribers see it: the community's name, its address, its RFC 2919
/// list id and learning areas (in config order, which is the digest's order).
public struct ListIdentity: Sendable, Equatable, Codable {
    public var name: String
    /// `learning@example.org`
    public var address: String
    /// `learning.example.org` (RFC 2919 list-id, no angle brackets)
    public var listId: String
    public var learningAreas: [String]
    /// Optional https one-click unsubscribe URL (RFC 8058); `{token}` in it is replaced by the
    /// subscriber's unsubscribe token, otherwise `?token=<token>` is appended.
    public var unsubscribeURL: String?

    public init(
        name: String, address: String, listId: String, learningAreas: [String] = [], unsubscribeURL: String? = nil
    ) {
        self.name = name
        self.address = address.lowercased()
        self.listId = listId
        self.learningAreas = learningAreas
        self.unsubscribeURL = unsubscribeURL
    }

    /// `learning+TAG@example.org` (RFC 5233 subaddress) for the community address `learning@example.org`.
    public func address(tag: String) -> String { PlusAddress.make(address, tag: tag) }

    /// The address whose mail unsubscribes `subscriber` at once: `learning+unsubscribe-<token>@…`.
    public func unsubscribeAddress(for subscriber: Subscriber) -> String {
        address(tag: "unsubscribe-" + subscriber.unsubscribeToken)
    }

    /// The VERP envelope sender for `subscriber`'s copy: `learning+bounce-<token>@…`.
    public func bounceAddress(for subscriber: Subscriber) -> String {
        address(tag: "bounce-" + subscriber.bounceToken)
    }

    /// The address a confirmation request asks to be replied to: `learning+confirm-<token>@…`.
    public func confirmAddress(token: String) -> String { address(tag: "confirm-" + token) }

    /// `subscriber`'s one-click URL, or nil when none is configured or it is not https
    /// (RFC 8058 §3.1 requires https).
    public func unsubscribeURL(for subscriber: Subscriber) -> String? {
        guard let base = unsubscribeURL, base.lowercased().hasPrefix("https://") else { return nil }
        let token = subscriber.unsubscribeToken
        if base.contains("{token}") { return base.replacingOccurrences(of: "{token}", with: token) }
        return base + (base.contains("?") ? "&" : "?") + "token=" + token
    }

    /// The tag of `recipient` when it is a subaddress of the community address
    /// (`learning+bounce-abc@example.org` → `bounce-abc`), case-insensitively.
    public func tag(of recipient: String) -> String? { PlusAddress.tag(of: recipient, under: address) }
}
