import Foundation

/// Plain-text layout for everything learnmail writes: one-line header values, wrapping at 72
/// columns (RFC 3676 §4.5 recommends fewer than 78), labelled fields, and (in
/// `TextLayout+Display.swift`) the cleaning and reflowing of user text shown in digests and on the
/// hub. One wrapping loop serves both the mails that keep a line's own indentation (notifications,
/// replies) and the digest's reflowed paragraphs.
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
    /// (continuation lines too), before the line's own indentation, which is kept (a list, a
    /// quoted block; at most 16 spaces; a tab counts as four). Existing line breaks are kept;
    /// blank lines stay blank.
    public static func wrap(_ text: String, width: Int = 72, indent: String = "") -> String {
        lines(text, width: width, firstIndent: indent, indent: indent, keepingIndentation: true)
            .joined(separator: "\n")
    }

    /// `Label:      value` with the value wrapped under itself.
    static func field(_ label: String, _ value: String, labelWidth: Int = 14, width: Int = 72) -> String {
        let head = (label + ":").padding(toLength: labelWidth, withPad: " ", startingAt: 0)
        let body = wrap(singleLine(value, limit: 2000), width: width, indent: String(repeating: " ", count: labelWidth))
        return head + body.dropFirst(labelWidth)
    }

    /// The one wrapping loop. Each line of `text` (its breaks kept) is cut into words at spaces
    /// and tabs and laid out at most `width` characters wide; a word longer than that (a URL)
    /// stays whole on a line of its own. `firstIndent` starts the text's first line, `indent`
    /// every other; a line of spaces only becomes "". With `keepingIndentation` a line's leading
    /// spaces (a tab is four) are kept after the indent on it and its continuations; otherwise
    /// spaces and tabs only separate words.
    static func lines(
        _ text: String, width: Int, firstIndent: String, indent: String, keepingIndentation: Bool
    ) -> [String] {
        var lines: [String] = []
        var lead = firstIndent
        let indentWidth = indent.count
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            // `utf8.contains`, not `contains("\t")`: Foundation's substring search costs more than
            // the whole wrap of a notification.
            let line =
                raw.utf8.contains(UInt8(ascii: "\t")) ? raw.replacingOccurrences(of: "\t", with: "    ") : String(raw)
            if line.allSatisfy({ $0 == " " }) {
                lines.append("")
                lead = indent
                continue
            }
            let leading = keepingIndentation ? min(line.prefix(while: { $0 == " " }).count, 16) : 0
            let own = String(repeating: " ", count: leading)
            // The width so far is counted as words are added: `String.count` walks the whole line.
            var current = lead + own
            var column = lead.count + leading
            var hasWord = false
            for word in line.split(separator: " ", omittingEmptySubsequences: true) {
                // An ASCII word is as wide as it is long; only other text needs grapheme counting.
                let wordWidth = word.utf8.allSatisfy { $0 < 0x80 } ? word.utf8.count : word.count
                if hasWord, column + 1 + wordWidth > width {
                    lines.append(current)
                    current = indent + own
                    column = indentWidth + leading
                    hasWord = false
                }
                if hasWord {
                    current += " "
                    column += 1
                }
                current += word
                column += wordWidth
                hasWord = true
            }
            lines.append(current)
            lead = indent
        }
        return lines
    }
}
