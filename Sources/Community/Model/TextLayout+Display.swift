/// User text shown in digests and on the hub: cleaned of characters that could disguise it,
/// reflowed, cut to excerpts. (Was `TextWrap`.)
extension TextLayout {
    /// Reflows each line of `text` at `width` columns (counted in characters): runs of spaces and
    /// tabs collapse, existing line breaks are kept, `firstIndent` starts the first line and
    /// `indent` every other (`- ` then `  ` for a list entry).
    static func reflow(_ text: String, width: Int = 72, indent: String = "", firstIndent: String? = nil) -> [String] {
        lines(text, width: width, firstIndent: firstIndent ?? indent, indent: indent, keepingIndentation: false)
    }

    /// One line for display: `clean`, then line breaks and runs of white space become one space.
    /// (Unlike `singleLine`, no length limit, and format characters are dropped, not kept.)
    static func displayLine(_ text: String) -> String {
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
        var kept = cut[..<end]
        while let last = kept.last, last.isWhitespace || last == "," || last == ";" { kept = kept.dropLast() }
        return String(kept) + " …"
    }
}
