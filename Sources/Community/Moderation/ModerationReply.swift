import Foundation

/// The commands found in a moderator's reply.
///
/// Rule (DESIGN flow 4): the reply's first non-quoted lines are commands, one per line, until the
/// first line that is not one. Leading blank lines are skipped; so is a quote that comes first
/// (bottom posting: "On … wrote:" and its `>` lines), since its lines are never executed. Once
/// the moderator's own lines begin, anything else ends them: quoted text, an attribution,
/// Outlook's `From:/Sent:` block (never skipped: where it ends cannot be told), a signature,
/// prose, or the help quoted from the notification. Nothing below is executed.
public struct ModerationReply: Sendable, Equatable {
    public var commands: [ModerationCommand]
    /// The line that ended the commands when it began with a command word but did not parse
    /// ("edit colour red"): the confirmation then includes the help.
    public var malformed: String?

    /// The most commands read from one reply.
    public static let maxCommands = 50

    public init(commands: [ModerationCommand], malformed: String? = nil) {
        self.commands = commands
        self.malformed = malformed
    }

    /// Reads the commands from a reply's text body (`Message.textBody`: plain, format=flowed
    /// already joined, or HTML already turned into text).
    public static func parse(_ body: String) -> ModerationReply {
        let lines = BodyCleaner.splitLines(body).map(normalise)
        var commands: [ModerationCommand] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.isEmpty {
                i += 1
                continue
            }
            if commands.isEmpty, let end = leadingQuoteEnd(lines, at: i) {
                i = end
                continue
            }
            // A quoted line ends the commands even when it quotes a command.
            if line.hasPrefix(">") || line.hasPrefix("|") { break }
            if let command = ModerationCommand.parse(line: line) {
                // Nobody moderates with more; a runaway paste must not make a huge confirmation.
                guard commands.count < maxCommands else { break }
                commands.append(command)
                i += 1
                continue
            }
            let verb = String(line.prefix(while: { $0.isLetter })).lowercased()
            if ModerationCommand.verbs.contains(verb) {
                return ModerationReply(commands: commands, malformed: line)
            }
            break
        }
        return ModerationReply(commands: commands)
    }

    /// When a quote starts at `i` (an attribution followed by `>` lines, or `>` lines alone),
    /// the index after it and the blank lines that follow; nil otherwise.
    static func leadingQuoteEnd(_ lines: [String], at i: Int) -> Int? {
        var j = i
        if !lines[i].hasPrefix(">") {
            guard let span = BodyCleaner.attributionSpan(lines, at: i) else { return nil }
            j = i + span
            while j < lines.count, lines[j].isEmpty { j += 1 }
            guard j < lines.count, lines[j].hasPrefix(">") else { return nil }
        }
        while j < lines.count, lines[j].hasPrefix(">") || lines[j].isEmpty { j += 1 }
        return j
    }

    /// Trims, maps no-break and other Unicode spaces to a plain space and drops zero-width
    /// characters and the BOM (HTML-only replies and phone keyboards insert them).
    static func normalise(_ line: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in line.unicodeScalars {
            switch s.value {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD: continue
            case 0x09, 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: scalars.append(" ")
            default:
                if s.value < 0x20 || s.value == 0x7F { continue }
                scalars.append(s)
            }
        }
        var result = String(scalars).trimmingSpaces()
        // Collapse runs of spaces so that "edit  title" and "tag +a  -b" read as meant.
        while result.contains("  ") { result = result.replacingOccurrences(of: "  ", with: " ") }
        return result
    }
}
