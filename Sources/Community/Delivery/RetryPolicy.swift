import Foundation

/// How a failed delivery attempt ended, as the SMTP reply or the connection said.
public enum DeliveryFailure: Sendable, Equatable {
    /// 4xx reply (RFC 5321 §4.2.1), a timeout, a refused or dropped connection: try again later.
    case temporary(code: Int?, text: String)
    /// 5xx reply: retrying cannot help.
    case permanent(code: Int?, text: String)

    /// Classifies an SMTP reply code (RFC 5321 §4.2.1): 5yz permanent, anything else temporary.
    public static func smtp(code: Int, text: String) -> DeliveryFailure {
        (500...599).contains(code) ? .permanent(code: code, text: text) : .temporary(code: code, text: text)
    }
}

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
    /// message first queued at `queuedAt`.
    public func decide(_ failure: DeliveryFailure, attempts: Int, queuedAt: Date, now: Date) -> RetryDecision {
        switch failure {
        case .permanent(let code, let text):
            return .giveUp(reason: "permanent failure" + (code.map { " \($0)" } ?? "") + ": " + text)
        case .temporary(let code, let text):
            let deadline = queuedAt + maximumAge
            guard now < deadline else {
                let days = Int(maximumAge / 86_400)
                return .giveUp(
                    reason: "still failing after \(days) days and \(attempts) attempts, last"
                        + (code.map { " \($0)" } ?? "") + ": " + text)
            }
            return .retry(at: min(now + delay(afterAttempt: attempts), deadline))
        }
    }
}
