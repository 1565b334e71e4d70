import Community
import Foundation
import MailAdapters

/// `learnmail queue list|show|approve|reject|hold|edit|tag`: the moderation queue from the console.
/// The same desk as replies by mail, trusted (no token): whoever can run this owns the spool.
struct QueueCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, options: ["reason", "status"], flags: ["json"])
        guard let action = arguments.positionals.first else {
            throw UsageError("queue needs an action: list, show, approve, reject, hold, edit or tag")
        }
        let runtime = try Runtime(config: try context.loadConfig(), terminal: Terminal.quiet)
        let engine = runtime.engine
        let rest = Array(arguments.positionals.dropFirst())
        switch action {
        case "list":
            // The items index has what the table shows; only --json reads the listed items whole.
            let items: [ItemSummary]
            if let status = arguments.options["status"] {
                guard let wanted = ItemStatus(rawValue: status) else {
                    throw UsageError(
                        "--status must be one of \(ItemStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                items = engine.itemSummaries(status: wanted)
            } else {
                items = engine.itemSummaries
            }
            if arguments.has("json") {
                context.terminal.print(try json(items.compactMap { try? engine.spool.loadItem($0.id) }))
            } else {
                printTable(items)
            }
        case "show":
            let item = try engine.spool.loadItem(try itemNumber(rest))
            context.terminal.print(arguments.has("json") ? try json(item) : describe(item))
        case "approve", "hold":
            try apply([action == "approve" ? .approve : .hold], to: try itemNumber(rest), engine: engine, arguments)
        case "reject":
            let reason = arguments.options["reason"] ?? (rest.count > 1 ? rest.dropFirst().joined(separator: " ") : nil)
            try apply([.reject(reason: reason)], to: try itemNumber(rest), engine: engine, arguments)
        case "edit":
            guard rest.count >= 3 else {
                throw UsageError("usage: queue edit N FIELD TEXT (FIELD: title, summary, organisation, area)")
            }
            let line = "edit " + rest.dropFirst().joined(separator: " ")
            guard let command = ModerationCommand.parse(line: line) else {
                throw UsageError("cannot edit '\(rest[1])': FIELD is title, summary, organisation or area")
            }
            try apply([command], to: try itemNumber(rest), engine: engine, arguments)
        case "tag":
            guard rest.count >= 2,
                let command = ModerationCommand.parse(line: "tag " + rest.dropFirst().joined(separator: " "))
            else { throw UsageError("usage: queue tag N +TAG -TAG ...") }
            try apply([command], to: try itemNumber(rest), engine: engine, arguments)
        case "set":
            guard rest.count >= 2,
                let command = ModerationCommand.parse(line: "set " + rest.dropFirst().joined(separator: " "))
            else { throw UsageError("usage: queue set N NAME|none") }
            try apply([command], to: try itemNumber(rest), engine: engine, arguments)
        default:
            throw UsageError("unknown queue action '\(action)'")
        }
    }

    private func itemNumber(_ rest: [String]) throws -> Int {
        guard let first = rest.first, let id = Int(first.trimmingCharacters(in: CharacterSet(charactersIn: "#"))) else {
            throw UsageError("give the item number, e.g. 42")
        }
        return id
    }

    private func apply(_ commands: [ModerationCommand], to id: Int, engine: Engine, _ arguments: Arguments) throws {
        let actor = "console (\(ProcessInfo.processInfo.environment["USER"] ?? "operator"))"
        let outcome = try engine.moderation.applyFromConsole(commands, item: id, by: actor)
        let item = try engine.spool.loadItem(id)
        if arguments.has("json") {
            context.terminal.print(try json(item))
            return
        }
        for step in outcome.steps { context.terminal.print(step.message) }
        context.terminal.print("#\(id) is \(item.status.rawValue).")
        if engine.outbox.count(in: "outbox") > 0 {
            context.terminal.print("Mail to send is queued; it goes out on the next `learnmail run`.")
        }
        if outcome.steps.contains(where: { $0.result == .refused }) {
            throw CommandError("#\(id): not changed")
        }
    }

    private func printTable(_ items: [ItemSummary]) {
        guard !items.isEmpty else {
            context.terminal.print("The queue is empty.")
            return
        }
        context.terminal.print(pad("#", 5) + pad("status", 11) + pad("area", 20) + pad("from", 34) + "title")
        for item in items {
            context.terminal.print(
                pad("\(item.id)", 5) + pad(item.status.rawValue, 11) + pad(item.learningArea, 20)
                    + pad(item.contributor, 34) + item.title)
        }
        let counts = Dictionary(grouping: items, by: \.status).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
        context.terminal.print("\n\(items.count) item(s): \(counts.joined(separator: ", "))")
    }

    private func describe(_ item: LearningItem) -> String {
        let c = item.contribution
        var lines = [
            "#\(item.id)  \(c.title)",
            "Status:        \(item.status.rawValue)" + (item.digestWeek.map { " (digest \($0))" } ?? ""),
            "From:          \(c.contributor.name.map { "\($0) <\(c.contributor.address)>" } ?? c.contributor.address)",
            "Organisation:  \(c.organisation ?? "(unknown)")",
            "Area:          \(c.learningArea)",
            "Tags:          \(c.tags.isEmpty ? "(none)" : c.tags.joined(separator: ", "))",
            "Learning set:  \(item.learningSet ?? "(none)")",
            "Received:      \(ISO8601UTC.string(from: item.receivedAt))",
        ]
        if let original = c.forwardedFrom {
            lines.append("Forwarded from: \(original.name ?? original.address) <\(original.address)>")
        }
        lines += ["", "Summary: \(c.summary)", "", c.body]
        if !c.links.isEmpty { lines += ["", "Links:"] + c.links.map { "  \($0)" } }
        if !c.attachments.isEmpty {
            lines +=
                ["", "Attachments:"] + c.attachments.map { "  \($0.filename) (\($0.contentType), \($0.size) bytes)" }
        }
        lines += ["", "History:"]
        lines += item.history.map {
            "  \(ISO8601UTC.string(from: $0.at))  \($0.action) by \($0.by)" + ($0.note.map { ": \($0)" } ?? "")
        }
        return lines.joined(separator: "\n")
    }
}

func pad(_ text: String, _ width: Int) -> String {
    let clipped = text.count >= width ? String(text.prefix(width - 2)) + "…" : text
    return clipped.padding(toLength: width, withPad: " ", startingAt: 0)
}

/// JSON for people and scripts: pretty, keys sorted (stable on every platform), URLs unescaped.
func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
