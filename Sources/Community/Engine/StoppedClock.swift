import Foundation

/// A clock that shows one instant and never waits: the outbox's gate when a flush is given no
/// gate of its own (nothing is paced, so nothing should sleep).
public struct StoppedClock: Clock {
    public let now: Date

    public init(now: Date) { self.now = now }

    public func sleep(until deadline: Date) {}
}
