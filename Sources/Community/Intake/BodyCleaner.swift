import Foundation
import MIME

/// The clean text of a contribution and what was learned while cleaning it.
public struct CleanBody: Sendable, Equatable {
    public var text: String
    /// The author of a forwarded message (Gmail, Apple Mail, Thunderbird, Outlook forwards).
    public var forwardedFrom: Person?
    /// What was removed ("quoted reply", "signature", "device footer"), for the log.
    public var removed: [String]

    public init(text: String, forwardedFrom: Person? = nil, removed: [String] = []) {
        self.text = text
        self.forwardedFrom = forwardedFrom
        self.removed = removed
    }
}

/// Removes quoted reply history, signatures and device footers from a mail body, and unpacks
/// forwarded messages (DESIGN flow 3).
///
/// Reply history: an attribution ("On … wrote:" in English, Welsh, French, German, Spanish; also
/// wrapped over two or three lines) with the quoted block after it, or Outlook's header block
/// (`From:`/`Sent:`/`To:`/`Subject:`, localised, after the underscore rule or
/// "-----Original Message-----"), which takes everything after it. Text after a quoted block
/// (bottom posting, inline answers) is kept. Signatures: from the `-- ` line (RFC 3676 §4.3) to
/// the end of the part. A forward keeps the partner's note and the forwarded text, without the
/// forward's header lines, and records its author. When in doubt a line is kept.
public enum BodyCleaner {
    /// Cleans a message's text body (HTML-only mail arrives here already turned into text).
    public static func clean(_ message: Message) -> CleanBody {
        clean(message.textBody ?? "", subject: message.subject)
    }

    /// Cleans `text`; `subject` tells a forward ("FW: …") from a reply for Outlook's header block.
    public static func clean(_ text: String, subject: String? = nil) -> CleanBody {
        var removed: [String] = []
        var forwardedFrom: Person?
        let lines = splitLines(text)
        let kept = cleanLines(lines, subject: subject, depth: 0, removed: &removed, forwardedFrom: &forwardedFrom)
        let text = tidy(kept)
        // "See below" over a quoted message: the quote is the contribution. When cleaning leaves
        // (almost) nothing of a substantial message, keep the message as it was.
        func words(_ s: String) -> Int { s.split(whereSeparator: { $0.isWhitespace }).count }
        if !hasWords(text, 3), lines.reduce(0, { $0 + words($1) }) > 20 {
            return CleanBody(
                text: tidy(lines), forwardedFrom: forwardedFrom, removed: ["nothing: the whole message kept"])
        }
        return CleanBody(text: text, forwardedFrom: forwardedFrom, removed: removed)
    }

