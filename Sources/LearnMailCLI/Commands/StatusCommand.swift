import Community
import Foundation

/// `learnmail status [--json]`: queue counts, subscribers, outbox, last poll and next digest, and
/// what was set aside: quarantined messages and damaged spool files, with where they are and why.
struct StatusCommand {
    let context: CommandContext

    struct Status: Encodable {
        var community: String
        var items: [String: Int]
        var subscribers: [String: Int]
        var outbox: OutboxStatus
        var lastPollAt: String?
        var lastPollError: String?
        var lastDigestWeek: String?
        var nextDigestWeek: String
        var nextDigestAt: String
        var quarantine: SetAside
        var damaged: SetAside
        /// OAuth 2.0 sign-ins (`auth status`'s facts); absent with passwords.
        var signIns: [AuthCommand.SignInStatus]?
    }

    /// `outbox`: the counts (`queued`, `sent`, `failed`, as before), when the next queued mail goes
    /// (`nextAttemptAt`, ISO 8601 UTC, null when nothing waits), and with `sender.limits` the limits
    /// and today's recipient count.
    struct OutboxStatus: Encodable {
        var queued: Int
        var sent: Int
        var failed: Int
        var nextAttemptAt: String?
        var limits: Limits?
        var today: Today?

        struct Limits: Encodable {
            var messagesPerMinute: Int?
            var recipientsPerDay: Int?
        }

        /// The community's day (`digest.timeZone`) and the recipients sent to on it.
        struct Today: Encodable {
            var day: String
            var recipients: Int
            var recipientsPerDay: Int
        }

        enum CodingKeys: String, CodingKey { case queued, sent, failed, nextAttemptAt, limits, today }

        /// `nextAttemptAt` is always there (null when nothing waits); `limits` and `today` only with limits.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(queued, forKey: .queued)
            try container.encode(sent, forKey: .sent)
            try container.encode(failed, forKey: .failed)
            try container.encode(nextAttemptAt, forKey: .nextAttemptAt)
            try container.encodeIfPresent(limits, forKey: .limits)
            try container.encodeIfPresent(today, forKey: .today)
        }
    }

    /// A folder of things set aside, each with its reason.
    struct SetAside: Encodable {
        var folder: String
        var count: Int
        var entries: [SetAsideEntry]
    }

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: ["json"])
        let config = try context.loadConfig()
        let runtime = try Runtime(config: config, terminal: Terminal.quiet)
        let engine = runtime.engine
        let signIns = runtime.signIns.sessions.map { AuthCommand.describe($0, config: config) }
        let state = engine.currentState
        var items = Dictionary(uniqueKeysWithValues: ItemStatus.allCases.map { ($0.rawValue, 0) })
        for (status, count) in engine.itemCounts { items[status.rawValue, default: 0] += count }
        var subscribers = Dictionary(uniqueKeysWithValues: SubscriberStatus.allCases.map { ($0.rawValue, 0) })
        for s in try engine.spool.loadSubscribers().subscribers { subscribers[s.status.rawValue, default: 0] += 1 }
        let outbox = outboxStatus(engine, config)
        let next = engine.digests.schedule.nextDue(after: engine.now, lastSentWeek: state.lastDigestWeek)
        let status = Status(
            community: config.community.address, items: items, subscribers: subscribers,
            outbox: outbox.status,
            lastPollAt: state.lastPollAt.map(ISO8601UTC.string(from:)), lastPollError: state.lastPollError,
            lastDigestWeek: state.lastDigestWeek, nextDigestWeek: next.week,
            nextDigestAt: ISO8601UTC.string(from: next.dueAt),
            quarantine: setAside(engine.spool.quarantinedMessages(), in: engine.spool.path(Spool.quarantineFolder)),
            damaged: setAside(engine.spool.damagedEntries(), in: engine.spool.path(Spool.damagedFolder)),
            signIns: signIns.isEmpty ? nil : signIns)
        if arguments.has("json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            context.terminal.print(String(decoding: try encoder.encode(status), as: UTF8.self))
            return
        }
        let t = context.terminal
        func line(_ counts: [String: Int], _ order: [String]) -> String {
            order.map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ")
        }
        t.print("learnmail for \(config.community.name) <\(config.community.address)>")
        t.print("Items:        \(line(items, ItemStatus.allCases.map(\.rawValue)))")
        t.print("Subscribers:  \(line(subscribers, SubscriberStatus.allCases.map(\.rawValue)))")
        let counts = status.outbox
        var waiting = ""
        if let at = outbox.next {
            waiting = at <= engine.now ? "; the next goes on the next round" : "; the next goes \(describe(at, config))"
        }
        t.print("Outbox:       \(counts.queued) queued, \(counts.sent) sent, \(counts.failed) failed\(waiting)")
        if let limits = counts.limits {
            var parts: [String] = []
            if let rate = limits.messagesPerMinute { parts.append("\(rate) messages a minute") }
            if let today = counts.today {
                parts.append("\(today.recipients) of \(today.recipientsPerDay) recipients today (\(today.day))")
            }
            t.print("Sending:      \(parts.joined(separator: "; "))")
        }
        if let until = outbox.throttledUntil, until > engine.now, let answer = outbox.lastThrottle {
            t.print(
                "Throttled:    the server asked to slow down (\(answer)); sending resumes \(describe(until, config))")
        }
        t.print("Last poll:    \(state.lastPollAt.map { describe($0, config) } ?? "never")")
        if let error = state.lastPollError { t.print("Last error:   \(error)") }
        for signIn in signIns {
            let until = signIn.accessTokenExpiresAt.map { ", access valid until \($0)" } ?? ""
            t.print(
                "Sign-in:      \(signIn.name) \(signIn.account): \(signIn.state)\(signIn.state == "signed in" ? until : "")"
            )
            if let problem = signIn.problem { t.print("              \(problem)") }
        }
        t.print("Last digest:  \(state.lastDigestWeek ?? "none yet")")
        t.print("Next digest:  \(next.week), \(describeDue(next, config))")
        for (label, aside, what) in [
            ("Quarantined: ", status.quarantine, "message(s)"), ("Damaged:     ", status.damaged, "set aside"),
        ] {
            t.print("\(label) \(aside.count) \(what)" + (aside.count > 0 ? " in \(aside.folder)" : ""))
            for entry in aside.entries { t.print("  \(entry.name): \(entry.reason)") }
        }
    }

    private func outboxStatus(
        _ engine: Engine, _ config: Config
    ) -> (status: OutboxStatus, next: Date?, throttledUntil: Date?, lastThrottle: String?) {
        let gate = engine.delivery.sendingGate()
        let next = engine.outbox.nextAttempt(at: engine.now, gate: gate)
        let limits = config.senderLimits
        let status = OutboxStatus(
            queued: engine.outbox.waitingCount(), sent: engine.outbox.count(in: "sent"),
            failed: engine.outbox.count(in: "failed"), nextAttemptAt: next.map(ISO8601UTC.string(from:)),
            limits: limits.isEmpty
                ? nil
                : OutboxStatus.Limits(
                    messagesPerMinute: limits.messagesPerMinute, recipientsPerDay: limits.recipientsPerDay),
            today: gate.usedToday(at: engine.now).map {
                OutboxStatus.Today(day: $0.day, recipients: $0.used, recipientsPerDay: $0.limit)
            })
        return (status, next, gate.record.throttledUntil, gate.record.lastThrottle)
    }

    private func setAside(_ entries: [SetAsideEntry], in folder: String) -> SetAside {
        SetAside(folder: folder, count: entries.count, entries: entries)
    }
}
