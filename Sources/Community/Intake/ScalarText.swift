/// Small text primitives for intake that work on Unicode scalars and UTF-8 bytes, because the
/// Foundation spellings (`trimmingCharacters(in:)`, `range(of:)`) bridge every call to NSString /
/// CFString on Linux, and intake calls them for every line of every message (DESIGN: "Parse
/// bytes, not Strings"). Each helper says which original spelling it replaces exactly, so that
/// intake's behaviour does not depend on which one a file uses.
enum ScalarText {
    /// Membership of `CharacterSet.whitespaces` (space, tab, Unicode Zs, and U+200B as CoreFoundation
    /// defines it), checked against Foundation for every scalar when this was written.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `s.trimmingCharacters(in: .whitespaces)`: scalars, not Characters, are trimmed (so a space
    /// before a combining mark goes, as it does with Foundation).
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isWhitespace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isWhitespace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex, end == scalars.endIndex { return s }
        return String(scalars[start..<end])
    }

    /// True when the line holds only spaces, tabs and no-break spaces (each of those scalars is a
    /// Character by itself, so this is `allSatisfy` over Characters, done on bytes).
    static func isBlank(_ line: String) -> Bool {
        var bytes = line.utf8.makeIterator()
        while let b = bytes.next() {
            if b == 0x20 || b == 0x09 { continue }
            // U+00A0 is C2 A0 in UTF-8.
            guard b == 0xC2, bytes.next() == 0xA0 else { return false }
        }
        return true
    }

    /// ASCII lowercase of one byte; other bytes unchanged.
    @inline(__always) static func lowerASCII(_ b: UInt8) -> UInt8 { b &+ ((b &- 0x41) < 26 ? 0x20 : 0) }

    /// Whether `text` contains one of `words` (lowercase ASCII bytes) ignoring ASCII case, in one
    /// pass. Used as an exact quick rejection before `lowercased()` and a phrase search:
    /// `String.lowercased()` turns no non-ASCII scalar into an ASCII letter except U+212A KELVIN
    /// SIGN ("k") and U+0130 ("i" followed by U+0307), so a phrase word without "k" and not ending
    /// in "i" that is absent here is absent from the lowercased text too.
    static func containsIgnoringASCIICase(_ text: String, anyOf words: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            for i in buffer.indices {
                let b = lowerASCII(buffer[i])
                for word in words where word.first == b && buffer.count - i >= word.count {
                    var k = 1
                    while k < word.count, lowerASCII(buffer[i + k]) == word[k] { k += 1 }
                    if k == word.count { return true }
                }
            }
            return false
        }
    }

    /// The first range of `needle` (lowercase ASCII bytes) in `text`, ignoring ASCII case, as
    /// indices of `text` itself. A search in `text.lowercased()` cannot give that: lowercasing
    /// changes lengths ("İ" grows from 2 bytes to 3, "ẞ" shrinks from 3 to 2), so its indices point
    /// elsewhere in the original or past its end (issue 11). ASCII folding keeps every byte in
    /// place, and a match starts and ends on ASCII bytes, so both bounds are scalar boundaries.
    static func rangeIgnoringASCIICase(of needle: [UInt8], in text: String) -> Range<String.Index>? {
        guard let first = needle.first else { return text.startIndex..<text.startIndex }
        let utf8 = text.utf8
        var start = utf8.startIndex
        while start != utf8.endIndex {
            if lowerASCII(utf8[start]) == first {
                var i = utf8.index(after: start)
                var k = 1
                while k < needle.count, i != utf8.endIndex, lowerASCII(utf8[i]) == needle[k] {
                    i = utf8.index(after: i)
                    k += 1
                }
                if k == needle.count { return start..<i }
            }
            start = utf8.index(after: start)
        }
        return nil
    }

    /// Whether every byte of `text` is ASCII: then `lowercased()` is byte-wise, a Character is a
    /// byte (lines hold no CR LF pair) and `count` is `utf8.count`.
    static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }
}

extension String {
    /// `trimmingCharacters(in: .whitespaces)` without the trip through NSString.
    var trimmedWhitespace: String { ScalarText.trimmed(self) }
}

extension Substring {
    /// `trimmingCharacters(in: .whitespaces)` without the trip through NSString.
    var trimmedWhitespace: String { ScalarText.trimmed(String(self)) }
}
