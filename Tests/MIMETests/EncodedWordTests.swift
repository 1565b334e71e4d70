import Testing

@testable import MIME

/// RFC 2047 encoded words in unstructured headers.
struct EncodedWordTests {
    @Test(arguments: [
        ("=?utf-8?q?caf=C3=A9?=", "café"),
        ("=?UTF-8?B?Y2Fmw6k=?=", "café"),
        ("=?iso-8859-1?q?caf=E9?=", "café"),
        ("=?utf-8?q?hello_world?=", "hello world"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?=\t  =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c"),
        // A multi-byte character split across two words (é = C3 A9).
        ("=?utf-8?q?caf=C3?= =?utf-8?q?=A9?=", "café"),
        ("=?utf-8?b?w6k=?= =?utf-8?b?w6k=?=", "éé"),
        // RFC 2231 language suffix.
        ("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"),
        // Malformed words stay literal.
        ("=?utf-8?x?nope?=", "=?utf-8?x?nope?="),
        ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
        ("a =? b", "a =? b"),
        ("=??q?empty charset?=", "=??q?empty charset?="),
        // Unknown charset: decoded leniently, never dropped.
        ("=?x-unknown?q?caf=C3=A9?=", "café"),
        ("=?koi8-r?b?8NLJ18XU?=", "Привет"),
        ("=?iso-2022-jp?b?GyRCJDMkcyRLJEEkTxsoQg==?=", "こんにちは"),
    ])
    func decodes(_ input: String, _ expected: String) {
        #expect(EncodedWord.decodeUnstructured(Array(input.utf8)) == expected)
    }

    @Test(arguments: [
        ("[SPAM]=?utf-8?q?Hi?=", "[SPAM] Hi"),
        ("=?utf-8?q?Hi?=there", "Hi there"),
        ("plain text", "plain text"),
    ])
    func wordsGluedToTextAreSetOff(_ input: String, _ expected: String) {
        #expect(EncodedWord.decodeUnstructured(Array(input.utf8), separateWords: true) == expected)
    }
}

/// The decoder as it was before it was made one-pass (segments, a copy of each word's text): the
/// reference for the equivalence test below.
enum ReferenceEncodedWord {
    private enum Segment {
        case literal(Range<Int>)
        /// Decoded bytes live in `buffers[index]` so that adjacent words append in place (linear time).
        case encoded(charset: String, index: Int)
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

/// The one-pass decoder gives what the reference gives, on generated headers mixing words in several
/// charsets and encodings, folding whitespace, literals, glued words and broken words.
struct EncodedWordEquivalenceTests {
    @Test func onePassMatchesTheReference() {
        var gen = XorShift(state: 0x1234_5678_9ABC_DEF1)
        let pieces = [
            "=?utf-8?q?caf=C3?=", "=?utf-8?q?=A9_ok?=", "=?UTF-8?B?Y2Fmw6k=?=", "=?utf-8?b?w6k=?=", "=?utf-8?b?w6 k=?=",
            "=?iso-8859-1?q?caf=E9?=", "=?koi8-r?b?8NLJ18XU?=", "=?x-unknown?q?caf=C3=A9?=", "=?US-ASCII*EN?Q?Keith?=",
            "=?iso-2022-jp?b?GyRCJDMkcyRLJEEkTxsoQg==?=", "=?utf-8?x?nope?=", "=?utf-8?q?unterminated", "=??q?e?=",
            " ", "  ", "\t", "[SPAM]", "plain", "caf\u{e9}", "=?", "?=", "=", "\"q\"", ",",
        ].map { Array($0.utf8) }
        for _ in 0..<3000 {
            var input = [UInt8]()
            for _ in 0..<(1 + gen.next() % 6) { input += pieces[Int(gen.next() % UInt64(pieces.count))] }
            for separate in [false, true] {
                let fast = input.withUnsafeBufferPointer {
                    EncodedWord.decode($0, 0..<$0.count, separateWords: separate)
                }
                let reference = input.withUnsafeBufferPointer {
                    ReferenceEncodedWord.decode($0, 0..<$0.count, separateWords: separate)
                }
                #expect(fast == reference, "\(String(decoding: input, as: UTF8.self)) \(separate)")
            }
        }
    }
}