    /// The lines of `text`, split at CR LF, CR, LF, U+2028 and U+2029 (a CR that ends the text
    /// ends the last line without starting another), with trailing spaces, tabs and no-break
    /// spaces removed (but "-- " keeps its space: RFC 3676 §4.3). One pass over the UTF-8 bytes.
    /// Whether `text` has at least `n` whitespace-separated words; stops there, where splitting
    /// the whole text into words would not.
    static func hasWords(_ text: String, _ n: Int) -> Bool {
        var count = 0
        var inWord = false
        for c in text {
            if c.isWhitespace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
                if count >= n { return true }
            }
        }
        return false
    }

    static func splitLines(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            func line(_ from: Int, _ to: Int) -> String {
                let l = String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
                // Only a line that ends in one of those bytes can need trimming (A0 also ends other
                // scalars, so the Character test below decides).
                guard to > from, [0x20, 0x09, 0xA0].contains(bytes[to - 1]) else { return l }
                var t = Substring(l)
                while let c = t.last, c == " " || c == "\t" || c == "\u{00A0}", !(t == "-- ") { t = t.dropLast() }
                return String(t)
            }
            var start = 0
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                var next = i + 1
                if b == 0x0D {
                    if next == bytes.count { return lines + [line(start, i)] }
                    if bytes[next] == 0x0A { next += 1 }
                } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80,
                    bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9
                {
                    next = i + 3
                } else if b != 0x0A {
                    i = next
                    continue
                }
                lines.append(line(start, i))
                start = next
                i = next
            }
            lines.append(line(start, bytes.count))
            return lines
        }
    }

    /// One pass over a part's lines; `depth` bounds the recursion into nested forwards.
    private static func cleanLines(
        _ lines: [String], subject: String?, depth: Int, removed: inout [String], forwardedFrom: inout Person?
    ) -> [String] {
        var own: [String] = []
        var i = bannerEnd(lines, removed: &removed)
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmedWhitespace

            // A forward: the partner's note so far, then the forwarded text without its headers.
            if depth < 4, QuoteMarkers.isForwardMarker(trimmed) {
                let (headers, next) = headerBlock(lines, from: i + 1, skipBlankStart: true)
                if let from = headers.first(where: { QuoteMarkers.fromLabels.contains($0.label) }) {
                    if forwardedFrom == nil { forwardedFrom = person(from.value) }
                }
                removed.append("forward header")
                let note = finishOwn(own, removed: &removed)
                let rest = cleanLines(
                    Array(lines[next...]), subject: nil, depth: depth + 1, removed: &removed,
                    forwardedFrom: &forwardedFrom)
                return note + (note.isEmpty ? [] : [""]) + rest
            }

            // Outlook's quoted original: separator (optional) and a From/Sent/To/Subject block.
            var blockStart = i
            if QuoteMarkers.isUnderscoreRule(trimmed) || QuoteMarkers.isOriginalSeparator(trimmed) {
                blockStart = i + 1
            }
            let (headers, next) = headerBlock(lines, from: blockStart, skipBlankStart: blockStart != i)
            if isMessageHeaderBlock(headers) {
                if depth < 4, QuoteMarkers.isForwardSubject(subject), depth == 0 {
                    if forwardedFrom == nil,
                        let from = headers.first(where: { QuoteMarkers.fromLabels.contains($0.label) })
                    {
                        forwardedFrom = person(from.value)
                    }
                    removed.append("forward header")
                    let note = finishOwn(own, removed: &removed)
                    let rest = cleanLines(
                        Array(lines[next...]), subject: nil, depth: depth + 1, removed: &removed,
                        forwardedFrom: &forwardedFrom)
                    return note + (note.isEmpty ? [] : [""]) + rest
                }
                removed.append("quoted reply")
                return finishOwn(own, removed: &removed)
            } else if QuoteMarkers.isOriginalSeparator(trimmed) {
                // "-----Original Message-----" alone still ends the message's own text.
                removed.append("quoted reply")
                return finishOwn(own, removed: &removed)
            }

            // iOS Mail quotes its own attribution: "> On 23 Nov 2026, at 09:15, Ann … wrote:".
            if QuoteMarkers.isQuoted(trimmed), isQuotedAttribution(lines, at: i) {
                var j = i
                while j < lines.count,
                    QuoteMarkers.isQuoted(lines[j].trimmedWhitespace)
                        || isBlank(lines[j])
                {
                    j += 1
                }
                removed.append("quoted reply")
                i = j
                continue
            }

            // "On … wrote:" (one to three lines) and the quoted block after it.
            if let span = attributionSpan(lines, at: i) {
                var j = i + span
                while j < min(lines.count, i + span + 3), isBlank(lines[j]) {
                    j += 1
                }
                removed.append("quoted reply")
                if j < lines.count, QuoteMarkers.isQuoted(lines[j]) {
                    while j < lines.count,
                        QuoteMarkers.isQuoted(lines[j]) || isBlank(lines[j])
                    {
                        j += 1
                    }
                    i = j
                    continue
                }
                // Unmarked history (HTML turned into text): everything after is the quote.
                return finishOwn(own, removed: &removed)
            }

            own.append(line)
            i += 1
        }
        return finishOwn(own, removed: &removed)
    }

    /// Where the text starts after a mail gateway's warning banner at the top of a part ("CAUTION:
    /// This email originated from outside…", Outlook's "You don't often get email from…"): the
    /// banner's lines and their usual advice ("Do not click links…"), never a line of other text.
    static func bannerEnd(_ lines: [String], removed: inout [String]) -> Int {
        var i = 0
        while i < lines.count, i < 3, isBlank(lines[i]) { i += 1 }
        guard i < lines.count, QuoteMarkers.isBanner(lines[i]) else { return 0 }
        var j = i + 1
        while j < lines.count, j < i + 6, QuoteMarkers.isBanner(lines[j]) || QuoteMarkers.isBannerAdvice(lines[j]) {
            j += 1
        }
        removed.append("gateway banner")
        return j
    }

    /// Cuts the signature and the trailing device footers from a part's own lines. `-- ` (RFC 3676
    /// §4.3) always starts a signature; a bare `--` (what HTML conversions and some clients leave)
    /// only when a short block follows it, so that a "--" between two sections is kept.
    private static func finishOwn(_ lines: [String], removed: inout [String]) -> [String] {
        var out: [String] = []
        for (n, line) in lines.enumerated() {
            if QuoteMarkers.isSignatureDelimiter(line) {
                let following = lines[(n + 1)...].filter { !isBlank($0) }.count
                if line.hasPrefix("-- ") || following <= 6 {
                    removed.append("signature")
                    break
                }
            }
            out.append(line)
        }
        // Trailing "Sent from my iPhone" lines, and a rule left at the end: Outlook's underscores,
        // or the "---" an HTML <hr> became.
        while let last = out.last {
            let t = last.trimmedWhitespace
            if QuoteMarkers.isDeviceFooter(t) {
                removed.append("device footer")
            } else if !(t.isEmpty || QuoteMarkers.isUnderscoreRule(t)
                || (t.count >= 3 && t.allSatisfy { $0 == "-" || $0 == "—" || $0 == "_" || $0 == "=" }))
            {
                break
            }
            out.removeLast()
        }
        return out
    }

    /// A quoted line (possibly wrapped over two quoted lines) that is an attribution starting like one.
    static func isQuotedAttribution(_ lines: [String], at i: Int) -> Bool {
        var joined = ""
        for k in i..<min(i + 2, lines.count) {
            var t = Substring(lines[k].trimmedWhitespace)
            guard QuoteMarkers.isQuoted(String(t)) else { return false }
            while let c = t.first, c == ">" || c == " " { t = t.dropFirst() }
            joined += (joined.isEmpty ? "" : " ") + t
            if QuoteMarkers.isAttributionText(joined) { return QuoteMarkers.startsLikeAttribution(joined) }
        }
        return false
    }

    /// How many lines (1–3) starting at `i` form an attribution; nil when they do not.
    static func attributionSpan(_ lines: [String], at i: Int) -> Int? {
        // Every attribution (mutt's too) ends one of its lines with ":": most lines are spared the rest.
        guard lines[i..<min(i + 3, lines.count)].contains(where: endsWithColon) else { return nil }
        // mutt's "* Ann Example <ann@example.org> [2026-11-23 09:15]:" before a quote.
        let first = lines[i].trimmedWhitespace
        if first.hasPrefix("* "), first.hasSuffix("]:"), first.contains("@") || first.contains("["),
            i + 1 < lines.count, QuoteMarkers.isQuoted(lines[i + 1])
        {
            return 1
        }
        var joined = ""
        for span in 1...3 where i + span <= lines.count {
            let piece = lines[i + span - 1].trimmedWhitespace
            if piece.isEmpty || QuoteMarkers.isQuoted(piece) { return nil }
            joined += (joined.isEmpty ? "" : " ") + piece
            // The joined text ends with this piece: no ":" at its end, no attribution (checked
            // first because most lines are not one).
            guard piece.utf8.last == UInt8(ascii: ":"), QuoteMarkers.isAttributionText(joined) else { continue }
            // Sure when it starts like one ("On …", "Le …"); otherwise only when a quote follows.
            if QuoteMarkers.startsLikeAttribution(joined) { return span }
            // At most a few blank lines between (bounded, so that hostile input stays linear).
            var j = i + span
            while j < min(lines.count, i + span + 3), isBlank(lines[j]) { j += 1 }
            if j < lines.count, QuoteMarkers.isQuoted(lines[j]) { return span }
            return nil
        }
        return nil
    }

    /// Whether the line's last scalar before trailing whitespace is ":".
    static func endsWithColon(_ line: String) -> Bool {
        line.unicodeScalars.reversed().first(where: { !ScalarText.isWhitespace($0) }) == ":"
    }

    /// Header lines (`From: …`) from `start`, allowing single blank lines between them (HTML
    /// conversions put each in its own paragraph) and wrapped To/Cc values. Returns the headers
    /// and the index after the last of them.
    static func headerBlock(
        _ lines: [String], from start: Int, skipBlankStart: Bool
    ) -> ([(label: String, value: String)], Int) {
        var headers: [(label: String, value: String)] = []
        var j = start
        if skipBlankStart {
            while j < min(lines.count, start + 3), isBlank(lines[j]) { j += 1 }
        }
        var continuations = 0
        while j < lines.count, headers.count < 12 {
            let t = lines[j].trimmedWhitespace
            if let h = QuoteMarkers.headerLine(t) {
                headers.append(h)
                j += 1
                continue
            }
            if t.isEmpty {
                // A blank line inside the block only when another header follows it.
                if headers.isEmpty { break }
                if j + 1 < lines.count, QuoteMarkers.headerLine(lines[j + 1]) != nil, !headers.isEmpty {
                    j += 1
                    continue
                }
                break
            }
            if let last = headers.last?.label, QuoteMarkers.toLabels.contains(last), continuations < 3, !headers.isEmpty
            {
                headers[headers.count - 1].value += " " + t
                continuations += 1
                j += 1
                continue
            }
            break
        }
        guard !headers.isEmpty else { return ([], start) }
        return (headers, j)
    }

    /// From + Sent/Date + To/Subject: the block Outlook (desktop, web, mobile) and most forwards print.
    static func isMessageHeaderBlock(_ headers: [(label: String, value: String)]) -> Bool {
        let labels = headers.map(\.label)
        let hasFrom = labels.contains(where: QuoteMarkers.fromLabels.contains)
        let hasDate = labels.contains(where: QuoteMarkers.dateLabels.contains)
        let hasTo = labels.contains(where: {
            QuoteMarkers.toLabels.contains($0) || QuoteMarkers.subjectLabels.contains($0)
        })
        return hasFrom && hasDate && hasTo && headers.count >= 3
    }

    /// "Ann Example <ann@example.org>", "Ann Example [mailto:ann@example.org]", "ann@example.org",
    /// or a bare name (Outlook HTML) with an empty address.
    static func person(_ value: String) -> Person {
        let address = firstAddress(in: value) ?? ""
        var name = value
        if let cut = name.firstIndex(where: { $0 == "<" || $0 == "[" || $0 == "(" }) { name = String(name[..<cut]) }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'*"))
        if name.contains("@"), name.lowercased() == address { name = "" }
        return Person(name: name.isEmpty ? nil : name, address: address)
    }

    static func firstAddress(in text: String) -> String? {
        let chars = Array(text)
        guard let at = chars.firstIndex(of: "@") else { return nil }
        func ok(_ c: Character) -> Bool { c.isLetter || c.isNumber || ".-_+%'".contains(c) }
        var s = at
        while s > 0, ok(chars[s - 1]) { s -= 1 }
        var e = at + 1
        while e < chars.count, ok(chars[e]) { e += 1 }
        while e > at + 1, chars[e - 1] == "." { e -= 1 }
        guard s < at, e > at + 1 else { return nil }
        return String(chars[s..<e]).lowercased()
    }

    /// Trailing spaces gone, runs of blank lines made one, no blank lines at either end.
    static func tidy(_ lines: [String]) -> String {
        var out: [String] = []
        for line in lines {
            if isBlank(line) {
                if let last = out.last, !last.isEmpty { out.append("") }
            } else {
                out.append(line)
            }
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n")
    }

    static func isBlank(_ line: String) -> Bool { ScalarText.isBlank(line) }
}
