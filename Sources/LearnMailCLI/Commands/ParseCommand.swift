import Foundation
import MIME

/// `learnmail parse FILE... [--json]` and `learnmail parse --stats FILE...`.
struct ParseCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: ["json", "stats"])
        guard !arguments.positionals.isEmpty else { throw UsageError("parse needs at least one FILE") }
        if arguments.has("stats") {
            try stats(arguments.positionals)
            return
        }
        for path in arguments.positionals {
            let message = Message(try readFile(path))
            if arguments.has("json") {
                context.terminal.print(message.summary.jsonLine())
            } else {
                describe(message, path: path)
            }
        }
    }

    /// Times parsing and full decoding only; reading the files is not counted.
    private func stats(_ paths: [String]) throws {
        var bytes = 0
        var decoded = 0
        var elapsed: Duration = .zero
        let clock = ContinuousClock()
        for (index, path) in paths.enumerated() {
            let data = try readFile(path)
            bytes += data.count
            elapsed += clock.measure {
                decoded &+= Message(data).fullyDecodedByteCount()
            }
            context.terminal.progress("Parsing", index + 1, paths.count)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
        context.terminal.print(
            "messages \(paths.count), bytes \(bytes), seconds \(String(format: "%.3f", seconds)), MB/s \(String(format: "%.1f", rate))"
        )
        _ = decoded
    }

    private func describe(_ message: Message, path: String) {
        let t = context.terminal
        t.print(path)
        t.print("  Subject:  \(message.subject ?? "(none)")")
        t.print("  From:     \(message.from.map(Self.format).joined(separator: ", "))")
        if !message.to.isEmpty { t.print("  To:       \(message.to.map(Self.format).joined(separator: ", "))") }
        t.print("  Date:     \(message.date?.iso8601 ?? "(none or unreadable)")")
        t.print("  Message-ID: \(message.messageId ?? "(none)")")
        t.print("  Parts:")
        for part in message.parts {
            var line = "    \(part.path.padding(toLength: max(6, part.path.count + 1), withPad: " ", startingAt: 0))"
            line += part.contentType
            if let charset = part.charset { line += "; charset=\(charset)" }
            line += "  \(part.size) bytes"
            if let filename = part.filename { line += "  \"\(filename)\"" }
            t.print(line)
        }
        if !message.attachments.isEmpty {
            t.print("  Attachments:")
            for attachment in message.attachments {
                t.print(
                    "    \(attachment.filename ?? "(unnamed)")  \(attachment.contentType)  \(attachment.data.count) bytes"
                )
            }
        }
        for note in message.notes { t.print("  Note: \(note)") }
        t.print()
    }

    static func format(_ address: MailAddress) -> String {
        guard let name = address.name, !name.isEmpty else { return address.address }
        return "\(name) <\(address.address)>"
    }
}

/// Reads a whole file as bytes, with an error that names it.
func readFile(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandError("cannot read \(path)")
    }
    return [UInt8](data)
}
