import Foundation

// What waits in the outbox and when it goes, for `learnmail status`.

extension Outbox {
    /// When the next queued mail may go (nil when nothing is queued): the earliest recipient's
    /// own retry time (now when it is due), held back further by `gate` (a throttling server, the
    /// pace, or a day whose budget is spent: then the start of the next day in the community's zone).
    public func nextAttempt(at now: Date, gate: SendingGate) -> Date? {
        var earliest: Date?
        for entry in pending() {
            for recipient in entry.recipients where recipient.state == .queued {
                let at = max(now, recipient.nextAttemptAt ?? now)
                earliest = min(earliest ?? at, at)
            }
        }
        guard let earliest else { return nil }
        return gate.nextOpening(at: earliest) ?? earliest
    }
}
