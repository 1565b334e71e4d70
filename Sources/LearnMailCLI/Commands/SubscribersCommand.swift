import Community
import Foundation
import MailAdapters

/// `learnmail subscribers list [--json] | add ADDR | remove ADDR | import FILE.csv`.
struct SubscribersCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, options: ["name"], flags: ["json"])
        guard let action = arguments.positionals.first else {
            throw UsageError("subscribers needs an action: list, add, remove or import")
        }
        let engine = try Runtime(config: try context.loadConfig(), terminal: Terminal.quiet).engine
        let rest = Array(arguments.positionals.dropFirst())
        let t = context.terminal
        switch action {
        case "list":
            let list = try engine.spool.loadSubscribers()
            if arguments.has("json") {
                t.print(list.listJSON())
                return
            }
            guard !list.subscribers.isEmpty else {
                t.print("No subscribers yet. Add one with: learnmail subscribers add ADDRESS")
                return
            }
            t.print(pad("address", 40) + pad("status", 14) + "since")
            for s in list.subscribers {
                t.print(pad(s.address, 40) + pad(s.status.rawValue, 14) + ISO8601UTC.string(from: s.since))
            }
            let counts = Dictionary(grouping: list.subscribers, by: \.status).map {
                "\($0.value.count) \($0.key.rawValue)"
            }
            t.print("\n\(list.subscribers.count) subscriber(s): \(counts.sorted().joined(separator: ", "))")
        case "add":
            guard !rest.isEmpty else { throw UsageError("usage: subscribers add ADDRESS [--name NAME]") }
            for address in rest {
                switch try engine.subscriptions.add(address, name: arguments.options["name"]) {
                case .added: t.print("\(address): subscribed")
                case .alreadyActive: t.print("\(address): already subscribed")
                case .reactivated(let from): t.print("\(address): subscribed again (was \(from.rawValue))")
                }
            }
        case "remove":
            guard !rest.isEmpty else { throw UsageError("usage: subscribers remove ADDRESS") }
            for address in rest {
                let previous = try engine.subscriptions.remove(address)
                t.print(previous == .unsubscribed ? "\(address): was already unsubscribed" : "\(address): unsubscribed")
            }
        case "import":
            guard rest.count == 1 else { throw UsageError("usage: subscribers import FILE.csv") }
            let bytes = try readFile(rest[0])
            guard let text = String(bytes: bytes, encoding: .utf8) ?? String(bytes: bytes, encoding: .isoLatin1) else {
                throw CommandError("\(rest[0]) is not a text file")
            }
            if context.terminal.isInteractive { context.terminal.error("Importing \(rest[0]) …") }
            let report = try engine.subscriptions.importCSV(text) { context.terminal.progress("Importing", $0, $1) }
            t.print(report.description)
            if !report.invalid.isEmpty {
                throw CommandError("\(report.invalid.count) row(s) of \(rest[0]) could not be imported")
            }
        default:
            throw UsageError("unknown subscribers action '\(action)'")
        }
    }
}
