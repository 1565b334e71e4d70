import Foundation

/// The wait before trying an unreachable server again (DESIGN.md "The daemon's lifecycle"): 1 s,
/// doubling, at most 30 s, so that a server back after a short outage is used again within seconds
/// and one down for hours costs one attempt every half minute.
struct Backoff: Equatable {
    var first: TimeInterval = 1
    var cap: TimeInterval = 30
    private(set) var failures = 0

    /// Counts a failure and returns the wait before the next attempt.
    mutating func failed() -> TimeInterval {
        failures += 1
        return min(cap, first * pow(2, Double(min(failures - 1, 30))))
    }

    mutating func reset() { failures = 0 }
}
