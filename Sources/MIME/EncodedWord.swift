/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values.
///
/// Decoding is lenient, as real mail needs: words embedded in other text are decoded, whitespace
/// between adjacent encoded words is dropped (RFC 2047 section 6.2), and the bytes of adjacent words
/// in the same charset are joined before charset conversion so that a multi-byte character split
/// across two words survives. A malformed word is kept as literal text.
enum EncodedWord {
    /// Where one `=?charset?enc?text?=` lies in the header bytes.
    private struct Word {
        /// The charset label, without an RFC 2231 language.
        var charset: Range<Int>
        var isBase64: Bool
        var text: Range<Int>
        /// The index after `?=`.
        var next: Int
    }

    /// Decodes unfolded header bytes that may contain encoded words (unstructured text, phrases,
    /// parameter values). Text outside the words is UTF-8 (RFC 6532) or, failing that, Windows-1252.
    static func decodeUnstructured(_ bytes: [UInt8], separateWords: Bool = false) -> String {
        bytes.withUnsafeBufferPointer { p in decode(p, 0..<p.count, separateWords: separateWords) }
    }

    /// With `separateWords`, a word glued to text ("[SPAM]=?utf-8?q?Hi?=") is set off by a space, as
    /// RFC 2047 section 5 requires the sender to have done (used for unstructured fields such as Subject).
    ///
    /// One pass, written as it goes: the bytes of adjacent words in one charset collect in a single
    /// buffer and are converted when a literal or another charset follows (no list of pieces, no copy
    /// of each word's text; a name or subject costs one buffer and the String).
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, separateWords: Bool = false) -> String {
        // Fast path: no "=?" at all.
        var k = range.lowerBound
        while k + 1 < range.upperBound && !(p[k] == 0x3D && p[k + 1] == 0x3F) { k += 1 }
        if k + 1 >= range.upperBound { return Bytes.headerString(UnsafeBufferPointer(rebasing: p[range])) }

        var out = ""
        out.reserveCapacity(range.count)
        // Decoded text never outgrows its encoded form.
        var pending = OutputBuffer(capacity: range.count + 8)
        defer { pending.free() }
        var pendingCharset: Range<Int>?
        var previousWasLiteral = false
        var previousLiteralEndsInSpace = true

        func flush() {
            guard let cs = pendingCharset else { return }
            if separateWords && previousWasLiteral && !previousLiteralEndsInSpace { out += " " }
            let charset = String(decoding: UnsafeBufferPointer(rebasing: p[cs]), as: UTF8.self)
            out += Charset.decode(UnsafeBufferPointer(start: pending.base, count: pending.count), charset: charset).text
            previousWasLiteral = false
            pending.count = 0
            pendingCharset = nil
        }
        func literal(_ r: Range<Int>) {
            flush()
            if separateWords && !previousWasLiteral && !out.isEmpty && !Bytes.isWhitespace(p[r.lowerBound]) {
                out += " "
            }
            out += Bytes.headerString(UnsafeBufferPointer(rebasing: p[r]))
            previousWasLiteral = true
            previousLiteralEndsInSpace = Bytes.isWhitespace(p[r.upperBound - 1])
        }

        var i = range.lowerBound
        var literalStart = i
        var terminator = -1  // cached index of the next "?=", so unterminated words cost linear time
        while i + 1 < range.upperBound {
            guard p[i] == 0x3D && p[i + 1] == 0x3F, let word = parseWord(p, i, range.upperBound, &terminator) else {
                i += 1
                continue
            }
            if literalStart < i {
                // Whitespace alone between two encoded words is dropped.
                let lit = literalStart..<i
                if !(pendingCharset != nil && lit.allSatisfy { Bytes.isWhitespace(p[$0]) }) { literal(lit) }
            }
            // Words in the same charset join before conversion: a character split across two survives.
            if let cs = pendingCharset, same(p, cs, word.charset) {
            } else {
                flush()
                pendingCharset = word.charset
            }
            let text = UnsafeBufferPointer(rebasing: p[word.text])
            pending.reserve(text.count + 8)
            let dst = pending.base + pending.count
            if word.isBase64 {
                // Whitespace from folding inside a word is skipped like any other non-alphabet byte.
                var state = TransferDecoding.Base64State()
                let n = TransferDecoding.base64Chunk(text, &state, into: dst)
                pending.count += n + TransferDecoding.base64Finish(&state, into: dst + n)
            } else {
                pending.count += TransferDecoding.qEncoding(text, into: dst)
            }
            i = word.next
            literalStart = i
        }
        if literalStart < range.upperBound { literal(literalStart..<range.upperBound) }
        flush()
        return out
    }

    private static func same(_ p: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count where p[a.lowerBound + k] != p[b.lowerBound + k] { return false }
        return true
    }

    /// Parses `=?charset[*lang]?enc?text?=` at `i`.
    private static func parseWord(
        _ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ terminator: inout Int
    )
        -> Word?
    {
        var j = i + 2
        let csStart = j
        while j < end && p[j] != 0x3F {
            if Bytes.isWhitespace(p[j]) || j - csStart > 64 { return nil }
            j += 1
        }
        guard j + 2 < end, j > csStart, p[j + 2] == 0x3F else { return nil }
        var csEnd = j
        if let star = (csStart..<j).first(where: { p[$0] == 0x2A }) { csEnd = star }  // RFC 2231 language
        let enc = Bytes.lower(p[j + 1])
        guard enc == 0x62 || enc == 0x71 else { return nil }
        let textStart = j + 3
        if terminator < textStart {
            var k = textStart
            while k + 1 < end && !(p[k] == 0x3F && p[k + 1] == 0x3D) { k += 1 }
            terminator = k + 1 < end ? k : end
        }
        let k = terminator
        guard k + 1 < end, k - textStart <= 4096 else { return nil }
        return Word(charset: csStart..<csEnd, isBase64: enc == 0x62, text: textStart..<k, next: k + 2)
    }
}
