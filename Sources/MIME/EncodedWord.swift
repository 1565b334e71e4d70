/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header values.
///
/// Decoding is lenient, as real mail needs: words embedded in other text are decoded, whitespace
/// between adjacent encoded words is dropped (RFC 2047 section 6.2), and the bytes of adjacent words
/// in the same charset are joined before charset conversion so that a multi-byte character split
/// across two words survives. A malformed word is kept as literal text.
enum EncodedWord {
    private enum Segment {
        case literal(Range<Int>)
        /// Decoded bytes live in `buffers[index]` so that adjacent words append in place (linear time).
        case encoded(charset: String, index: Int)
    }

    /// Decodes unfolded header bytes that may contain encoded words (unstructured text, phrases,
    /// parameter values). Text outside the words is UTF-8 (RFC 6532) or, failing that, Windows-1252.
    static func decodeUnstructured(_ bytes: [UInt8], separateWords: Bool = false) -> String {
        bytes.withUnsafeBufferPointer { p in decode(p, 0..<p.count, separateWords: separateWords) }
    }

    /// With `separateWords`, a word glued to text ("[SPAM]=?utf-8?q?Hi?=") is set off by a space, as
    /// RFC 2047 section 5 requires the sender to have done (used for unstructured fields such as Subject).
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, separateWords: Bool = false) -> String {
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
        var buffers = [[UInt8]]()
        var i = range.lowerBound
        var literalStart = i
        var terminator = -1  // cached index of the next "?=", so unterminated words cost linear time
        while i + 1 < range.upperBound {
            if p[i] == 0x3D && p[i + 1] == 0x3F, let (word, next) = parseWord(p, i, range.upperBound, &terminator) {
                if literalStart < i {
                    // Whitespace alone between two encoded words is dropped.
                    let lit = literalStart..<i
                    let onlySpace = lit.allSatisfy { Bytes.isWhitespace(p[$0]) }
                    if !(onlySpace && isEncoded(segments.last)) { segments.append(.literal(lit)) }
                }
                if case .encoded(let cs, let index)? = segments.last, cs == word.charset {
                    buffers[index].append(contentsOf: word.bytes)
                } else {
                    buffers.append(word.bytes)
                    segments.append(.encoded(charset: word.charset, index: buffers.count - 1))
                }
                i = next
                literalStart = i
            } else {
                i += 1
            }
        }
        if literalStart < range.upperBound { segments.append(.literal(literalStart..<range.upperBound)) }
        var out = ""
        var previousWasLiteral = false
        var previousLiteralEndsInSpace = true
        for s in segments {
            switch s {
            case .literal(let r):
                if separateWords && !previousWasLiteral && !out.isEmpty && !Bytes.isWhitespace(p[r.lowerBound]) {
                    out += " "
                }
                out += Bytes.headerString(UnsafeBufferPointer(rebasing: p[r]))
                previousWasLiteral = true
                previousLiteralEndsInSpace = Bytes.isWhitespace(p[r.upperBound - 1])
            case .encoded(let cs, let index):
                if separateWords && previousWasLiteral && !previousLiteralEndsInSpace { out += " " }
                out += Charset.decode(buffers[index], charset: cs).text
                previousWasLiteral = false
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
        _ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ terminator: inout Int
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
        if terminator < textStart {
            var k = textStart
            while k + 1 < end && !(p[k] == 0x3F && p[k + 1] == 0x3D) { k += 1 }
            terminator = k + 1 < end ? k : end
        }
        let k = terminator
        guard k + 1 < end, k - textStart <= 4096 else { return nil }
        // Some senders fold inside a word: the whitespace is not part of the encoded text.
        var textBytes = Array(p[textStart..<k])
        if enc == 0x62 && textBytes.contains(where: { $0 == asciiSpace || $0 == asciiTab }) {
            textBytes.removeAll { $0 == asciiSpace || $0 == asciiTab }
        }
        let charset = String(decoding: UnsafeBufferPointer(rebasing: p[csStart..<csEnd]), as: UTF8.self)
        let bytes: [UInt8]
        if enc == 0x62 {
            bytes = textBytes.withUnsafeBufferPointer { TransferDecoding.base64($0) }
        } else {
            bytes = textBytes.withUnsafeBufferPointer { TransferDecoding.qEncoding($0) }
        }
        return ((charset, bytes), k + 2)
    }
}
