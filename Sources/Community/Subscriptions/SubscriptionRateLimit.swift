import Foundation

/// Caps the automatic mails that subscription requests cause, so that nobody can use the list to
/// flood an address (a forged `From:` on a `subscribe` makes us write to the victim): at most
/// `perAddressPerDay` replies to one address and `globalPerDay` in all, per UTC day. A value the
/// engine persists (in state.json); counts reset when the UTC day changes.
public struct SubscriptionRateLimit: Codable, Sendable, Equatable {
    public var perAddressPerDay: Int
    public var globalPerDay: Int
    /// The UTC day (`2026-11-29`) the counts are for.
    public private(set) var day: String
    public private(set) var sentToday: Int
    public private(set) var perAddress: [String: Int]

    public init(perAddressPerDay: Int = 3, globalPerDay: Int = 200) {
        self.perAddressPerDay = perAddressPerDay
        self.globalPerDay = globalPerDay
        self.day = ""
        self.sentToday = 0
        self.perAddress = [:]
    }

    /// Whether one more mail to `address` is allowed now; when it is, it is counted.
    public mutating func permit(_ address: String, now: Date) -> Bool {
        let today = String(ISO8601UTC.string(from: now).prefix(10))
        if today != day {
            day = today
            sentToday = 0
            perAddress = [:]
        }
        let key = address.lowercased()
        guard sentToday < globalPerDay, perAddress[key, default: 0] < perAddressPerDay else { return false }
        sentToday += 1
        perAddress[key, default: 0] += 1
        return true
    }
}
