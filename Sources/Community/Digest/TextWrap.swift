/// Word wrapping and cleaning for plain-text mail (72 columns, RFC 3676 §4.5 recommends < 78).
enum TextWrap {
    /// Wraps each line of `text` at `width` columns (counted in characters), prefixing every output
    /// line with `indent`. Existing line breaks are kept; runs of spaces collapse; a word longer
    /// than the width (a URL) stays whole on its own line rather than being broken.
    static func wrap(_ text: String, width: Int = 72, indent: String = "", firstIndent: String? = nil) -> [String] {
        var out: [String] = []
        var lead = firstIndent ?? indent
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let words = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.isEmpty {
                out.append("")
                lead = indent
                continue
            }
            var line = lead
            var lineHasWord = false
            for word in words {
                if lineHasWord, line.count + 1 + word.count > width {
                    out.append(line)
                    line = indent
                    lineHasWord = false
                }
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
            }
            out.append(line)
            lead = indent
        }
        return out
    }

    /// One line: control characters and line breaks become spaces, runs of space collapse.
    static func singleLine(_ text: String) -> String {
        clean(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Keeps newlines and tabs (as spaces), drops every other control or format character
    /// (bidi overrides, zero-width characters) that could disguise text in a digest, and
    /// private-use characters (the template's markers).
    static func clean(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var lastWasCR = false
        for s in text.unicodeScalars {
            defer { lastWasCR = s == "\r" }
            switch s.value {
            case 0x0A: if !lastWasCR { scalars.append(s) }
            case 0x0D: scalars.append("\n")
            case 0x09: scalars.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF, 0xE000...0xF8FF:
                continue
            default: scalars.append(s)
            }
        }
        return String(scalars)
    }

    /// `text` cut to at most `limit` characters at a word boundary, with `…` when cut.
    static func excerpt(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(where: \.isWhitespace) ?? cut.endIndex
        return String(cut[..<end]).trimmingTrailingSpace() + " …"
    }
}

extension String {
    func trimmingTrailingSpace() -> String {
        var s = Substring(self)
        while let l = s.last, l.isWhitespace || l == "," || l == ";" { s = s.dropLast() }
        return String(s)
    }
}
