#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// RFC 3676 format=flowed: joins soft-broken lines (those ending in a space) into paragraphs, undoes
/// space-stuffing, honours DelSp=yes, and never joins across quote depths or the "-- " signature line.
///
/// One pass over the UTF-8 bytes, each line copied once into the output. It gives exactly what the
/// earlier `String` version gave (kept in the tests as the reference): that version compared
/// `Character`s, so a ">" or a stuffing space followed by a combining mark was not a ">" or a space to
/// it, nor a trailing space after a prepended mark. The byte version asks the same question of the
/// standard library in those (non-ASCII) cases only.
enum FormatFlowed {
    static func unflow(_ text: String, delSp: Bool) -> String {
        var text = text
        text.makeContiguousUTF8()  // native strings already are: no copy
        return text.utf8.withContiguousStorageIfAvailable { unflow($0, delSp: delSp) } ?? ""
    }

    /// `p` must be valid UTF-8 (text decoded by this module). Line ends may be LF, CRLF or a lone CR.
    static func unflow(_ p: UnsafeBufferPointer<UInt8>, delSp: Bool) -> String {
        guard let src = p.baseAddress, !p.isEmpty else { return "" }
        let n = p.count
        // A line grows by at most one byte (">x" gives "> x") and is then at least two bytes long with
        // its line end; the last line, without one, by at most two (">" gives "> \n").
        let capacity = n + n / 2 + 4
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { out.deallocate() }
        var o = 0
        var paragraphDepth = -1
        var open = false
        // Body text reaches here with LF line ends (bodyText makes them so): then lines are found with memchr.
        let hasCR = memchr(src, Int32(asciiCR), n) != nil
        var start = 0
        while start < n {
            // The line is [start, end); the next one starts after its CR, LF or CRLF.
            var end = start
            if hasCR {
                while end < n && src[end] != asciiLF && src[end] != asciiCR { end += 1 }
            } else {
                end =
                    memchr(src + start, Int32(asciiLF), n - start).map { $0 - UnsafeMutableRawPointer(mutating: src) }
                    ?? n
            }
            var next = end + 1
            if end < n && src[end] == asciiCR && next < n && src[next] == asciiLF { next += 1 }

            var i = start
            var depth = 0
            while i < end && src[i] == UInt8(ascii: ">") && startsCharacter(src, i, end) {
                depth += 1
                i += 1
            }
            // Space-stuffing (section 4.4).
            if i < end && src[i] == asciiSpace && startsCharacter(src, i, end) { i += 1 }
            if open && depth != paragraphDepth {
                out[o] = asciiLF
                o += 1
                paragraphDepth = -1
                open = false
            }
            let isSignature =
                end - i == 3 && src[i] == UInt8(ascii: "-") && src[i + 1] == UInt8(ascii: "-")
                && src[i + 2] == asciiSpace
            let flowed = !isSignature && end > i && src[end - 1] == asciiSpace && endsCharacter(src, end - 1, i)
            if isSignature && open {
                out[o] = asciiLF
                o += 1
                paragraphDepth = -1
                open = false
            }
            if paragraphDepth < 0 {
                paragraphDepth = depth
                if depth > 0 {
                    (out + o).initialize(repeating: UInt8(ascii: ">"), count: depth)
                    o += depth
                    out[o] = asciiSpace
                    o += 1
                }
            }
            let copied = flowed && delSp ? end - 1 - i : end - i
            if copied > 0 {
                (out + o).initialize(from: src + i, count: copied)
                o += copied
            }
            if flowed {
                open = true
            } else {
                out[o] = asciiLF
                o += 1
                paragraphDepth = -1
                open = false
            }
            start = next
        }
        if open {
            out[o] = asciiLF
            o += 1
        }
        // Valid: pieces of valid UTF-8 cut at ASCII bytes, and ASCII bytes added; only ASCII bytes are
        // left out, so the text is ASCII exactly when the input was.
        return UTF8Text.string(valid: UnsafeBufferPointer(start: out, count: o), isASCII: Bytes.isASCII(p))
    }

    /// Whether the ASCII byte at `i` is a whole `Character` on its own, not the start of a cluster
    /// with a combining mark (or another extending scalar) after it. Only non-ASCII can extend it.
    @inline(__always)
    private static func startsCharacter(_ src: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        i + 1 >= end || src[i + 1] < 0x80 || isBoundary(src, i, i + 1, end)
    }

    /// Whether the ASCII byte at `i` is a whole `Character` on its own at the end of a line starting at
    /// `lineStart`: not the end of a cluster begun by a prepended mark.
    @inline(__always)
    private static func endsCharacter(_ src: UnsafePointer<UInt8>, _ i: Int, _ lineStart: Int) -> Bool {
        guard i > lineStart, src[i - 1] >= 0x80 else { return true }
        var k = i - 1
        while k > lineStart && src[k] & 0xC0 == 0x80 { k -= 1 }
        return isBoundary(src, k, i, i + 1)
    }

    /// Whether the standard library puts a grapheme boundary at `middle` in the two scalars
    /// [first, middle) [middle, …): two `Character`s or one. Rare: only for non-ASCII neighbours.
    private static func isBoundary(_ src: UnsafePointer<UInt8>, _ first: Int, _ middle: Int, _ end: Int) -> Bool {
        var last = middle + 1
        while last < end && src[last] & 0xC0 == 0x80 { last += 1 }
        let pair = String(decoding: UnsafeBufferPointer(start: src + first, count: last - first), as: UTF8.self)
        return pair.count == 2
    }
}
