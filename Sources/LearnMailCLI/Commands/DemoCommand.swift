import Community
import DurableFiles
import Foundation
import MIME
import MailAdapters

/// `learnmail demo`: the whole flow on the bundled samples, with no servers. It copies the sample
/// Maildir into a fresh folder, runs the same round as `run --once` (Maildir in, a folder of .eml
/// files out), answers the facilitator's notifications with the sample replies, sends a digest to
/// two sample subscribers, and tells what happened.
struct DemoCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, options: ["samples", "folder"], flags: [])
        guard arguments.positionals.isEmpty else { throw UsageError("demo takes no arguments") }
        let samples = try arguments.options["samples"] ?? Self.findSamples(environment: context.environment)
        let work = try arguments.options["folder"] ?? Self.makeWorkFolder()
        let t = context.terminal
        let fm = FileManager.default

        try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        for name in ["maildir", "outbox", "data", "learnmail.json"] where fm.fileExists(atPath: work + "/" + name) {
            throw CommandError("\(work) already holds a demo (\(name)); give an empty --folder")
        }
        try fm.copyItem(atPath: samples + "/maildir", toPath: work + "/maildir")
        for folder in ["new", "cur", "tmp"] {
            try? fm.createDirectory(atPath: "\(work)/maildir/\(folder)", withIntermediateDirectories: true)
        }
        try fm.copyItem(atPath: samples + "/learnmail.json", toPath: work + "/learnmail.json")
        let config = try Config.load(file: work + "/learnmail.json")
        let runtime = try Runtime(config: config, terminal: Terminal.quiet)
        let engine = runtime.engine
        let outbox = work + "/outbox"

        t.print("learnmail demo — \(config.community.name) <\(config.community.address)>")
        t.print("Working folder: \(work)\n")

        // 1. Intake.
        let incoming = try MaildirMailSource(path: work + "/maildir").pendingKeys().count
        t.print("1. Reading \(incoming) emails from the sample mailbox (maildir/)")
        let first = engine.runOnce(source: try runtime.makeSource(), sink: try runtime.makeSink())
        try check(first)
        for entry in first.entries { t.print("   " + line(entry)) }
        t.print(
            "   → \(count(first.entries, \.isItem)) items made, \(count(first.entries, \.isNotItem)) messages made no item"
        )
        t.print(
            "   → \(first.delivery.sent) messages sent into outbox/: notifications to the facilitator, acknowledgements to partners\n"
        )

        // 2. The facilitator answers some notifications by email.
        t.print("2. The facilitator replies to notifications (samples/replies/)")
        let planned = try replyPlan(samples)
        let notifications = try readNotifications(in: outbox)
        var sentReplies = 0
        for (item, template) in planned {
            guard let notification = notifications[item] else { continue }
            let reply = try fill(template: samples + "/replies/" + template, answering: notification)
            let name = "\(Int(engine.now.timeIntervalSince1970)).R\(item)P\(getpid()).demo"
            try AtomicFile.write(reply, to: "\(work)/maildir/new/\(name)")
            t.print("   #\(item): \(template.replacingOccurrences(of: ".eml", with: "")) → \(firstCommandLines(reply))")
            sentReplies += 1
        }
        let second = engine.runOnce(source: try runtime.makeSource(), sink: try runtime.makeSink())
        try check(second)
        for entry in second.entries { t.print("   " + line(entry)) }
        t.print("   → \(sentReplies) replies read; each answered with a confirmation, the declined partner told why\n")

        // 3. The weekly digest to two sample subscribers.
        let csv = try String(contentsOfFile: samples + "/subscribers.csv", encoding: .utf8)
        let imported = try engine.subscriptions.importCSV(csv)
        let addresses = imported.added + imported.activated + imported.alreadyActive
        t.print("3. Weekly digest to \(addresses.count) subscribers (\(addresses.joined(separator: ", ")))")
        let digest = try engine.digests.sendNow()
        let delivered = try engine.delivery.sendQueued(through: try runtime.makeSink())
        t.print("   \(digest.summary); \(delivered.sent) messages sent")
        let areas = Dictionary(grouping: digest.items, by: \.contribution.learningArea)
            .map { "\($0.key) (\($0.value.count))" }.sorted()
        if !areas.isEmpty { t.print("   Areas: \(areas.joined(separator: ", "))") }
        if let text = digest.textPath, let html = digest.htmlPath {
            t.print("   Text: \(text)")
            t.print("   HTML: \(html)")
        }

        // 4. The knowledge hub, built after the digest (site.directory in the config).
        if let site = config.site.directory {
            let published = engine.spool.loadItems().filter { $0.status == .published }
            let sets = Set(published.compactMap(\.learningSet)).sorted()
            t.print("\n4. Knowledge hub: the published learning as a website (no server needed to look)")
            t.print("   \(published.count) items, a page per item, area, tag and learning set, an Atom feed, search")
            if !sets.isEmpty { t.print("   Learning set: \(sets.joined(separator: ", "))") }
            t.print("   Open: \(site)/index.html")
        }

        // 5. Where to look.
        let items = engine.spool.loadItems()
        let byStatus = Dictionary(grouping: items, by: \.status).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
        let mail = (try? fm.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }.count) ?? 0
        t.print("\nQueue now: \(byStatus.joined(separator: ", ")). Outgoing mail: \(mail) .eml files in \(outbox)")
        t.print("Try:  learnmail --config \(work)/learnmail.json queue list")
        t.print("      learnmail --config \(work)/learnmail.json queue show 2")
        t.print("      learnmail --config \(work)/learnmail.json status")
        t.print("      learnmail --config \(work)/learnmail.json digest note \"Welcome to the new learning set!\"")
    }

    // MARK: The story's lines

    private func line(_ entry: RunReport.Entry) -> String {
        let subject = TextLayout.singleLine(entry.subject, limit: 60)
        switch entry.outcome {
        case .contribution, .held, .duplicate, .quarantined:
            return "\(entry.outcome)\n       from \(entry.from)"
        case .ignored, .refused, .subscription, .bounce:
            return "“\(subject)” from \(entry.from): \(entry.outcome)"
        case .moderated:
            return "\(entry.outcome)"
        }
    }

    private func count(_ entries: [RunReport.Entry], _ test: (RunReport.Outcome) -> Bool) -> Int {
        entries.filter { test($0.outcome) }.count
    }

    private func check(_ report: RunReport) throws {
        if let error = exitError(for: report.failures) { throw error }
    }

    private func firstCommandLines(_ reply: [UInt8]) -> String {
        let commands = ModerationReply.parse(Message(reply)).commands
        return commands.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    // MARK: Replies from templates

    /// `samples/replies/plan.txt`: "ITEM TEMPLATE" per line.
    private func replyPlan(_ samples: String) throws -> [(Int, String)] {
        let text = try String(contentsOfFile: samples + "/replies/plan.txt", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let item = Int(parts[0]) else { return nil }
            return (item, String(parts[1]))
        }
    }

    /// The notification the facilitator got for each item, from the delivered .eml files.
    private func readNotifications(in folder: String) throws -> [Int: Message] {
        var found: [Int: Message] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".eml") {
            let message = Message(try readFile(folder + "/" + name))
            guard message.to.contains(where: { $0.address == "facilitator@example.org" }),
                let reference = ModerationToken.find(in: message), let item = reference.itemId
            else { continue }
            found[item] = message
        }
        return found
    }

    /// Fills a reply template from the notification it answers: To is the notification's Reply-To
    /// (which carries the token), Subject its subject. In the body (quoted-printable HTML in the
    /// Outlook template) the subject is HTML-escaped and `=` written as `=3D`.
    private func fill(template path: String, answering notification: Message) throws -> [UInt8] {
        let bytes = try readFile(path)
        let text = String(decoding: bytes, as: UTF8.self)
        let split = text.range(of: "\r\n\r\n") ?? text.range(of: "\n\n")
        let head = split.map { String(text[..<$0.upperBound]) } ?? text
        let body = split.map { String(text[$0.upperBound...]) } ?? ""
        let subject = notification.subject ?? ""
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        let values = [
            "{{TO}}": notification.replyTo.first?.address ?? "learning@example.org",
            "{{IN_REPLY_TO}}": notification.messageId ?? "",
            "{{DATE}}": formatter.string(from: Date()),
            "{{MESSAGE_ID}}": "demo-\(UUID().uuidString.lowercased())@example.org",
        ]
        func replaced(_ part: String, subject: String) -> String {
            var out = part.replacingOccurrences(of: "{{SUBJECT}}", with: subject)
            for (key, value) in values { out = out.replacingOccurrences(of: key, with: value) }
            return out
        }
        let escaped = subject.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "=", with: "=3D")
        return Array((replaced(head, subject: subject) + replaced(body, subject: escaped)).utf8)
    }

    // MARK: Finding the samples

    static func findSamples(environment: [String: String]) throws -> String {
        var candidates: [String] = []
        if let explicit = environment["LEARNMAIL_SAMPLES"] { candidates.append(explicit) }
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("samples").path)
            folder.deleteLastPathComponent()
        }
        // Next to the executable: .build/debug/learnmail → the package's samples/.
        var binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<5 {
            binary.deleteLastPathComponent()
            candidates.append(binary.appendingPathComponent("samples").path)
            candidates.append(binary.appendingPathComponent("share/learnmail/samples").path)
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/learnmail.json") })
        else {
            throw CommandError("cannot find the samples folder; run from the learnmail folder or set LEARNMAIL_SAMPLES")
        }
        return URL(fileURLWithPath: found).standardizedFileURL.path
    }

    static func makeWorkFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/learnmail-demo.XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CommandError("cannot create a folder in \(NSTemporaryDirectory())")
        }
        return URL(fileURLWithPath: String(cString: made)).standardizedFileURL.path
    }
}

extension RunReport.Outcome {
    var isItem: Bool {
        switch self {
        case .contribution, .held: true
        default: false
        }
    }

    var isNotItem: Bool {
        switch self {
        case .ignored, .refused, .quarantined, .bounce, .subscription: true
        default: false
        }
    }
}
