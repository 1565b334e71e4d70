/// Strings from UTF-8 bytes, checked sixteen ASCII bytes at a time.
///
/// Every text body ends up as a String. The standard library's constructors (`String(decoding:as:)`,
/// `String(unsafeUninitializedCapacity:)`) validate the bytes one at a time as soon as the text holds
/// a single non-ASCII byte, and mail text is mostly ASCII with a few accented words: that check was
/// the largest single cost of parsing a small message. Here runs of ASCII are skipped a 16-byte block
/// at a time, multi-byte sequences are checked exactly (RFC 3629: no overlongs, surrogates or values
/// past U+10FFFF), and valid bytes are copied into the String as they are (`UTF8Span(unchecked:)`),
/// about four times faster. Invalid bytes are repaired by the standard library, so the text is always
/// what `String(decoding:as:)` gives.
enum UTF8Text {
    enum Validity: Equatable {
        case ascii, valid, invalid
    }

    static func validity(_ p: UnsafeBufferPointer<UInt8>) -> Validity {
        guard let base = p.baseAddress else { return .ascii }
        let n = p.count
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        var ascii = true
        var i = 0
        while i < n {
            // Long ASCII runs (most of any mail text) 32 bytes per step.
            while i + 32 <= n {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                let c = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                let d = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if (a | b | c | d) & high != 0 { break }
                i += 32
            }
            if i == n { break }
            if i + 16 <= n {
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                if (a | b) & high == 0 {
                    i += 16
                    continue
                }
                // Straight to the first non-ASCII byte (little-endian: the lowest set bit).
                let m = a & high
                i += m != 0 ? m.trailingZeroBitCount >> 3 : 8 + (b & high).trailingZeroBitCount >> 3
            } else if base[i] < 0x80 {
                i += 1
                continue
            }
            let c = base[i]
            ascii = false
            // The common sequences first: two bytes (Latin, Cyrillic) and three (CJK, punctuation)
            // outside the lead bytes with narrower second-byte ranges.
            if c >= 0xC2 && c <= 0xDF && i + 1 < n && base[i + 1] & 0xC0 == 0x80 {
                i += 2
                continue
            }
            if c >= 0xE1 && c <= 0xEF && c != 0xED && i + 2 < n && base[i + 1] & 0xC0 == 0x80
                && base[i + 2] & 0xC0 == 0x80
            {
                i += 3
                continue
            }
            var need = 0
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED:
                need = 2
                hi = 0x9F
            case 0xF0:
                need = 3
                lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                hi = 0x8F
            default: return .invalid
            }
            guard i + need < n else { return .invalid }
            let b1 = base[i + 1]
            guard b1 >= lo && b1 <= hi else { return .invalid }
            var k = 2
            while k <= need {
                guard base[i + k] & 0xC0 == 0x80 else { return .invalid }
                k += 1
            }
            i += need + 1
        }
        return ascii ? .ascii : .valid
    }

    /// The bytes as text; invalid sequences become U+FFFD exactly as `String(decoding:as:)` makes them.
    static func string(_ p: UnsafeBufferPointer<UInt8>) -> String {
        switch validity(p) {
        case .ascii: return string(valid: p, isASCII: true)
        case .valid: return string(valid: p, isASCII: false)
        case .invalid: return String(decoding: p, as: UTF8.self)
        }
    }

    /// Text when the bytes are valid UTF-8, else nil (as `String(validating:as:)`).
    static func validString(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        switch validity(p) {
        case .ascii: return string(valid: p, isASCII: true)
        case .valid: return string(valid: p, isASCII: false)
        case .invalid: return nil
        }
    }

    /// Bytes already known to be valid UTF-8: checked above, or written by this module from valid
    /// pieces (charset tables, Windows-1252). Copied in without another check.
    static func string(valid p: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        assert(validity(p) != .invalid, "UTF8Text.string(valid:) given invalid UTF-8")
        guard !p.isEmpty else { return "" }
        return unsafe String(copying: UTF8Span(unchecked: p.span, isKnownASCII: isASCII))
    }
}
