#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Content-Transfer-Encoding decoders (RFC 2045 section 6) and the RFC 2047 "Q" encoding.
///
/// All are table-driven, lenient (invalid characters skipped, broken escapes kept literally) and write
/// into one preallocated buffer.
enum TransferDecoding {
    /// 0-63 for base64 digits, 64 for '=' padding, 0xFF for everything else (skipped).
    private static let base64Table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = UInt8(i) }
        t[Int(UInt8(ascii: "-"))] = 62  // base64url, seen in the wild
        t[Int(UInt8(ascii: "_"))] = 63
        t[Int(UInt8(ascii: "="))] = 64
        return t
    }()

    /// The base64 table pre-shifted for each position of a quantum (four 256-entry parts), with bit 31
    /// set for anything that is not a digit: one OR of four lookups gives the 24 bits or the signal to
    /// take the careful path.
    private static let base64Shifted: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 1024)
        for k in 0..<4 {
            for c in 0..<256 {
                let v = base64Table[c]
                t[k * 256 + c] = v < 64 ? UInt32(v) << UInt32(18 - 6 * k) : 0x8000_0000
            }
        }
        return t
    }()

    static let hexTable: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "0123456789ABCDEF".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        for (i, c) in "abcdef".utf8.enumerated() { t[Int(c)] = UInt8(10 + i) }
        return t
    }()

    /// The state carried between chunks of one base64 body: the pending bits and how many sextets.
    struct Base64State {
        var acc: UInt32 = 0
        var k = 0
    }

    static func base64(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = p.count
        guard n > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: n / 4 * 3 + 3) { out, count in
            var state = Base64State()
            let o = base64Chunk(p, &state, into: out.baseAddress!)
            count = o + base64Finish(&state, into: out.baseAddress! + o)
        }
    }

    /// Decodes the bytes of one chunk; `dst` must have room for `p.count / 4 * 3 + 3` bytes. Returns the
    /// number written. Whole clean 4-character groups take the fast path; anything else (line ends,
    /// junk, padding in the middle) goes one character at a time.
    static func base64Chunk(
        _ p: UnsafeBufferPointer<UInt8>, _ state: inout Base64State, into dst: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let n = p.count
        guard n > 0, let src = p.baseAddress else { return 0 }
        let capacity = n / 4 * 3 + 3  // what the caller guarantees
        let table = base64Table  // one lazy-global access
        let shifted = base64Shifted
        return table.withUnsafeBufferPointer { table in
            shifted.withUnsafeBufferPointer { t in
                var o = 0
                var i = 0
                var acc = state.acc
                var k = state.k
                while true {
                    while k == 0 {
                        // Two quanta per step while there is room for a whole-word store: their six bytes
                        // go out as one big-endian eight-byte store whose last two bytes lie past what is
                        // written so far (overwritten next, or never returned). A third faster than
                        // three single-byte stores per quantum.
                        while i + 8 <= n && o + 8 <= capacity {
                            let v =
                                t[Int(src[i])] | t[256 + Int(src[i + 1])] | t[512 + Int(src[i + 2])]
                                | t[768 + Int(src[i + 3])]
                            let w =
                                t[Int(src[i + 4])] | t[256 + Int(src[i + 5])] | t[512 + Int(src[i + 6])]
                                | t[768 + Int(src[i + 7])]
                            if (v | w) & 0x8000_0000 != 0 { break }
                            let six = UInt64(v) << 40 | UInt64(w) << 16
                            UnsafeMutableRawPointer(dst + o).storeBytes(of: six.bigEndian, as: UInt64.self)
                            o += 6
                            i += 8
                        }
                        while i + 4 <= n {
                            let v =
                                t[Int(src[i])] | t[256 + Int(src[i + 1])] | t[512 + Int(src[i + 2])]
                                | t[768 + Int(src[i + 3])]
                            if v & 0x8000_0000 != 0 { break }
                            dst[o] = UInt8(truncatingIfNeeded: v >> 16)
                            dst[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                            dst[o + 2] = UInt8(truncatingIfNeeded: v)
                            o += 3
                            i += 4
                        }
                        // Line ends between quanta (every 76 characters in mail) are skipped here, as the
                        // careful path would skip them, without leaving the fast path.
                        guard i < n, src[i] == asciiCR || src[i] == asciiLF else { break }
                        i += 1
                    }
                    guard i < n else { break }
                    // Slow path until a quantum completes, then back to the fast path.
                    while i < n {
                        let v = table[Int(src[i])]
                        i += 1
                        if v < 64 {
                            acc = acc << 6 | UInt32(v)
                            k += 1
                            if k == 4 {
                                dst[o] = UInt8(truncatingIfNeeded: acc >> 16)
                                dst[o + 1] = UInt8(truncatingIfNeeded: acc >> 8)
                                dst[o + 2] = UInt8(truncatingIfNeeded: acc)
                                o += 3
                                k = 0
                                acc = 0
                                break
                            }
                        } else if v == 64 {
                            // Padding ends a quantum; concatenated base64 blocks continue after it.
                            var pending = Base64State(acc: acc, k: k)
                            o += base64Finish(&pending, into: dst + o)
                            k = 0
                            acc = 0
                        }
                    }
                }
                state = Base64State(acc: acc, k: k)
                return o
            }
        }
    }

    /// Writes the bytes of a final partial quantum (2 or 3 sextets); returns how many.
    static func base64Finish(_ state: inout Base64State, into dst: UnsafeMutablePointer<UInt8>) -> Int {
        defer { state = Base64State() }
        switch state.k {
        case 2:
            dst[0] = UInt8(truncatingIfNeeded: state.acc >> 4)
            return 1
        case 3:
            dst[0] = UInt8(truncatingIfNeeded: state.acc >> 10)
            dst[1] = UInt8(truncatingIfNeeded: state.acc >> 2)
            return 2
        default:
            return 0
        }
    }

    /// Decodes a base64 body a chunk at a time into a fixed scratch buffer, calling `body` with each
    /// decoded chunk: memory stays bounded however large the attachment is.
    static func base64Chunks(
        _ p: UnsafeBufferPointer<UInt8>, chunk: Int = 1 << 18, _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        guard let src = p.baseAddress else { return }
        // A small attachment gets a small buffer (a 196 KB one per image would come from mmap).
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: min(chunk, p.count) / 4 * 3 + 6)
        defer { scratch.deallocate() }
        var state = Base64State()
        var i = 0
        while i < p.count {
            let len = min(chunk, p.count - i)
            let o = base64Chunk(UnsafeBufferPointer(start: src + i, count: len), &state, into: scratch)
            body(UnsafeBufferPointer(start: scratch, count: o))
            i += len
        }
        let o = base64Finish(&state, into: scratch)
        body(UnsafeBufferPointer(start: scratch, count: o))
    }

    static func base64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.withUnsafeBufferPointer { base64($0) }
    }

    /// Quoted-printable (RFC 2045 section 6.7): `=XX` escapes, soft line breaks (`=` at the end of a
    /// line, with trailing whitespace tolerated), trailing whitespace on lines removed (rule 3), and
    /// broken escapes kept literally. See TransferDecoding+QuotedPrintable.swift.
    static func quotedPrintable(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        quotedPrintable(p, lineFeedsOnly: false).bytes
    }

    /// RFC 2047 section 4.2 "Q": quoted-printable with '_' for space and no line structure.
    static func qEncoding(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: p.count) { out, count in
            count = out.baseAddress.map { qEncoding(p, into: $0) } ?? 0
        }
    }

    /// Decodes into `dst`, which has room for `p.count` bytes; returns the number written.
    static func qEncoding(_ p: UnsafeBufferPointer<UInt8>, into dst: UnsafeMutablePointer<UInt8>) -> Int {
        hexTable.withUnsafeBufferPointer { hex in
            var o = 0
            var i = 0
            let n = p.count
            while i < n {
                let c = p[i]
                if c == 0x5F {
                    dst[o] = asciiSpace
                } else if c == 0x3D && i + 2 < n && hex[Int(p[i + 1])] != 0xFF && hex[Int(p[i + 2])] != 0xFF {
                    dst[o] = hex[Int(p[i + 1])] << 4 | hex[Int(p[i + 2])]
                    i += 2
                } else {
                    dst[o] = c
                }
                o += 1
                i += 1
            }
            return o
        }
    }

    /// The file name on the `begin MODE NAME` line of a uuencoded body, without decoding the rest.
    static func uuencodedFilename(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        while i < p.count {
            let e = Bytes.lineEnd(p, i, p.count)
            if e - i >= 6 && Bytes.equalsLowercase(p, i..<(i + 6), "begin ") {
                let rest = Array(p[(i + 6)..<e])
                guard let sp = rest.firstIndex(of: asciiSpace) else { return nil }
                let name = String(decoding: rest[(sp + 1)...], as: UTF8.self).trimmingWhitespace()
                return name.isEmpty ? nil : name
            }
            i = e + 1
        }
        return nil
    }

    /// x-uuencode: an optional `begin MODE NAME` line, then lines whose first character gives the
    /// byte count, until `end`. Returns the bytes and the file name from the begin line.
    static func uudecode(_ p: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], filename: String?) {
        var out = [UInt8]()
        out.reserveCapacity(p.count * 3 / 4)
        var filename: String?
        var i = 0
        let n = p.count
        var begun = false
        while i < n {
            var e = Bytes.lineEnd(p, i, n)
            let next = e + 1
            if e > i && p[e - 1] == asciiCR { e -= 1 }
            let line = i..<e
            i = next
            if !begun {
                if line.count >= 6 && Bytes.equalsLowercase(p, line.lowerBound..<(line.lowerBound + 6), "begin ") {
                    begun = true
                    // begin 644 name
                    let rest = Array(p[(line.lowerBound + 6)..<e])
                    if let sp = rest.firstIndex(of: asciiSpace) {
                        let name = String(decoding: rest[(sp + 1)...], as: UTF8.self)
                        let t = name.trimmingWhitespace()
                        if !t.isEmpty { filename = t }
                    }
                }
                continue
            }
            if line.isEmpty { continue }
            if line.count >= 3 && Bytes.equalsLowercase(p, line.lowerBound..<(line.lowerBound + 3), "end") { break }
            let len = Int((p[line.lowerBound] &- 0x20) & 0x3F)
            if len == 0 { continue }
            var j = line.lowerBound + 1
            var produced = 0
            while produced < len {
                var v: UInt32 = 0
                for k in 0..<4 {
                    let c: UInt8 = j + k < e ? p[j + k] : 0x20
                    v = v << 6 | UInt32((c &- 0x20) & 0x3F)
                }
                for shift in [16, 8, 0] where produced < len {
                    out.append(UInt8(truncatingIfNeeded: v >> UInt32(shift)))
                    produced += 1
                }
                j += 4
            }
        }
        return (out, filename)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        // Fast path: visible ASCII at both ends means there is nothing to trim.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        let scalars = unicodeScalars
        var lo = scalars.startIndex
        var hi = scalars.endIndex
        while lo < hi, scalars[lo].properties.isWhitespace { lo = scalars.index(after: lo) }
        while hi > lo, scalars[scalars.index(before: hi)].properties.isWhitespace { hi = scalars.index(before: hi) }
        return String(scalars[lo..<hi])
    }
}
