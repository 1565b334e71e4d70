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
        var outbox: [String: Int]
        var lastPollAt: String?
        var lastPollError: String?
        var lastDigestWeek: String?
        var nextDigestWeek: String
        var nextDigestAt: String
        var quarantine: SetAside
        var damaged: SetAside
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
        let engine = try Runtime(config: config, terminal: Terminal.quiet).engine
        let state = engine.currentState
        var items = Dictionary(uniqueKeysWithValues: ItemStatus.allCases.map { ($0.rawValue, 0) })
        for (status, count) in engine.itemCounts { items[status.rawValue, default: 0] += count }
        var subscribers = Dictionary(uniqueKeysWithValues: SubscriberStatus.allCases.map { ($0.rawValue, 0) })
        for s in try engine.spool.loadSubscribers().subscribers { subscribers[s.status.rawValue, default: 0] += 1 }
        let next = engine.schedule.nextDue(after: engine.now, lastSentWeek: state.lastDigestWeek)
        let status = Status(
            community: config.community.address, items: items, subscribers: subscribers,
            outbox: [
                "queued": engine.outbox.waitingCount(), "sent": engine.outbox.count(in: "sent"),
                "failed": engine.outbox.count(in: "failed"),
            ],
            lastPollAt: state.lastPollAt.map(ISO8601UTC.string(from:)), lastPollError: state.lastPollError,
            lastDigestWeek: state.lastDigestWeek, nextDigestWeek: next.week,
            nextDigestAt: ISO8601UTC.string(from: next.dueAt),
            quarantine: setAside(engine.spool.quarantinedMessages(), in: engine.spool.path(Spool.quarantineFolder)),
            damaged: setAside(engine.spool.damagedEntries(), in: engine.spool.path(Spool.damagedFolder)))
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
        t.print("Outbox:       \(line(status.outbox, ["queued", "sent", "failed"]))")
        t.print("Last poll:    \(state.lastPollAt.map { describe($0, config) } ?? "never")")
        if let error = state.lastPollError { t.print("Last error:   \(error)") }
        t.print("Last digest:  \(state.lastDigestWeek ?? "none yet")")
        t.print("Next digest:  \(next.week), \(describeDue(next, config))")
        for (label, aside, what) in [
            ("Quarantined: ", status.quarantine, "message(s)"), ("Damaged:     ", status.damaged, "set aside"),
        ] {
            t.print("\(label) \(aside.count) \(what)" + (aside.count > 0 ? " in \(aside.folder)" : ""))
            for entry in aside.entries { t.print("  \(entry.name): \(entry.reason)") }
        }
    }

    private func setAside(_ entries: [SetAsideEntry], in folder: String) -> SetAside {
        SetAside(folder: folder, count: entries.count, entries: entries)
    }
}
