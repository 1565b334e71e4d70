import Foundation
import MIME

/// The subscribers of one community (`subscribers.json`, persisted by the engine). A value: every
/// operation returns what happened, and time and randomness come in as arguments.
///
/// Records are never deleted: an address that unsubscribed or was disabled stays, so that an
/// import cannot quietly re-add someone who left, and old unsubscribe links keep resolving.
public struct SubscriberList: Codable, Sendable, Equatable {
    /// In the order they were first added.
    public private(set) var subscribers: [Subscriber]
    private var index: [String: Int]

    public init(_ subscribers: [Subscriber] = []) {
        self.subscribers = []
        self.index = [:]
        for s in subscribers where index[s.address] == nil {
            index[s.address] = self.subscribers.count
            self.subscribers.append(s)
        }
    }

    private enum CodingKeys: String, CodingKey { case subscribers }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode([Subscriber].self, forKey: .subscribers))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(subscribers, forKey: .subscribers)
    }

    public static func == (a: SubscriberList, b: SubscriberList) -> Bool { a.subscribers == b.subscribers }

    // MARK: Looking up

    /// The addresses that receive the digest.
    public var active: [Subscriber] { subscribers.filter { $0.status == .active } }

    public func subscriber(address: String) -> Subscriber? {
        index[address.lowercased()].map { subscribers[$0] }
    }

    /// The subscriber whose List-Unsubscribe token this is (constant-time comparison).
    public func subscriber(unsubscribeToken token: String) -> Subscriber? {
        find(token) { $0.unsubscribeToken }
    }

    /// The subscriber whose VERP bounce token this is (constant-time comparison).
    public func subscriber(bounceToken token: String) -> Subscriber? {
        find(token) { $0.bounceToken }
    }

    private func find(_ token: String, _ key: (Subscriber) -> String?) -> Subscriber? {
        let token = token.lowercased()
        guard SubscriberToken.isWellFormed(token) else { return nil }
        var found: Subscriber?
        for s in subscribers {  // no early exit: the time taken does not depend on where it matched
            if let k = key(s), SubscriberToken.constantTimeEqual(k, token) { found = s }
        }
        return found
    }

    /// `subscribers list --json`: `[{"address","status","since"}]`, one line, keys in that order.
    public func listJSON() -> String {
        var json = JSONLineWriter()
        json.array(subscribers) { json, s in
            json.open()
            json.key("address", string: s.address)
            json.key("status", string: s.status.rawValue)
            json.key("since", string: ISO8601UTC.string(from: s.since))
            json.close()
        }
        return json.output
    }

    // MARK: Changing

    /// Replaces the stored record of `subscriber.address` (or appends it).
    public mutating func upsert(_ subscriber: Subscriber) {
        if let i = index[subscriber.address] {
            subscribers[i] = subscriber
        } else {
            index[subscriber.address] = subscribers.count
            subscribers.append(subscriber)
        }
    }

    /// A new record with fresh tokens.
    static func newSubscriber(
        _ address: String, name: String?, status: SubscriberStatus, now: Date, source: String,
        using rng: inout some RandomNumberGenerator
    ) -> Subscriber {
        Subscriber(
            address: address, name: name, status: status, since: now, source: source,
            unsubscribeToken: SubscriberToken.make(bits: 128, using: &rng),
            bounceToken: SubscriberToken.make(bits: 80, using: &rng))
    }

    /// `subscribers add ADDR`: the facilitator vouches for the address, so it is active at once
    /// (no confirmation), including an address that had unsubscribed or was disabled.
    @discardableResult
    public mutating func add(
        _ rawAddress: String, name: String? = nil, now: Date, using rng: inout some RandomNumberGenerator
    ) throws(SubscriberError) -> AddResult {
        let address: String
        switch EmailAddressSyntax.normalise(rawAddress) {
        case .success(let a): address = a
        case .failure(let e): throw .invalidAddress(rawAddress, reason: e.reason)
        }
        guard var s = subscriber(address: address) else {
            upsert(Self.newSubscriber(address, name: name, status: .active, now: now, source: "cli", using: &rng))
            return .added
        }
        if s.status == .active { return .alreadyActive }
        let previous = s.status
        s.status = .active
        s.since = now
        s.confirmation = nil
        s.bounceCount = 0
        if let name { s.name = name }
        upsert(s)
        return .reactivated(from: previous)
    }

    /// What `add` did.
    public enum AddResult: Sendable, Equatable {
        case added
        case alreadyActive
        case reactivated(from: SubscriberStatus)
    }

    /// `subscribers remove ADDR`, an `unsubscribe` mail or a List-Unsubscribe: the record stays,
    /// marked unsubscribed. Returns the status it had before.
    @discardableResult
    public mutating func unsubscribe(_ rawAddress: String, now: Date) throws(SubscriberError) -> SubscriberStatus {
        let address = rawAddress.trimmingCharacters(in: .whitespaces).lowercased()
        guard var s = subscriber(address: address) else { throw .notFound(address) }
        let previous = s.status
        if previous != .unsubscribed {
            s.status = .unsubscribed
            s.since = now
            s.confirmation = nil
            upsert(s)
        }
        return previous
    }

    /// Sets `address`'s status (used by the bounce policy); no-op for an unknown address.
    mutating func setStatus(_ status: SubscriberStatus, of address: String, now: Date) {
        guard var s = subscriber(address: address), s.status != status else { return }
        s.status = status
        s.since = now
        upsert(s)
    }
}

/// A subscriber operation that could not be done, in words the facilitator can act on.
public enum SubscriberError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidAddress(String, reason: String)
    case notFound(String)

    public var description: String {
        switch self {
        case .invalidAddress(let a, let reason):
            return "\"\(a)\" is not a usable email address (\(reason)); give it as name@example.org"
        case .notFound(let a):
            return "\(a) is not on the subscriber list; see `learnmail subscribers list`"
        }
    }
}
