import Foundation

extension Outbox {
    /// Gives up on queued mail older than the retry policy's maximum age when it could not even
    /// be tried (the server unreachable, the sign-in revoked): such a failure records no attempt,
    /// so `RetryPolicy.decide` never sees it, and without this the mail would wait for ever.
    /// Returns one line per recipient given up, for the log and the facilitator's notice.
    public func expireOverdue(at now: Date, cause: String) throws -> [String] {
        var expired: [String] = []
        var changed: [Entry] = []
        for name in entryFiles(in: "outbox") {
            guard case .value(var entry) = spool.readJSON(Entry.self, at: "outbox/" + name),
                now >= entry.createdAt + retry.maximumAge
            else { continue }
            let days = Int(retry.maximumAge / 86_400)
            for i in entry.recipients.indices where entry.recipients[i].state == .queued {
                entry.recipients[i].state = .failed
                entry.recipients[i].lastResponse = "not sent within \(days) days: \(cause)"
                expired.append("\(entry.recipients[i].address) (\(entry.kind)): not sent within \(days) days")
            }
            changed.append(entry)
        }
        if !changed.isEmpty { try save(changed) }
        return expired
    }
}
