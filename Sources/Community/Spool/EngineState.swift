import Foundation

/// Small facts the engine keeps between runs (`data/state.json`).
public struct EngineState: Codable, Sendable, Equatable {
    public var lastPollAt: Date?
    public var lastPollError: String?
    /// The ISO week ("2026-W48") of the last digest handled (sent, or skipped as empty).
    public var lastDigestWeek: String?
    /// Automatic replies per address on one day, to keep within limits.autoRepliesPerAddressPerDay.
    public var replyDay: String?
    public var repliesToday: [String: Int] = [:]

    public init() {}

    static let file = "state.json"
}

extension Spool {
    /// `state.json` as it is on disk. The engine reads it through `Engine.loadState()`, which sets a
    /// damaged file aside and rebuilds what it can; nothing resets it silently.
    public func readState() -> SpoolFile<EngineState> {
        readJSON(EngineState.self, at: EngineState.file)
    }

    /// The state for display and tests: a damaged file reads as a fresh state here, and is never
    /// written back from this (see `Engine.loadState()`).
    public func loadState() -> EngineState {
        if case .value(let state) = readState() { return state }
        return EngineState()
    }

    public func saveState(_ state: EngineState) throws {
        try saveJSON(state, at: EngineState.file)
    }
}

extension EngineState {
    /// Counts one automatic reply to `address` on `day`; false when the day's budget is spent.
    mutating func spendReply(to address: String, day: String, limit: Int) -> Bool {
        if replyDay != day {
            replyDay = day
            repliesToday = [:]
        }
        let key = address.lowercased()
        let used = repliesToday[key, default: 0]
        guard used < limit else { return false }
        repliesToday[key] = used + 1
        return true
    }
}
