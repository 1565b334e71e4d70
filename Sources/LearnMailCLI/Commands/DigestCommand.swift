import Community
import Foundation

/// `learnmail digest preview [--html] | send [--now] | note [TEXT | --clear]`.
struct DigestCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: ["html", "now", "clear"])
        let runtime = try Runtime(config: try context.loadConfig(), terminal: Terminal.quiet)
        let engine = runtime.engine
        let t = context.terminal
        switch arguments.positionals.first {
        case "preview":
            let digest = engine.digests.preview()
            if arguments.has("html") {
                t.print(digest.html)
            } else {
                t.print("Subject: \(digest.subject)\n")
                t.print(digest.text)
            }
        case "send":
            let result: DigestResult
            if arguments.has("now") {
                result = try engine.digests.sendNow()
            } else {
                let due = engine.digests.schedule.due(now: engine.now, lastSentWeek: engine.digests.lastWeek)
                guard due != nil else {
                    let next = engine.digests.schedule.nextDue(after: engine.now, lastSentWeek: engine.digests.lastWeek)
                    t.print(
                        "No digest is due. The next, \(next.week), is due \(describe(next.dueAt, runtime.config)). Use --now to send one now."
                    )
                    return
                }
                result = try engine.digests.sendNow()
            }
            t.print(result.summary)
            if let text = result.textPath, let html = result.htmlPath {
                t.print("Text: \(text)\nHTML: \(html)")
            }
            let report = try engine.delivery.sendQueued(through: try runtime.makeSink()) {
                t.progress("Sending", $0, $1)
            }
            t.print("Sent \(report.sent), deferred \(report.deferred), failed \(report.failed).")
            for failure in report.failures { t.print("  \(failure)") }
            if let last = report.throttled.last {
                t.print(
                    "The server asked to slow down \(report.throttled.count) time(s) (last: \(last)); learnmail waited."
                )
            }
            if let until = report.waitingUntil {
                t.print("Still queued: \(engine.outbox.waitingCount()), next at \(describe(until, runtime.config)).")
            }
        case "note":
            let text = arguments.positionals.dropFirst().joined(separator: " ")
            if arguments.has("clear") {
                try engine.digests.setNote(nil, by: "console")
                t.print("The next digest has no opening note.")
            } else if text.isEmpty {
                if let note = engine.digests.note() {
                    t.print("The digest of \(note.week) opens with this note (by \(note.by)):\n\n\(note.text)")
                } else {
                    t.print("The next digest has no opening note. Add one with: learnmail digest note TEXT")
                }
            } else {
                let actor = "console (\(ProcessInfo.processInfo.environment["USER"] ?? "operator"))"
                guard let note = try engine.digests.setNote(text, by: actor) else { return }
                t.print("The digest of \(note.week) will open with your note. See it with: learnmail digest preview")
            }
        default:
            throw UsageError("usage: digest preview [--html] | digest send [--now] | digest note [TEXT | --clear]")
        }
    }
}

/// A date as the facilitator reads it: in the community's zone, with the zone named.
func describe(_ date: Date, _ config: Config) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_GB")
    formatter.timeZone = config.digest.timeZone
    formatter.dateFormat = "EEEE d MMMM yyyy 'at' HH:mm zzz"
    return formatter.string(from: date)
}

/// "due Monday 23 November 2026 at 09:00 GMT", or that it is overdue and goes out on the next round.
func describeDue(_ due: DigestDue, _ config: Config) -> String {
    due.lateBy > 0
        ? "was due \(describe(due.dueAt, config)); goes out on the next round of `learnmail run`"
        : "due \(describe(due.dueAt, config))"
}
