/// Comparison whose running time does not depend on where two secrets differ, so that a forger
/// cannot learn a token byte by byte from response timing.
public enum ConstantTime {
    /// True when `a` and `b` are equal. Time depends only on the lengths (which are public:
    /// tokens and hashes have fixed sizes), never on the contents.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var diff = UInt8(truncatingIfNeeded: a.count ^ b.count)
        let n = max(a.count, b.count)
        for i in 0..<n {
            let x = i < a.count ? a[i] : 0
            let y = i < b.count ? b[i] : 0
            diff |= x ^ y
        }
        return diff == 0 && a.count == b.count
    }

    public static func equal(_ a: String, _ b: String) -> Bool { equal(Array(a.utf8), Array(b.utf8)) }
}
