/// Quoted-printable decoding (RFC 2045 section 6.7) in one forward pass.
///
/// Text bodies are mostly quoted-printable with short lines, so this runs for nearly every message:
/// bytes are copied eight at a time until a word holds '=' or LF, escapes are resolved in place, and
/// each line's end is settled from the source bytes (trailing whitespace dropped, soft break joined).
/// The earlier version called memchr per line and per '=', and on short lines the calls cost more
/// than the copying.
extension TransferDecoding {
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// True when some byte of `w` equals the byte that `pattern` repeats (exact: no false answers).
    @inline(__always) static func hasByte(_ w: UInt64, _ pattern: UInt64) -> Bool {
        matches(w, pattern) != 0
    }

    /// Whether any lane of a 32-byte comparison is true. The standard library's `any(_:)` is a generic
    /// call per use here (not inlined), which cost more than the comparison it was meant to speed up.
    @inline(__always) static func anyLane(_ m: SIMDMask<SIMD32<Int8>>) -> Bool {
        let w = unsafeBitCast(m, to: SIMD4<UInt64>.self)
        return (w[0] | w[1] | w[2] | w[3]) != 0
    }

    /// High bit set in each byte of `w` that equals the byte `pattern` repeats. The lowest set bit is
    /// always a true match (so `trailingZeroBitCount / 8` is the first one, little-endian); bits above
    /// a match may be false and must be checked.
    @inline(__always) static func matches(_ w: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = w ^ pattern
        return (x &- lowBits) & ~x & highBits
    }

    /// With `lineFeedsOnly`, hard line breaks come out as LF (saving a CRLF pass for text bodies);
    /// `droppedCRs` says how many CRs that left out.
    static func quotedPrintable(
        _ p: UnsafeBufferPointer<UInt8>, lineFeedsOnly: Bool
    ) -> (bytes: [UInt8], droppedCRs: Int) {
        guard !p.isEmpty else { return ([], 0) }
        var dropped = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: p.count) { out, count in
            (count, dropped) = quotedPrintable(p, lineFeedsOnly: lineFeedsOnly, into: out.baseAddress!)
        }
        return (bytes, dropped)
    }

    /// Decodes into `dst`, which has room for `p.count` bytes (the output never outgrows the input:
    /// every source byte yields at most one byte). Returns the bytes written and the CRs left out.
    static func quotedPrintable(
        _ p: UnsafeBufferPointer<UInt8>, lineFeedsOnly: Bool, into dst: UnsafeMutablePointer<UInt8>
    ) -> (count: Int, droppedCRs: Int) {
        let n = p.count
        guard n > 0, let src = p.baseAddress else { return (0, 0) }
        var dropped = 0
        let hexTable = self.hexTable  // one lazy-global access
        let count = hexTable.withUnsafeBufferPointer { hex -> Int in
            do {
                let raw = UnsafeRawPointer(src)
                let rawDst = UnsafeMutableRawPointer(dst)
                let equalsSigns = lowBits &* 0x3D
                let lineFeeds = lowBits &* UInt64(asciiLF)
                let equalsSigns32 = SIMD32<UInt8>(repeating: 0x3D)
                let lineFeeds32 = SIMD32<UInt8>(repeating: asciiLF)
                var o = 0
                var i = 0
                var lineStart = 0
                while true {
                    // Bulk copy up to the next '=' or LF: whole words are stored (o <= i, so a store
                    // always fits) and the cursors advance to the first special byte.
                    var found = false
                    // 32 bytes with neither: one copy (common inside long lines).
                    while i + 32 <= n {
                        let v = raw.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
                        if anyLane((v .== equalsSigns32) .| (v .== lineFeeds32)) { break }
                        rawDst.storeBytes(of: v, toByteOffset: o, as: SIMD32<UInt8>.self)
                        i += 32
                        o += 32
                    }
                    while i + 8 <= n {
                        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        rawDst.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
                        let m = matches(w, equalsSigns) | matches(w, lineFeeds)
                        if m != 0 {
                            let k = m.trailingZeroBitCount >> 3
                            i += k
                            o += k
                            found = true
                            break
                        }
                        i += 8
                        o += 8
                    }
                    // The last few bytes, one at a time.
                    while !found && i < n {
                        let c = src[i]
                        if c == 0x3D || c == asciiLF { break }
                        dst[o] = c
                        o += 1
                        i += 1
                    }
                    if i < n && src[i] == 0x3D {
                        // An escape needs two hex digits; hex digits are never whitespace, CR or LF,
                        // so a valid escape always lies inside the line's kept text.
                        if i + 2 < n {
                            let h = hex[Int(src[i + 1])]
                            let l = hex[Int(src[i + 2])]
                            if h != 0xFF && l != 0xFF {
                                dst[o] = h << 4 | l
                                o += 1
                                i += 3
                                // Non-ASCII text is a run of escapes ("=D0=9F=D1=80"): decoded here, not
                                // through the bulk copy once per escape (a third faster on real mail).
                                while i + 2 < n && src[i] == 0x3D {
                                    let h = hex[Int(src[i + 1])]
                                    let l = hex[Int(src[i + 2])]
                                    guard h != 0xFF && l != 0xFF else { break }
                                    dst[o] = h << 4 | l
                                    o += 1
                                    i += 3
                                }
                                continue
                            }
                        }
                        dst[o] = 0x3D  // broken escape: kept as written
                        o += 1
                        i += 1
                        continue
                    }
                    // End of a line (LF at i) or of the input (i == n). The bytes after the kept text
                    // (trailing whitespace, the CR of CRLF, a soft-break '=') were all copied one to one,
                    // so they are taken back off the output.
                    let lf = i
                    let hadCR = lf < n && lf > lineStart && src[lf - 1] == asciiCR
                    var e = hadCR ? lf - 1 : lf
                    while e > lineStart && (src[e - 1] == asciiSpace || src[e - 1] == asciiTab) { e -= 1 }
                    let soft = e > lineStart && src[e - 1] == 0x3D
                    if soft { e -= 1 }
                    o -= lf - e
                    if lf == n { break }
                    if !soft {
                        if hadCR && lineFeedsOnly {
                            dropped += 1
                        } else if hadCR {
                            dst[o] = asciiCR
                            o += 1
                        }
                        dst[o] = asciiLF
                        o += 1
                    }
                    i = lf + 1
                    lineStart = i
                }
                return o
            }
        }
        return (count, dropped)
    }
}
