// Character references (HTML5 section 13.5): &name;, &#decimal;, &#xhex;.

extension HTMLTextScanner {
    /// Decodes the character reference starting at `start` (which holds "&"). Returns the scalar value
    /// and the index after the reference, or nil when the bytes are not a reference (the "&" is literal).
    ///
    /// In text a known name without ";" still counts ("&copy 2024", as browsers do); inside attribute
    /// values it needs ";" unless followed by something that cannot continue a URL parameter name, so that
    /// `?a=1&copy=2` keeps its meaning.
    static func reference(in b: UnsafeBufferPointer<UInt8>, at start: Int, inAttribute: Bool) -> (UInt32, Int)? {
        var j = start + 1
        guard j < b.count else { return nil }
        if b[j] == UInt8(ascii: "#") {
            j += 1
            var hex = false
            if j < b.count, b[j] | 0x20 == UInt8(ascii: "x") {
                hex = true
                j += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while j < b.count {
                let c = b[j]
                let d: UInt32
                if c >= 0x30, c <= 0x39 {
                    d = UInt32(c - 0x30)
                } else if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 {
                    d = UInt32((c | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                // Saturate above the Unicode range so that long digit runs cannot overflow.
                value = min(value * (hex ? 16 : 10) + d, 0x11_0000)
                digits += 1
                j += 1
            }
            guard digits > 0 else { return nil }
            if j < b.count, b[j] == UInt8(ascii: ";") { j += 1 }
            return (numericValue(value), j)
        }
        var k = j
        while k < b.count, k - j < 32, isAlphanumeric(b[k]) { k += 1 }
        guard k > j else { return nil }
        let terminated = k < b.count && b[k] == UInt8(ascii: ";")
        if let value = HTMLTextEntities.named[String(decoding: UnsafeBufferPointer(rebasing: b[j..<k]), as: UTF8.self)]
        {
            if terminated { return (value, k + 1) }
            if !inAttribute || k == b.count || b[k] != UInt8(ascii: "=") { return (value, k) }
            return nil
        }
        guard !inAttribute, !terminated else { return nil }
        // "&copy2024": the longest known prefix, as HTML5 does for the legacy names.
        var end = min(k, j + 8)
        while end > j + 1 {
            if let value = HTMLTextEntities.named[
                String(decoding: UnsafeBufferPointer(rebasing: b[j..<end]), as: UTF8.self)]
            {
                return (value, end)
            }
            end -= 1
        }
        return nil
    }

    /// The attribute value with character references decoded (used for href).
    static func decodeAttribute(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "&"), let (v, next) = reference(in: b, at: i, inAttribute: true),
                let s = Unicode.Scalar(v)
            {
                UTF8.encode(s) { out.append($0) }
                i = next
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    /// NUL, surrogates and values beyond U+10FFFF become U+FFFD; 0x80–0x9F mean their Windows-1252
    /// characters (HTML5 13.2.5.80); other C0/C1 controls become 0, which the writer drops.
    private static func numericValue(_ value: UInt32) -> UInt32 {
        switch value {
        case 0, 0xD800...0xDFFF, 0x11_0000...: return 0xFFFD
        case 0x80...0x9F: return HTMLTextEntities.windows1252[Int(value - 0x80)]
        case 0x09, 0x0A, 0x0C, 0x0D: return 0x20
        case 0x01...0x1F, 0x7F: return 0
        default: return value
        }
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
    }
}
