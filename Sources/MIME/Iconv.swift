import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thin wrapper over glibc iconv converting to UTF-8; invalid input becomes U+FFFD.
///
/// Opening a converter loads a gconv module (dlopen, mmap), which costs far more than converting a
/// message part, and closing the last one unloads it again. Converters are therefore kept in a small
/// pool per charset, reset before reuse, and shared by all threads under a lock.
enum Iconv {
    /// An open iconv descriptor. Only ever used by one thread at a time (taken out of the pool).
    struct Handle: @unchecked Sendable {
        var cd: iconv_t
    }

    private static let pool = Mutex<[String: [Handle]]>([:])
    private static let maxPooledPerCharset = 4

    /// Charset names iconv does not know, so that they are not looked up again (bounded).
    private static let unknown = Mutex<Set<String>>([])

    private static func take(_ charset: String) -> Handle? {
        if let h = pool.withLock({ $0[charset]?.popLast() }) { return h }
        if unknown.withLock({ $0.contains(charset) }) { return nil }
        let cd = iconv_open("UTF-8", charset)
        guard let cd, Int(bitPattern: cd) != -1 else {
            unknown.withLock { if $0.count < 256 { $0.insert(charset) } }
            return nil
        }
        return Handle(cd: cd)
    }

    private static func give(_ h: Handle, _ charset: String) {
        // Reset the shift state (ISO-2022-JP) before another conversion starts.
        _ = iconv(h.cd, nil, nil, nil, nil)
        let kept = pool.withLock { p -> Bool in
            if p[charset, default: []].count < maxPooledPerCharset {
                p[charset, default: []].append(h)
                return true
            }
            return false
        }
        if !kept { iconv_close(h.cd) }
    }

    /// Whether iconv can convert from this charset (the converter goes back to the pool).
    static func canConvert(from charset: String) -> Bool {
        guard let handle = take(charset) else { return false }
        give(handle, charset)
        return true
    }

    /// Converts to a String; nil when iconv does not know the charset or fails outright. Undecodable
    /// bytes become U+FFFD one byte at a time.
    static func convert(_ p: UnsafeBufferPointer<UInt8>, from charset: String) -> String? {
        guard !p.isEmpty else {
            return take(charset).map {
                give($0, charset)
                return ""
            }
        }
        guard let handle = take(charset) else { return nil }
        defer { give(handle, charset) }
        var out = OutputBuffer(capacity: p.count * 3 + 16)
        defer { out.free() }
        let ok: Bool
        if skipsASCII(charset) {
            ok = convertSkippingASCII(p, handle.cd, &out)
        } else if escapesFromASCII(charset) && canSkipASCIIBetweenEscapes(p) {
            ok = convertBetweenEscapes(p, handle.cd, &out)
        } else {
            ok = convert(p, handle.cd, &out, failOnIncomplete: false)
        }
        guard ok else { return nil }
        return UTF8Text.string(UnsafeBufferPointer(start: out.base, count: out.count))
    }

    /// The converted bytes, for building tables (`SingleByteCharset`). With `failOnIncomplete`, an
    /// incomplete sequence at the end (a lead byte alone) gives nil rather than U+FFFD.
    static func convertBytes(_ p: UnsafeBufferPointer<UInt8>, from charset: String, failOnIncomplete: Bool) -> [UInt8]?
    {
        guard let handle = take(charset) else { return nil }
        defer { give(handle, charset) }
        var out = OutputBuffer(capacity: p.count * 3 + 16)
        defer { out.free() }
        guard convert(p, handle.cd, &out, failOnIncomplete: failOnIncomplete) else { return nil }
        return Array(UnsafeBufferPointer(start: out.base, count: out.count))
    }

    /// Multi-byte charsets in which a byte below 0x80 at a character boundary is always that ASCII
    /// character, and two such bytes in a row always start a character (every trail byte that can be
    /// below 0x80 follows a lead byte of 0x80 or more). Checked against iconv too (`asciiIsIdentity`).
    private static let asciiRunCharsets: Set<String> = [
        "GB18030", "GBK", "CP936", "CP932", "SHIFT_JIS", "SJIS", "EUC-JP", "EUC-KR", "CP949", "UHC",
        "BIG5", "BIG5-HKSCS", "CP950", "EUC-TW",
    ]
    private static let asciiIdentity = Mutex<[String: Bool]>([:])

    private static func skipsASCII(_ charset: String) -> Bool {
        guard asciiRunCharsets.contains(charset) else { return false }
        if let known = asciiIdentity.withLock({ $0[charset] }) { return known }
        let ascii = (0..<128).map { UInt8($0) }
        let same = ascii.withUnsafeBufferPointer { convertBytes($0, from: charset, failOnIncomplete: true) } == ascii
        asciiIdentity.withLock { $0[charset] = same }
        return same
    }

