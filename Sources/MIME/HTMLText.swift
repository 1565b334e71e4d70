/// Turns HTML mail bodies into plain text that reads well.
///
/// Paragraphs and other blocks become blank-line separated paragraphs, `<br>` a new line, `<div>` a
/// new line (Gmail writes one `<div>` per line), lists "- item" / "1. item", links "text (URL)" (only
/// the text when it already is the URL), `<blockquote>` lines are prefixed "> ", `<pre>` keeps its
/// whitespace, and everything else has its whitespace collapsed. Character references are decoded
/// (the HTML 4.01 named set, decimal and hex; HTML5 section 13.5). `<head>`, `<script>`, `<style>`,
/// `<title>`, comments and Outlook's hidden conditional comments (`<!--[if mso]>…<![endif]-->`) are
/// dropped; Outlook's `<o:p>` and revealed conditionals (`<![if !supportLists]>`) keep their text.
///
/// One pass over the UTF-8 bytes with an index cursor: linear time, no recursion, never traps. The
/// scanner reads the String's own bytes in place (no copy into an array, no slices to retain).
public enum HTMLText {
    public static func plainText(fromHTML html: String) -> String {
        var html = html
        html.makeContiguousUTF8()  // native strings already are: no copy
        return html.utf8.withContiguousStorageIfAvailable { p in
            var scanner = HTMLTextScanner(p)
            return scanner.run()
        } ?? ""
    }
}

