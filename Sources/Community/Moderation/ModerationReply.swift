import Foundation

/// The commands found at the top of a moderator's reply.
///
/// Rule (DESIGN flow 4): leading blank lines are skipped, then each line is a command until the
/// first line that is not one. Quoted text, attribution lines ("On … wrote:"), Outlook's
/// `From:/Sent:` blocks, signatures and the help text quoted from the notification are never
/// commands, so reading stops at them: nothing below the moderator's own lines is executed.
public struct ModerationReply: Sendable, Equatable {
    public var commands: [ModerationCommand]
    /// The line that ended the commands when it began with a command word but did not parse
    /// ("edit colour red"): the confirmation then includes the help.
    public var malformed: String?

    public init(commands: [ModerationCommand], malformed: String? = nil) {
        self.commands = commands
        self.malformed = malformed
    }

    /// Reads the commands from a reply's text body (`Message.textBody`: plain, format=flowed
    /// already joined, or HTML already turned into text).
    public static func parse(_ body: String) -> ModerationReply {
        var commands: [ModerationCommand] = []
        for raw in body.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
            let line = normalise(String(raw))
            if line.isEmpty { continue }
            // A quoted line ends the commands even when it quotes a command.
            if line.hasPrefix(">") || line.hasPrefix("|") { break }
            if let command = ModerationCommand.parse(line: line) {
                commands.append(command)
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
