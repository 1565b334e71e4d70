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

    /// How much of a body can skip iconv (see `convertSkippingASCII` and `convertBetweenEscapes`).
    enum Mode {
        case whole, asciiRuns, betweenEscapes
    }

    /// One charset iconv knows: its idle converters and its mode, found once when it is first opened.
    private struct Entry {
        var idle: [Handle]
        let mode: Mode
    }

    /// One lock and one lookup per conversion: the converter and everything known about the charset.
    private static let pool = Mutex<[String: Entry]>([:])
    private static let maxPooledPerCharset = 4

    /// Charset names iconv does not know, so that they are not looked up again (bounded).
    private static let unknown = Mutex<Set<String>>([])

    private static func take(_ charset: String) -> (Handle, Mode)? {
        let pooled = pool.withLock { p -> (Handle?, Mode)? in
            guard let mode = p[charset]?.mode else { return nil }
            return (p[charset]?.idle.popLast(), mode)
        }
        if let (handle, mode) = pooled {
            if let handle { return (handle, mode) }
            guard let handle = open(charset) else { return nil }
            return (handle, mode)
        }
        if unknown.withLock({ $0.contains(charset) }) { return nil }
        guard let handle = open(charset) else {
            unknown.withLock { if $0.count < 256 { $0.insert(charset) } }
            return nil
        }
        let mode = probeMode(charset, handle.cd)
        pool.withLock { p in if p[charset] == nil { p[charset] = Entry(idle: [], mode: mode) } }
        return (handle, mode)
    }

    private static func open(_ charset: String) -> Handle? {
        let cd = iconv_open("UTF-8", charset)
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        return Handle(cd: cd)
    }

    private static func give(_ h: Handle, _ charset: String) {
        // Reset the shift state (ISO-2022-JP) before another conversion starts.
        _ = iconv(h.cd, nil, nil, nil, nil)
        let kept = pool.withLock { p -> Bool in
            guard let count = p[charset]?.idle.count, count < maxPooledPerCharset else { return false }
            p[charset]?.idle.append(h)
            return true
        }
        if !kept { iconv_close(h.cd) }
    }

    /// Whether iconv can convert from this charset.
    static func canConvert(from charset: String) -> Bool {
        if pool.withLock({ $0[charset] != nil }) { return true }
        guard let (handle, _) = take(charset) else { return false }
        give(handle, charset)
        return true
    }

    /// Converts to a String; nil when iconv does not know the charset or fails outright. Undecodable
    /// bytes become U+FFFD one byte at a time.
    static func convert(_ p: UnsafeBufferPointer<UInt8>, from charset: String) -> String? {
        guard let (handle, mode) = take(charset) else { return nil }
        defer { give(handle, charset) }
        guard !p.isEmpty else { return "" }
        var out = OutputBuffer(capacity: p.count * 3 + 16)
        defer { out.free() }
        let ok: Bool
        switch mode {
        case .asciiRuns:
            ok = convertSkippingASCII(p, handle.cd, &out)
        case .betweenEscapes where canSkipASCIIBetweenEscapes(p):
            ok = convertBetweenEscapes(p, handle.cd, &out)
        default:
            ok = convert(p, handle.cd, &out, failOnIncomplete: false)
        }
        guard ok else { return nil }
        let converted = UnsafeBufferPointer(start: out.base, count: out.count)
        // From the CJK charsets, iconv writes whole characters of its own tables only (and U+FFFD is
        // written here for what it rejects), so that output needs no second check: checking it was a
        // third of the cost of converting CJK mail. Everything else is checked, since some of iconv's
        // converters (UCS-4, for one) pass on values that are not Unicode scalars.
        if trustedOutputCharsets.contains(charset) { return UTF8Text.string(valid: converted, isASCII: false) }
        return UTF8Text.string(converted)
    }

    /// The charsets whose iconv output is used without a UTF-8 check: table-driven CJK decoders.
    static let trustedOutputCharsets: Set<String> = asciiRunCharsets.union([
        "ISO-2022-JP", "ISO-2022-JP-1", "ISO-2022-JP-2", "ISO-2022-JP-3", "ISO-2022-KR", "ISO-2022-CN",
    ])

    /// The converted bytes, for building tables (`SingleByteCharset`). With `failOnIncomplete`, an
    /// incomplete sequence at the end (a lead byte alone) gives nil rather than U+FFFD.
    static func convertBytes(_ p: UnsafeBufferPointer<UInt8>, from charset: String, failOnIncomplete: Bool) -> [UInt8]?
    {
        guard let (handle, _) = take(charset) else { return nil }
        defer { give(handle, charset) }
        var out = OutputBuffer(capacity: p.count * 3 + 16)
        defer { out.free() }
        guard convert(p, handle.cd, &out, failOnIncomplete: failOnIncomplete) else { return nil }
        return Array(UnsafeBufferPointer(start: out.base, count: out.count))
    }

    /// Multi-byte charsets in which a byte below 0x80 at a character boundary is always that ASCII
    /// character, and two such bytes in a row always start a character (every trail byte that can be
    /// below 0x80 follows a lead byte of 0x80 or more). Checked against iconv too (`probeMode`).
    private static let asciiRunCharsets: Set<String> = [
        "GB18030", "GBK", "CP936", "CP932", "SHIFT_JIS", "SJIS", "EUC-JP", "EUC-KR", "CP949", "UHC",
        "BIG5", "BIG5-HKSCS", "CP950", "EUC-TW",
    ]

    /// The mode for a charset just opened, checked on iconv itself with that converter: the ASCII
    /// bytes must come out as themselves (all of them for the charsets above, all but ESC for ISO-2022-JP).
    private static func probeMode(_ charset: String, _ cd: iconv_t) -> Mode {
        let candidate: Mode
        var ascii = (0..<128).map { UInt8($0) }
        if asciiRunCharsets.contains(charset) {
            candidate = .asciiRuns
        } else if charset.hasPrefix("ISO-2022-JP") {
            candidate = .betweenEscapes
            ascii.removeAll { $0 == 0x1B }
        } else {
            return .whole
        }
        var out = OutputBuffer(capacity: 512)
        defer { out.free() }
        let ok = ascii.withUnsafeBufferPointer { convert($0, cd, &out, failOnIncomplete: true) }
        _ = iconv(cd, nil, nil, nil, nil)
        let same = ok && Array(UnsafeBufferPointer(start: out.base, count: out.count)) == ascii
        return same ? candidate : .whole
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
    /// (checked on iconv in `probeMode`).
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
