import Foundation

/// Where a subscriber stands (`subscribers list --json` status).
public enum SubscriberStatus: String, Codable, Sendable, CaseIterable {
    /// Asked to subscribe by email; waiting for `confirm TOKEN` (double opt-in).
    case pending
    /// Receives the digest.
    case active
    /// Left (by email, List-Unsubscribe or the CLI); kept so that an import never re-adds them.
    case unsubscribed
    /// Stopped after repeated hard bounces; the facilitator can re-add the address.
    case disabled
}

/// An outstanding double opt-in: the token mailed to the address and when it stops working.
public struct PendingConfirmation: Codable, Sendable, Equatable {
    public var token: String
    public var expiresAt: Date

    public init(token: String, expiresAt: Date) {
        self.token = token
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey { case token, expiresAt }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        token = try c.decode(String.self, forKey: .token)
        expiresAt = try ISO8601UTC.decode(c, .expiresAt)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(token, forKey: .token)
        try c.encode(ISO8601UTC.string(from: expiresAt), forKey: .expiresAt)
    }
}

/// One address on the list, as kept in `subscribers.json`.
///
/// Each subscriber carries two random tokens of their own, so that no address ever appears in
/// another address: `unsubscribeToken` (128 bits) goes into their copy's List-Unsubscribe
/// (`learning+unsubscribe-<token>@…`, RFC 2369/8058) and `bounceToken` (80 bits) into the
/// envelope sender (`learning+bounce-<token>@…`, VERP). Both are looked up in this table rather
/// than derived with an HMAC: no key to manage or rotate, and a leaked token names one
/// subscriber only. They never change, so that an old digest's unsubscribe link keeps working.
public struct Subscriber: Codable, Sendable, Equatable {
    /// Lowercased, validated by `EmailAddressSyntax`.
    public var address: String
    public var name: String?
    public var status: SubscriberStatus
    /// When the current status began.
    public var since: Date
    /// How the address came: `cli`, `email`, `import`.
    public var source: String
    public var unsubscribeToken: String
    public var bounceToken: String
    public var confirmation: PendingConfirmation?
    /// Hard bounces counted towards disabling (at most one per UTC day, reset when stale).
    public var bounceCount: Int
    public var lastBounceAt: Date?
    public var lastBounceStatus: String?

    public init(
        address: String, name: String? = nil, status: SubscriberStatus, since: Date, source: String,
        unsubscribeToken: String, bounceToken: String, confirmation: PendingConfirmation? = nil,
        bounceCount: Int = 0, lastBounceAt: Date? = nil, lastBounceStatus: String? = nil
    ) {
        self.address = address
        self.name = name
        self.status = status
        self.since = since
        self.source = source
        self.unsubscribeToken = unsubscribeToken
        self.bounceToken = bounceToken
        self.confirmation = confirmation
        self.bounceCount = bounceCount
        self.lastBounceAt = lastBounceAt
        self.lastBounceStatus = lastBounceStatus
    }

    private enum CodingKeys: String, CodingKey {
        case address, name, status, since, source, unsubscribeToken, bounceToken, confirmation, bounceCount,
            lastBounceAt, lastBounceStatus
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        address = try c.decode(String.self, forKey: .address)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        status = try c.decode(SubscriberStatus.self, forKey: .status)
        since = try ISO8601UTC.decode(c, .since)
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? "cli"
        unsubscribeToken = try c.decode(String.self, forKey: .unsubscribeToken)
        bounceToken = try c.decode(String.self, forKey: .bounceToken)
        confirmation = try c.decodeIfPresent(PendingConfirmation.self, forKey: .confirmation)
        bounceCount = try c.decodeIfPresent(Int.self, forKey: .bounceCount) ?? 0
        lastBounceAt =
            try c.contains(.lastBounceAt) && !c.decodeNil(forKey: .lastBounceAt)
            ? ISO8601UTC.decode(c, .lastBounceAt) : nil
        lastBounceStatus = try c.decodeIfPresent(String.self, forKey: .lastBounceStatus)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(status, forKey: .status)
        try c.encode(ISO8601UTC.string(from: since), forKey: .since)
        try c.encode(source, forKey: .source)
        try c.encode(unsubscribeToken, forKey: .unsubscribeToken)
        try c.encode(bounceToken, forKey: .bounceToken)
        try c.encodeIfPresent(confirmation, forKey: .confirmation)
        try c.encode(bounceCount, forKey: .bounceCount)
        try c.encodeIfPresent(lastBounceAt.map(ISO8601UTC.string(from:)), forKey: .lastBounceAt)
        try c.encodeIfPresent(lastBounceStatus, forKey: .lastBounceStatus)
    }

    /// The `subscribers list --json` object: `{"address", "status", "since"}`.
    public var summary: SubscriberSummary { SubscriberSummary(address: address, status: status, since: since) }
}

/// One element of `subscribers list --json`: `{"address", "status", "since"}` (since in ISO 8601 UTC).
public struct SubscriberSummary: Encodable, Sendable, Equatable {
    public var address: String
    public var status: SubscriberStatus
    public var since: Date

    private enum CodingKeys: String, CodingKey { case address, status, since }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(status, forKey: .status)
        try c.encode(ISO8601UTC.string(from: since), forKey: .since)
    }
}
