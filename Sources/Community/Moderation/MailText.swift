import Foundation

/// The subject and bodies of one message learnmail writes; the engine adds the headers.
public struct MailText: Sendable, Equatable {
    /// A single line: never contains CR, LF or other control characters from user input.
    public var subject: String
    /// text/plain, lines of at most 72 characters (a single word longer than that, such as a
    /// long URL, is left whole rather than broken).
    public var text: String
    public var html: String?

    public init(subject: String, text: String, html: String? = nil) {
        self.subject = TextLayout.singleLine(subject, limit: 200)
        self.text = text
        self.html = html
    }
}

/// Small layout helpers for the texts learnmail sends: one-line header values and wrapping.
public enum TextLayout {
    /// Unfolds and strips every control character (CR, LF, TAB, NUL, Unicode line and paragraph
    /// separators), collapses runs of spaces and cuts at `limit` characters with "…". This is
    /// what makes user text safe in a header value (no header injection).
    public static func singleLine(_ text: String, limit: Int = 120) -> String {
        var out = ""
        var lastSpace = true
        for s in text.unicodeScalars {
            let isSpace =
                s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s.value == 0x2028
                || s.value == 0x2029 || s.value == 0x85 || s == " " || s.value == 0xA0
            if isSpace {
                if !lastSpace { out.unicodeScalars.append(" ") }
                lastSpace = true
            } else {
                out.unicodeScalars.append(s)
                lastSpace = false
            }
        }
        while out.last == " " { out.removeLast() }
        if out.count > limit {
            out = String(out.prefix(limit - 1))
            while out.last == " " { out.removeLast() }
            out += "…"
        }
        return out
    }

    /// Wraps each line of `text` at `width` characters on spaces; `indent` starts every line
    /// (continuation lines too), before the line's own indentation. Existing line breaks are
    /// kept; blank lines stay blank.
    public static func wrap(_ text: String, width: Int = 72, indent: String = "") -> String {
        var lines: [String] = []
        let indentWidth = indent.count
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = raw.contains("\t") ? String(raw).replacingTabs() : String(raw)
            if line.allSatisfy({ $0 == " " }) {
                lines.append("")
                continue
            }
            // A line's own indentation (a list, a quoted block) is kept, on its continuations too.
            let leading = min(line.prefix(while: { $0 == " " }).count, 16)
            let margin = indent + String(repeating: " ", count: leading)
            let marginWidth = indentWidth + leading
            // The width so far is counted as words are added: `String.count` walks the whole line.
            var current = margin
            var column = marginWidth
            for word in line.split(separator: " ", omittingEmptySubsequences: true) {
                let wordWidth = word.count
                if column > marginWidth, column + 1 + wordWidth > width {
                    lines.append(current)
                    current = margin
                    column = marginWidth
                }
                if column > marginWidth {
                    current += " "
                    column += 1
                }
                current += word
                column += wordWidth
            }
            lines.append(current)
        }
        return lines.joined(separator: "\n")
    }

    /// `Label:      value` with the value wrapped under itself.
    static func field(_ label: String, _ value: String, labelWidth: Int = 14, width: Int = 72) -> String {
        let head = (label + ":").padding(toLength: labelWidth, withPad: " ", startingAt: 0)
        let body = wrap(singleLine(value, limit: 2000), width: width, indent: String(repeating: " ", count: labelWidth))
        return head + body.dropFirst(labelWidth)
    }
}

extension String {
    fileprivate func replacingTabs() -> String { replacingOccurrences(of: "\t", with: "    ") }
}
