// Small byte-level helpers shared by the MIME parsers. Everything works on ASCII bytes with index cursors.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@usableFromInline let asciiLF: UInt8 = 0x0A
@usableFromInline let asciiCR: UInt8 = 0x0D
@usableFromInline let asciiSpace: UInt8 = 0x20
@usableFromInline let asciiTab: UInt8 = 0x09

enum Bytes {
    @inline(__always) static func isWhitespace(_ c: UInt8) -> Bool {
        c == asciiSpace || c == asciiTab || c == asciiCR || c == asciiLF
    }

    static func isAlnumOrDash(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 {
        (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c
    }

    /// Index of the next LF at or after `from`, or `end` when there is none (memchr: the hot loop of the parser).
    @inline(__always) static func lineEnd(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        guard from < end, let base = p.baseAddress else { return end }
        guard let hit = memchr(base + from, Int32(asciiLF), end - from) else { return end }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Case-insensitive comparison of an ASCII byte range with a lowercase ASCII string.
    static func equalsLowercase(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ lowercase: String) -> Bool {
        var i = range.lowerBound
        for c in lowercase.utf8 {
            guard i < range.upperBound, lower(p[i]) == c else { return false }
            i += 1
        }
        return i == range.upperBound
    }

    static func trimmed(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi && isWhitespace(p[lo]) { lo += 1 }
        while hi > lo && isWhitespace(p[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// The bytes of `range` with ASCII letters lowercased, as a String (short ones stay inline: no
    /// allocation).
    static func lowercasedString(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        if range.isEmpty { return "" }
        return String(unsafeUninitializedCapacity: range.count) { out in
            var o = 0
            for i in range {
                out[o] = lower(p[i])
                o += 1
            }
            return o
        }
    }

    static func lowercasedASCII(_ bytes: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount)
        for c in bytes { out.append(lower(c)) }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when every byte is ASCII (fast word-at-a-time check).
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let n = p.count
        var i = 0
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// CRLF and lone CR to LF.
    static func crlfToLF(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: p.count) { out, count in
            guard let src = p.baseAddress, let dst = out.baseAddress else {
                count = 0
                return
            }
            count = crlfToLF(src, p.count, into: dst)
        }
    }

    /// CRLF and lone CR to LF from `src` into `dst` (room for `n` bytes; `dst` may equal `src`). Returns
    /// the bytes written. Lines are short, and a memchr call per line costs more than it saves: words
    /// without a CR are copied whole, and a word with one is cut at its first CR.
    static func crlfToLF(_ src: UnsafePointer<UInt8>, _ n: Int, into dst: UnsafeMutablePointer<UInt8>) -> Int {
        let raw = UnsafeRawPointer(src)
        let rawDst = UnsafeMutableRawPointer(dst)
        let carriageReturns: UInt64 = 0x0101_0101_0101_0101 &* UInt64(asciiCR)
        let carriageReturns32 = SIMD32<UInt8>(repeating: asciiCR)
        var o = 0
        var i = 0
        while i < n {
            // 32 bytes without a CR (half of all chunks, at mail line lengths): one copy.
            if i + 32 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
                if !TransferDecoding.anyLane(v .== carriageReturns32) {
                    rawDst.storeBytes(of: v, toByteOffset: o, as: SIMD32<UInt8>.self)
                    i += 32
                    o += 32
                    continue
                }
            }
            if i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let m = TransferDecoding.matches(w, carriageReturns)
                if m == 0 {
                    // Safe in place too: o <= i, and everything before i + 8 has been read.
                    rawDst.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
                    i += 8
                    o += 8
                    continue
                }
                let k = m.trailingZeroBitCount >> 3
                if UnsafePointer(dst) != src {
                    // Into another buffer: the whole word, then keep the bytes before the CR.
                    rawDst.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
                    o += k
                    i += k
                } else {
                    // In place, only the bytes before the CR: a whole word could overwrite unread input.
                    for _ in 0..<k {
                        dst[o] = src[i]
                        o += 1
                        i += 1
                    }
                }
            } else if src[i] != asciiCR {
                dst[o] = src[i]
                o += 1
                i += 1
                continue
            }
            // src[i] is a CR.
            dst[o] = asciiLF
            o += 1
            i += (i + 1 < n && src[i + 1] == asciiLF) ? 2 : 1
        }
        return o
    }

    /// Removes CR and LF (RFC 5322 unfolding) from a header value.
    static func unfolded(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(range.count)
        for i in range {
            let c = p[i]
            if c != asciiCR && c != asciiLF { out.append(c) }
        }
        return out
    }

    /// Decodes header bytes: UTF-8 when valid (RFC 6532), else Windows-1252 (the usual raw 8-bit legacy).
    static func headerString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        UTF8Text.validString(bytes) ?? Charset.decodeWindows1252(bytes)
    }

    static func headerString(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { headerString($0) }
    }
}
