// The output side of HTMLText: collapses whitespace, turns block structure into line breaks,
// prefixes quoted lines and list items, and appends link targets. Everything is appended to one
// byte buffer and separators are written lazily (only when the next visible text arrives), so
// that runs of empty blocks, trailing breaks and stray whitespace never reach the output.

struct HTMLTextWriter {
    private(set) var out: [UInt8] = []
    /// Newlines owed before the next text: 1 = new line, 2 = blank line (more only inside <pre>).
    private var pendingNewlines = 0
    private var pendingSpace = false
    /// The smallest quote depth seen while newlines were pending: a blank line between a paragraph and
    /// a quote belongs to the outer level ("text\n\n> quoted", not "text\n>\n> quoted").
    private var breakQuoteDepth = 0
    private var lineHasText = false
    private var quoteDepth = 0
    private var preDepth = 0
    private var lists: [(ordered: Bool, next: Int)] = []
    private var pendingMarker: [UInt8]? = nil
    private var listJustOpened = false
    private var link: (href: [UInt8], textStart: Int?)? = nil

    // Prefixes are capped so that hostile nesting cannot make output quadratic in the input.
    private static let maxPrintedDepth = 16

    var inPre: Bool { preDepth > 0 }

    // MARK: text

    /// Appends text bytes (valid UTF-8), collapsing whitespace outside <pre>. Runs of visible bytes are
    /// copied whole from the caller's buffer (no slice of an array, no retain per word).
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < bytes.endIndex {
            let c = bytes[i]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                if preDepth > 0 {
                    if c == 0x0A {
                        pendingNewlines += 1
                        lineHasText = false
                    } else if c == 0x0D {
                        // CRLF counts once; a bare CR is a line break too.
                        if i + 1 >= bytes.endIndex || bytes[i + 1] != 0x0A {
                            pendingNewlines += 1
                            lineHasText = false
                        }
                    } else {
                        flush()
                        out.append(c == 0x09 ? 0x09 : 0x20)
                    }
                } else {
                    pendingSpace = true
                }
                i += 1
            } else if c == 0xC2, i + 1 < bytes.endIndex, bytes[i + 1] == 0xA0 {
                // U+00A0: Outlook fills empty paragraphs with &nbsp;; treat it as ordinary whitespace.
                if preDepth > 0 {
                    flush()
                    out.append(0x20)
                } else {
                    pendingSpace = true
                }
                i += 2
            } else if c < 0x20 || c == 0x7F {
                i += 1  // other control characters never reach the text
            } else {
                flush()
                var j = i + 1
                while j < bytes.endIndex {
                    let d = bytes[j]
                    if d > 0x20 && d != 0x7F && d != 0xC2 {
                        j += 1
                        continue
                    }
                    // One space between two words outside <pre> is what collapsing writes anyway (the
                    // line has text, nothing is pending): it stays in the run, copied in one go.
                    if d == 0x20 && preDepth == 0 && j + 1 < bytes.endIndex {
                        let e = bytes[j + 1]
                        if e > 0x20 && e != 0x7F && e != 0xC2 {
                            j += 2
                            continue
                        }
                    }
                    break
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<j]))
                lineHasText = true
                i = j
            }
        }
    }

    /// Appends one decoded character reference.
    mutating func scalar(_ value: UInt32) {
        guard let s = Unicode.Scalar(value) else { return }
        var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &buffer) { raw in
            UTF8.encode(s) {
                raw[count] = $0
                count += 1
            }
            text(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    // MARK: structure

    /// A block boundary: 1 = the next text starts a new line, 2 = a new paragraph.
    mutating func block(_ newlines: Int) {
        pendingSpace = false
        // Between a list item's marker and its text, a <p> must not push the text away from the marker.
        if pendingMarker != nil { return }
        requestNewlines(max(pendingNewlines, newlines))
    }

    /// <br>: one more line break, at most one blank line in a row.
    mutating func lineBreak() {
        pendingSpace = false
        if pendingMarker != nil { return }
        requestNewlines(min(pendingNewlines + 1, max(pendingNewlines, 2)))
    }

    mutating func space() {
        pendingSpace = true
    }

    mutating func openQuote() {
        block(2)
        quoteDepth += 1
    }

    mutating func closeQuote() {
        guard quoteDepth > 0 else { return }
        block(2)
        quoteDepth -= 1
        breakQuoteDepth = min(breakQuoteDepth, quoteDepth)
    }

    mutating func openPre() {
        block(2)
        preDepth += 1
    }

    mutating func closePre() {
        guard preDepth > 0 else { return }
        preDepth -= 1
        block(2)
    }

    mutating func openList(ordered: Bool, start: Int) {
        pendingMarker = nil
        block(lists.isEmpty ? 2 : 1)
        lists.append((ordered, start))
        listJustOpened = true
    }

    mutating func closeList() {
        guard !lists.isEmpty else { return }
        lists.removeLast()
        pendingMarker = nil
        block(lists.isEmpty ? 2 : 1)
    }

    mutating func listItem() {
        if lists.isEmpty { lists.append((false, 1)) }
        pendingMarker = nil
        // Items follow each other on consecutive lines, even when a <p> inside the last one asked for more.
        if listJustOpened || out.isEmpty {
            block(1)
        } else {
            pendingSpace = false
            requestNewlines(1)
        }
        listJustOpened = false
        let index = lists.count - 1
        var marker = [UInt8](repeating: 0x20, count: 2 * min(index, Self.maxPrintedDepth))
        if lists[index].ordered {
            marker.append(contentsOf: Array("\(lists[index].next). ".utf8))
            lists[index].next &+= 1
        } else {
            marker.append(contentsOf: Array("- ".utf8))
        }
        pendingMarker = marker
    }

    /// Literal text that is not subject to whitespace collapsing (e.g. the "---" of <hr>).
    mutating func literal(_ s: String) {
        flush()
        out.append(contentsOf: Array(s.utf8))
        lineHasText = true
    }

    // MARK: links

    mutating func openLink(href: [UInt8]) {
        closeLink()
        link = (href, nil)
    }

    /// Ends a link: "text (URL)", or just the text when it already is the URL. Links without text
    /// (image links) and page-internal or script links add nothing.
    mutating func closeLink() {
        guard let (href, start) = link else { return }
        link = nil
        guard let start else { return }
        let url = Self.cleanURL(href)
        guard !url.isEmpty, url[0] != UInt8(ascii: "#") else { return }
        let lower = url.prefix(11).map { $0 | 0x20 }
        if lower.starts(with: Array("javascript:".utf8)) { return }
        var display = url[...]
        if lower.starts(with: Array("mailto:".utf8)) { display = url.dropFirst(7) }
        let linkText = Self.trimmed(out[start...])
        if linkText.isEmpty { return }
        if Self.sameTarget(linkText, url[...]) || Self.sameTarget(linkText, display) { return }
        out.append(contentsOf: Array(" (".utf8))
        out.append(contentsOf: display)
        out.append(UInt8(ascii: ")"))
    }

    private static func cleanURL(_ href: [UInt8]) -> [UInt8] {
        href.filter { $0 > 0x20 && $0 != 0x7F }
    }

    private static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var a = s.startIndex
        var b = s.endIndex
        while a < b, s[a] <= 0x20 { a += 1 }
        while b > a, s[b - 1] <= 0x20 { b -= 1 }
        return s[a..<b]
    }

    /// Equal up to ASCII case, an http(s) scheme and a trailing slash: "example.org" shows
    /// "https://example.org/" well enough.
    private static func sameTarget(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
        func normal(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var s = s
            for scheme in ["https://", "http://"] {
                let p = Array(scheme.utf8)
                if s.count >= p.count, zip(s.prefix(p.count), p).allSatisfy({ ($0 | 0x20) == $1 }) {
                    s = s.dropFirst(p.count)
                    break
                }
            }
            if s.last == UInt8(ascii: "/") { s = s.dropLast() }
            return s
        }
        let x = normal(a)
        let y = normal(b)
        return x.count == y.count && zip(x, y).allSatisfy { ($0 | 0x20) == ($1 | 0x20) }
    }

    // MARK: output

    mutating func finish() -> String {
        closeLink()
        // The same text as String(decoding:), checked sixteen ASCII bytes at a time (see UTF8Text).
        return out.withUnsafeBufferPointer { UTF8Text.string($0) }
    }

    private mutating func requestNewlines(_ n: Int) {
        if pendingNewlines == 0 { breakQuoteDepth = quoteDepth }
        pendingNewlines = n
    }

    /// Writes the separators owed before the next visible character.
    private mutating func flush() {
        if out.isEmpty {
            pendingNewlines = 0
            pendingSpace = false
            writePrefix()
        } else if pendingNewlines > 0 {
            let blankDepth = min(breakQuoteDepth, quoteDepth, Self.maxPrintedDepth)
            for n in 0..<pendingNewlines {
                out.append(0x0A)
                if n < pendingNewlines - 1 {
                    // A blank line inside a quote keeps its ">" markers (without trailing space).
                    for d in 0..<blankDepth { out.append(contentsOf: d == blankDepth - 1 ? [0x3E] : [0x3E, 0x20]) }
                }
            }
            pendingNewlines = 0
            pendingSpace = false
            writePrefix()
        } else if pendingSpace {
            if lineHasText { out.append(0x20) }
            pendingSpace = false
        }
        if let marker = pendingMarker {
            out.append(contentsOf: marker)
            pendingMarker = nil
        }
        if link != nil, link?.textStart == nil { link?.textStart = out.count }
    }

    private mutating func writePrefix() {
        for _ in 0..<min(quoteDepth, Self.maxPrintedDepth) { out.append(contentsOf: [0x3E, 0x20]) }
        if pendingMarker == nil, !lists.isEmpty {
            out.append(contentsOf: [UInt8](repeating: 0x20, count: 2 * min(lists.count, Self.maxPrintedDepth)))
        }
        lineHasText = false
    }
}
