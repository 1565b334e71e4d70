/// Makes globally unique Message-IDs (RFC 5322 section 3.6.4) from 128 random bits.
public enum MessageIDGenerator {
    /// "lm.<26 base32 characters>@domain", without angle brackets, as `OutgoingMail.messageId` expects.
    /// The domain is reduced to letters, digits, "-" and "." (lowercased); "localhost" when nothing remains.
    /// Randomness is passed in so that tests can be deterministic; use `SystemRandomNumberGenerator`.
    public static func make(domain: String, using generator: inout some RandomNumberGenerator) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
        var local: [UInt8] = []
        for _ in 0..<26 {  // 26 × 5 bits ≥ 128
            local.append(alphabet[Int(low & 31)])
            low = (low >> 5) | ((high & 31) << 59)
            high >>= 5
        }
        let host = domain.lowercased().utf8.filter {
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: ".")
        }
        let trimmed = host.drop(while: { $0 == UInt8(ascii: ".") })
        return "lm." + String(decoding: local, as: UTF8.self) + "@"
            + (trimmed.isEmpty ? "localhost" : String(decoding: trimmed, as: UTF8.self))
    }

    /// True when `id` (without angle brackets) has the shape `make` gives for `domain`.
    public static func isMade(_ id: String, domain: String) -> Bool {
        id.hasPrefix("lm.") && id.lowercased().hasSuffix("@" + domain.lowercased())
    }
}
