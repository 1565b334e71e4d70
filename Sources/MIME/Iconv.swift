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

    static func convert(_ p: UnsafeBufferPointer<UInt8>, from charset: String) -> String? {
        guard let handle = take(charset) else { return nil }
        defer { give(handle, charset) }
        let cd = handle.cd
        guard let base = p.baseAddress, !p.isEmpty else { return "" }
        var out = [UInt8](repeating: 0, count: p.count * 3 + 16)
        var produced = 0
        var inPtr = UnsafeMutablePointer(mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
        var inLeft = p.count
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        while inLeft > 0 {
            if out.count - produced < 16 { out.append(contentsOf: repeatElement(0, count: out.count)) }
            let before = produced
            var outLeft = out.count - produced
            let r = out.withUnsafeMutableBufferPointer { ob -> Int in
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(ob.baseAddress! + produced)
                    .assumingMemoryBound(to: CChar.self)
                var ip: UnsafeMutablePointer<CChar>? = inPtr
                let r = iconv(cd, &ip, &inLeft, &outPtr, &outLeft)
                inPtr = ip!
                return r
            }
            produced = out.count - outLeft
            if r == -1 {
                let e = errno
                if e == E2BIG {
                    out.append(contentsOf: repeatElement(0, count: out.count))
                } else if e == EILSEQ || e == EINVAL {
                    // Skip one undecodable byte and mark it.
                    if out.count - produced < 3 { out.append(contentsOf: repeatElement(0, count: out.count)) }
                    for b in replacement {
                        out[produced] = b
                        produced += 1
                    }
                    inPtr += 1
                    inLeft -= 1
                } else {
                    return nil
                }
            } else if produced == before && inLeft > 0 {
                return nil
            }
        }
        // Flush shift state (ISO-2022-JP).
        out.removeSubrange(produced...)
        return String(decoding: out, as: UTF8.self)
    }
}
