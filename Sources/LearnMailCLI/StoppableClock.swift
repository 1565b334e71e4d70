import Community
import Foundation

/// The daemon's clock: the real one (or the debug one), whose waits — the outbox's pace under
/// `sender.limits`, or after a throttling answer — end early when SIGTERM or SIGINT asks the
/// daemon to stop. The outbox then leaves the rest queued, and the round ends in well under a
/// second instead of after the flush's whole wait.
final class StoppableClock: Clock, @unchecked Sendable {
    private let base: any Clock
    private let lock = NSLock()
    private var stopRequested: (() -> Bool)?

    init(base: any Clock) { self.base = base }

    var now: Date { base.now }

    /// Set once the daemon listens for signals.
    func stop(when requested: @escaping () -> Bool) { lock.withLock { stopRequested = requested } }

    func sleep(until deadline: Date) {
        let requested = lock.withLock { stopRequested }
        while case let left = deadline.timeIntervalSince(now), left > 0 {
            if requested?() == true { return }
            Thread.sleep(forTimeInterval: min(left, 0.2))
        }
    }
}
