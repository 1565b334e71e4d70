/// RFC 4648 base32 in lowercase without padding: `abcdefghijklmnopqrstuvwxyz234567`.
/// Lowercase because tokens travel in plus-addresses and subjects, where clients may fold case.
public enum Base32 {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var bits = 0
        for byte in bytes {
            acc = (acc << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((acc >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((acc << UInt32(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes lowercase or uppercase base32 (no padding); nil on any other character.
    public static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var bits = 0
        for c in text.utf8 {
            let v: UInt8
            switch c {
            case 0x61...0x7A: v = c - 0x61
            case 0x41...0x5A: v = c - 0x41
            case 0x32...0x37: v = c - 0x32 + 26
            default: return nil
            }
            acc = (acc << 5) | UInt32(v)
            bits += 5
            if bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits - 8)))
                bits -= 8
            }
        }
        return out
    }
}
