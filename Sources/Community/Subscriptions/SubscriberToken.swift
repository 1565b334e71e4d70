/// Random tokens for subscriber addresses (`learning+unsubscribe-<token>@…`, `learning+bounce-<token>@…`,
/// `confirm <token>`): lowercase RFC 4648 base32 without padding, so that they survive mail systems
/// that fold the local part's case, and contain no characters that need quoting (RFC 5321 dot-atom).
public enum SubscriberToken {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// A token of at least `bits` random bits (5 bits per character) from the injected generator.
    public static func make(bits: Int = 128, using rng: inout some RandomNumberGenerator) -> String {
        let count = (bits + 4) / 5
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            out.append(alphabet[Int(rng.next(upperBound: UInt8(32)))])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `text` has the shape of a token (only base32 characters, 8–64 of them); used
    /// before any lookup so that junk never reaches a comparison.
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (8...64).contains(bytes.count) && bytes.allSatisfy { alphabet.contains($0) }
    }

    /// Compares two tokens in time that depends only on their lengths, so that a guesser learns
    /// nothing from how fast a wrong token is refused.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