/// Lives only inside `HTMLText.plainText`, while the bytes it points to do.
struct HTMLTextScanner {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var w = HTMLTextWriter()
    private var inHead = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        b = bytes
    }

    mutating func run() -> String {
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "<") {
                markup()
            } else if c == UInt8(ascii: "&") {
                if let (value, next) = HTMLTextScanner.reference(in: b, at: i, inAttribute: false) {
                    if !inHead { w.scalar(value) }
                    i = next
                } else {
                    if !inHead { w.text(slice(i, i + 1)) }
                    i += 1
                }
            } else {
                var j = i + 1
                while j < b.count, b[j] != UInt8(ascii: "<"), b[j] != UInt8(ascii: "&") { j += 1 }
                if !inHead { w.text(slice(i, j)) }
                i = j
            }
        }
        return w.finish()
    }

    // MARK: markup

    private mutating func markup() {
        let n = b.count
        guard i + 1 < n else {
            w.text(slice(i, n))
            i = n
            return
        }
        let c = b[i + 1]
        if c == UInt8(ascii: "!") {
            if starts("<!--", at: i) {
                comment()
            } else if starts("<![CDATA[", at: i) {
                let end = find("]]>", from: i + 9) ?? n
                if !inHead { w.text(slice(i + 9, end)) }
                i = min(end + 3, n)
            } else {
                // <!DOCTYPE …>, and Outlook's revealed conditionals <![if …]> / <![endif]> whose content shows.
                skipPast(UInt8(ascii: ">"))
            }
        } else if c == UInt8(ascii: "?") {
            skipPast(UInt8(ascii: ">"))
        } else if c == UInt8(ascii: "/") {
            var j = i + 2
            let tag = tagName(&j)
            i = j
            skipPast(UInt8(ascii: ">"))
            endTag(tag)
        } else if isLetter(c) {
            startTag()
        } else {
            if !inHead { w.text(slice(i, i + 1)) }
            i += 1
        }
    }

    /// `<!-- … -->`, including Outlook's `<!--[if gte mso 9]> … <![endif]-->` whose whole content is hidden.
    /// `<!--[if !mso]><!-->` ends at its own `-->`, so the content after it shows, as in browsers.
    private mutating func comment() {
        let start = i + 4
        if start < b.count, b[start] == UInt8(ascii: ">") {
            i = start + 1
        } else if starts("->", at: start) {
            i = start + 2
        } else {
            i = (find("-->", from: start).map { $0 + 3 }) ?? b.count
        }
    }

    private mutating func startTag() {
        var j = i + 1
        let tag = tagName(&j)
        var href: [UInt8] = []
        var start = 1
        // attributes: name [= value], values quoted with " or ' or unquoted
        while j < b.count, b[j] != UInt8(ascii: ">") {
            let c = b[j]
            if c <= 0x20 || c == UInt8(ascii: "/") {
                j += 1
                continue
            }
            let nameStart = j
            while j < b.count, b[j] > 0x20, b[j] != UInt8(ascii: "="), b[j] != UInt8(ascii: ">"),
                b[j] != UInt8(ascii: "/")
            {
                j += 1
            }
            let attribute = slice(nameStart, j)
            if j == nameStart { j += 1 }  // a stray "=": skip it
            var k = j
            while k < b.count, b[k] <= 0x20 { k += 1 }
            guard k < b.count, b[k] == UInt8(ascii: "=") else { continue }
            k += 1
            while k < b.count, b[k] <= 0x20 { k += 1 }
            var valueStart = k
            var valueEnd = k
            if k < b.count, b[k] == UInt8(ascii: "\"") || b[k] == UInt8(ascii: "'") {
                let quote = b[k]
                valueStart = k + 1
                valueEnd = valueStart
                while valueEnd < b.count, b[valueEnd] != quote { valueEnd += 1 }
                j = min(valueEnd + 1, b.count)
            } else {
                while valueEnd < b.count, b[valueEnd] > 0x20, b[valueEnd] != UInt8(ascii: ">") { valueEnd += 1 }
                j = valueEnd
            }
            if tag == .a, Self.equalsLowercased(attribute, "href") {
                href = Self.decodeAttribute(slice(valueStart, valueEnd))
            } else if tag == .ol, Self.equalsLowercased(attribute, "start") {
                start = Self.smallInteger(slice(valueStart, valueEnd)) ?? 1
            }
        }
        i = min(j + 1, b.count)
        startTag(tag, href: href, start: start)
    }

    private mutating func startTag(_ tag: HTMLTextTag, href: [UInt8], start: Int) {
        switch tag {
        case .script, .style, .title, .xml, .template, .noscript:
            skipRawText(tag)
            return
        case .head: inHead = true
        case .body: inHead = false
        default: break
        }
        if inHead { return }
        switch tag {
        case .p, .h1, .h2, .h3, .h4, .h5, .h6, .table, .dl, .figure, .address, .fieldset:
            w.block(2)
        case .div, .center, .tr, .dt, .dd, .article, .aside, .footer, .header, .main, .nav, .section, .form,
            .details, .summary, .caption, .figcaption:
            w.block(1)
        case .br: w.lineBreak()
        case .hr:
            w.block(2)
            w.literal("---")
            w.block(2)
        case .blockquote: w.openQuote()
        case .pre, .listing, .xmp, .plaintext: w.openPre()
        case .ul, .menu, .dir: w.openList(ordered: false, start: 1)
        case .ol: w.openList(ordered: true, start: start)
        case .li: w.listItem()
        case .td, .th: w.space()
        case .a: w.openLink(href: href)
        default: break  // inline and unknown elements, <o:p>, <img>: only their text counts
        }
    }

    private mutating func endTag(_ tag: HTMLTextTag) {
        switch tag {
        case .head:
            inHead = false
            return
        default: if inHead { return }
        }
        switch tag {
        case .p, .h1, .h2, .h3, .h4, .h5, .h6, .table, .dl, .figure, .address, .fieldset:
            w.block(2)
        case .div, .center, .tr, .dt, .dd, .article, .aside, .footer, .header, .main, .nav, .section, .form,
            .details, .summary, .caption, .figcaption, .li:
            w.block(1)
        case .td, .th: w.space()
        case .blockquote: w.closeQuote()
        case .pre, .listing, .xmp, .plaintext: w.closePre()
        case .ul, .ol, .menu, .dir: w.closeList()
        case .a: w.closeLink()
        default: break
        }
    }

    /// Skips the content of script-like elements up to the matching end tag (or the end of input).
    private mutating func skipRawText(_ tag: HTMLTextTag) {
        let lower = Array(tag.name.utf8)
        var j = i
        while j < b.count {
            if b[j] == UInt8(ascii: "<"), j + 1 < b.count, b[j + 1] == UInt8(ascii: "/"),
                j + 2 + lower.count <= b.count
            {
                var same = true
                for (k, ch) in lower.enumerated() where (b[j + 2 + k] | 0x20) != ch {
                    same = false
                    break
                }
                let after = j + 2 + lower.count
                if same, after == b.count || !isNameByte(b[after]) {
                    i = after
                    skipPast(UInt8(ascii: ">"))
                    return
                }
            }
            j += 1
        }
        i = b.count
    }

    // MARK: cursor helpers

    /// The element named at `j` (any case), moving `j` past the name; `.other` for every name HTMLText
    /// does not act on, and for none.
    private func tagName(_ j: inout Int) -> HTMLTextTag {
        let start = j
        while j < b.count, isNameByte(b[j]) { j += 1 }
        return HTMLTextTag.named(b, start, j)
    }

    private func slice(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: b[from..<to])
    }

    private func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    private func isNameByte(_ c: UInt8) -> Bool {
        isLetter(c) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ":") || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "_")
    }

    private func starts(_ s: StaticString, at j: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard j + n <= b.count else { return false }
        return s.withUTF8Buffer { p in
            for k in 0..<n where p[k] != b[j + k] { return false }
            return true
        }
    }

    private func find(_ s: StaticString, from j: Int) -> Int? {
        var k = j
        let first = s.withUTF8Buffer { $0[0] }
        while k < b.count {
            if b[k] == first, starts(s, at: k) { return k }
            k += 1
        }
        return nil
    }

    private mutating func skipPast(_ c: UInt8) {
        while i < b.count, b[i] != c { i += 1 }
        i = min(i + 1, b.count)
    }

    private static func equalsLowercased(_ s: UnsafeBufferPointer<UInt8>, _ lower: StaticString) -> Bool {
        guard s.count == lower.utf8CodeUnitCount else { return false }
        return lower.withUTF8Buffer { p in zip(s, p).allSatisfy { ($0 | 0x20) == $1 } }
    }

    private static func smallInteger(_ s: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0
        var negative = false
        var digits = 0
        for (k, c) in s.enumerated() {
            if k == 0, c == UInt8(ascii: "-") {
                negative = true
            } else if c >= 0x30, c <= 0x39, digits < 9 {
                value = value * 10 + Int(c - 0x30)
                digits += 1
            } else {
                break
            }
        }
        return digits == 0 ? nil : (negative ? -value : value)
    }
}
