/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values.
///
/// Decoding is lenient, as real mail needs: words embedded in other text are decoded, whitespace
/// between adjacent encoded words is dropped (RFC 2047 section 6.2), and the bytes of adjacent words
/// in the same charset are joined before charset conversion so that a multi-byte character split
/// across two words survives. A malformed word is kept as literal text.
enum EncodedWord {
    private enum Segment {
        case literal(Range<Int>)
        case encoded(charset: String, bytes: [UInt8])
    }

    /// Decodes unfolded header bytes that may contain encoded words (unstructured text, phrases,
    /// parameter values). Text outside the words is UTF-8 (RFC 6532) or, failing that, Windows-1252.
    static func decodeUnstructured(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { p in decode(p, 0..<p.count) }
    }

    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        // Fast path: no "=?" at all.
        var hasWord = false
        var k = range.lowerBound
        while k + 1 < range.upperBound {
            if p[k] == 0x3D && p[k + 1] == 0x3F {
                hasWord = true
                break
            }
            k += 1
        }
        if !hasWord { return Bytes.headerString(UnsafeBufferPointer(rebasing: p[range])) }

        var segments = [Segment]()
        var i = range.lowerBound
        var literalStart = i
        while i + 1 < range.upperBound {
            if p[i] == 0x3D && p[i + 1] == 0x3F, let (word, next) = parseWord(p, i, range.upperBound) {
                if literalStart < i {
                    // Whitespace alone between two encoded words is dropped.
                    let lit = literalStart..<i
                    let onlySpace = lit.allSatisfy { Bytes.isWhitespace(p[$0]) }
                    if !(onlySpace && isEncoded(segments.last)) { segments.append(.literal(lit)) }
                }
                if case .encoded(let cs, let prior)? = segments.last, cs == word.charset {
                    segments[segments.count - 1] = .encoded(charset: cs, bytes: prior + word.bytes)
                } else {
                    segments.append(.encoded(charset: word.charset, bytes: word.bytes))
                }
                i = next
                literalStart = i
            } else {
                i += 1
            }
        }
        if literalStart < range.upperBound { segments.append(.literal(literalStart..<range.upperBound)) }
        var out = ""
        for s in segments {
            switch s {
            case .literal(let r): out += Bytes.headerString(UnsafeBufferPointer(rebasing: p[r]))
            case .encoded(let cs, let bytes): out += Charset.decode(bytes, charset: cs).text
            }
        }
        return out
    }

    private static func isEncoded(_ s: Segment?) -> Bool {
        if case .encoded? = s { return true }
        return false
    }

    /// Parses `=?charset[*lang]?enc?text?=` at `i`; returns the decoded bytes and the index after `?=`.
    private static func parseWord(
        _ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int
    )
        -> ((charset: String, bytes: [UInt8]), Int)?
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
        var k = textStart
        while k + 1 < end {
            if p[k] == 0x3F && p[k + 1] == 0x3D { break }
            // Encoded text never spans a fold; stop at whitespace followed by another word start.
            if (p[k] == asciiSpace || p[k] == asciiTab) && enc == 0x62 { return nil }
            k += 1
        }
        guard k + 1 < end else { return nil }
        let text = UnsafeBufferPointer(rebasing: p[textStart..<k])
        let charset = String(decoding: UnsafeBufferPointer(rebasing: p[csStart..<csEnd]), as: UTF8.self)
        let bytes: [UInt8]
        if enc == 0x62 {
            bytes = TransferDecoding.base64(text)
        } else {
            bytes = TransferDecoding.qEncoding(text)
        }
        return ((charset, bytes), k + 2)
    }
}
