import Foundation
import SMTP

/// What to do with a message after a failed attempt.
public enum RetryDecision: Sendable, Equatable {
    /// Try again at this instant.
    case retry(at: Date)
    /// Stop: record the failure for this recipient (a permanent failure, or temporary ones for too long).
    case giveUp(reason: String)
}

/// When to retry a temporary delivery failure: after 5 min, 15 min, 1 h, 4 h, 12 h, then every
/// 12 h, until the message is 5 days old (Postfix's `maximal_queue_lifetime` default); a failure
/// at or after that age is permanent. The last retry is pulled in to the deadline so that every
/// message gets a final attempt at exactly 5 days.
public struct RetryPolicy: Sendable, Equatable {
    public var delays: [TimeInterval]
    public var maximumAge: TimeInterval

    public init(delays: [TimeInterval] = [300, 900, 3600, 4 * 3600, 12 * 3600], maximumAge: TimeInterval = 5 * 86_400) {
        self.delays = delays.isEmpty ? [300] : delays
        self.maximumAge = maximumAge
    }

    /// The wait after failed attempt number `attempt` (1 = the first attempt failed); the last
    /// delay repeats.
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        delays[min(max(attempt, 1), delays.count) - 1]
    }

    /// The decision after attempt number `attempts` (counting the one that just failed) for a
    /// message first queued at `queuedAt`: a 5xx reply (or an envelope that cannot be sent) is
    /// final; a 4xx reply or no reply is retried until the message is too old.
    public func decide(_ failure: DeliveryFailure, attempts: Int, queuedAt: Date, now: Date) -> RetryDecision {
        guard !failure.isPermanent else { return .giveUp(reason: "permanent failure" + Self.last(failure)) }
        let deadline = queuedAt + maximumAge
        guard now < deadline else {
            let days = Int(maximumAge / 86_400)
            return .giveUp(
                reason: "still failing after \(days) days and \(attempts) attempts, last" + Self.last(failure))
        }
        return .retry(at: min(now + delay(afterAttempt: attempts), deadline))
    }

    /// ` 451: 4.3.0 try later` for a reply; `: TEXT` when no server replied.
    static func last(_ failure: DeliveryFailure) -> String {
        switch failure {
        case .refused(let reply): " \(reply.code): \(reply.text)"
        case .unanswered(let text), .unsendable(let text): ": " + text
        }
    }
}