    /// Mail in CJK charsets is mostly ASCII (markup, quoting, English): runs of ASCII are copied and only
    /// the stretches holding other bytes go through iconv. A stretch ends before the second of two
    /// bytes below 0x80, which must start a character, so the result is what converting the whole
    /// body gives, invalid bytes included.
    private static func convertSkippingASCII(
        _ p: UnsafeBufferPointer<UInt8>, _ cd: iconv_t, _ out: inout OutputBuffer
    ) -> Bool {
        let n = p.count
        var i = 0
        while i < n {
            let run = i
            while i < n && p[i] < 0x80 { i += 1 }
            out.append(UnsafeBufferPointer(rebasing: p[run..<i]))
            guard i < n else { break }
            var j = i + 1
            while j + 1 < n && !(p[j] < 0x80 && p[j + 1] < 0x80) { j += 1 }
            let end = j + 1 < n ? j + 1 : n
            guard convert(UnsafeBufferPointer(rebasing: p[i..<end]), cd, &out, failOnIncomplete: false) else {
                return false
            }
            i = end
        }
        return true
    }

    /// ISO-2022-JP mail is mostly ASCII as well, in ASCII mode, where every byte but ESC is itself
    /// (checked against iconv, as for the charsets above).
    private static let escapeIdentity = Mutex<[String: Bool]>([:])

    private static func escapesFromASCII(_ charset: String) -> Bool {
        guard charset.hasPrefix("ISO-2022-JP") else { return false }
        if let known = escapeIdentity.withLock({ $0[charset] }) { return known }
        let ascii = (0..<128).filter { $0 != 0x1B }.map { UInt8($0) }
        let same = ascii.withUnsafeBufferPointer { convertBytes($0, from: charset, failOnIncomplete: true) } == ascii
        escapeIdentity.withLock { $0[charset] = same }
        return same
    }

    /// The body holds only 7-bit bytes and no ISO-2022-JP-2 G2 sequences (ESC . and ESC N), whose state
    /// outlives a return to ASCII: then the converter is in ASCII mode at every ESC ( B and where the
    /// body starts, and nothing between an ESC ( B and the next ESC can change its state.
    private static func canSkipASCIIBetweenEscapes(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard Bytes.isASCII(p), let base = p.baseAddress else { return false }
        var i = 0
        while let hit = memchr(base + i, 0x1B, p.count - i) {
            let esc = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if esc + 1 < p.count && (p[esc + 1] == 0x2E || p[esc + 1] == 0x4E) { return false }
            i = esc + 1
        }
        return true
    }

    /// Copies the ASCII between escapes and converts each stretch from an ESC to the end of the next
    /// ESC ( B (back to ASCII) with iconv: the same text as converting the whole body.
    private static func convertBetweenEscapes(
        _ p: UnsafeBufferPointer<UInt8>, _ cd: iconv_t, _ out: inout OutputBuffer
    ) -> Bool {
        guard let base = p.baseAddress else { return true }
        let n = p.count
        var i = 0
        while i < n {
            guard let hit = memchr(base + i, 0x1B, n - i) else {
                out.append(UnsafeBufferPointer(rebasing: p[i..<n]))
                break
            }
            let esc = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            out.append(UnsafeBufferPointer(rebasing: p[i..<esc]))
            var end = n
            var j = esc + 1
            while let next = memchr(base + j, 0x1B, n - j) {
                let k = base.distance(to: next.assumingMemoryBound(to: UInt8.self))
                if k + 2 < n && p[k + 1] == 0x28 && p[k + 2] == 0x42 {
                    end = k + 3
                    break
                }
                j = k + 1
            }
            guard convert(UnsafeBufferPointer(rebasing: p[esc..<end]), cd, &out, failOnIncomplete: false) else {
                return false
            }
            i = end
        }
        return true
    }

    /// Runs iconv over `p`, appending UTF-8 to `out`. False when iconv fails for another reason than the
    /// input (or, with `failOnIncomplete`, when the input ends inside a character).
    private static func convert(
        _ p: UnsafeBufferPointer<UInt8>, _ cd: iconv_t, _ out: inout OutputBuffer, failOnIncomplete: Bool
    ) -> Bool {
        guard let base = p.baseAddress, !p.isEmpty else { return true }
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
            mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
        var inLeft = p.count
        out.reserve(p.count + 16)
        while inLeft > 0 {
            var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.base + out.count)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = out.capacity - out.count
            let before = outLeft
            let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
            out.count += before - outLeft
            if r == -1 {
                let e = errno
                if e == E2BIG {
                    out.reserve(out.capacity)
                } else if e == EILSEQ || e == EINVAL {
                    if e == EINVAL && failOnIncomplete { return false }
                    // Skip one undecodable byte and mark it.
                    out.reserve(3)
                    out.append(0xEF)
                    out.append(0xBF)
                    out.append(0xBD)
                    inPtr! += 1
                    inLeft -= 1
                } else {
                    return false
                }
            } else if before == outLeft && inLeft > 0 {
                return false
            }
        }
        return true
    }
}
