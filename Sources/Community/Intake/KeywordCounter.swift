import Foundation

/// Whole-word counts of a learning area's keywords in a contribution (DESIGN flow 3), all
/// keywords in one pass over the lowercased text's UTF-8 bytes. It used to be one Foundation
/// `range(of:)` search per keyword (two dozen in a usual configuration), each bridged to
/// CFString; the result is the same (see `IntakeTextTests`).
///
/// A keyword's occurrences are found left to right without overlap, and one counts when neither
/// neighbouring Character is a letter, a digit or "_". The byte search answers exactly when the
/// keyword is ASCII (without ";" or "`", the only ASCII scalars with canonical equivalents that
/// survive lowercasing) and every occurrence has ASCII bytes next to it, two deep before it (so the
/// Character before it is that one byte, or CR LF). Any other keyword is counted with the String
/// search, as before: mail is mostly ASCII, so that is rare.
struct KeywordCounter {
    /// Lowercased and trimmed as the learning area always did, and their UTF-8.
    private let keywords: [String]
    private let bytes: [[UInt8]]
    /// Which keywords the byte search counts, by their first byte: a text position looks at
    /// those only.
    private let byFirstByte: [[Int]]

    init(_ keywords: [String]) {
        self.keywords = keywords.map { $0.lowercased().trimmingSpaces() }
        bytes = self.keywords.map { Array($0.utf8) }
        var table = [[Int]](repeating: [], count: 256)
        for (k, word) in bytes.enumerated() where Self.byteCountable(word) { table[Int(word[0])].append(k) }
        byFirstByte = table
    }

    private static func byteCountable(_ word: [UInt8]) -> Bool {
        !word.isEmpty && word.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") }
    }

    /// The count of each keyword, in order, in `text` (already lowercased).
    func counts(in text: String) -> [Int] {
        let t = Array(text.utf8)
        var counts = [Int](repeating: 0, count: keywords.count)
        // Where each keyword's search resumes: after its last occurrence, whole word or not.
        var resume = [Int](repeating: 0, count: keywords.count)
        var viaString = bytes.map { !Self.byteCountable($0) }
        for i in t.indices {
            for k in byFirstByte[Int(t[i])] where i >= resume[k] && !viaString[k] {
                let word = bytes[k]
                let end = i + word.count
                guard end <= t.count, t[i..<end].elementsEqual(word) else { continue }
                if (i >= 1 && t[i - 1] >= 0x80) || (i >= 2 && t[i - 2] >= 0x80) || (end < t.count && t[end] >= 0x80) {
                    viaString[k] = true
                    continue
                }
                if !(i > 0 && Self.isWordByte(t[i - 1])), !(end < t.count && Self.isWordByte(t[end])) { counts[k] += 1 }
                resume[k] = end
            }
        }
        for k in keywords.indices where viaString[k] { counts[k] = Self.stringCount(keywords[k], in: text) }
        return counts
    }

    /// Letters, digits and "_" among ASCII bytes: `Character.isLetter || isNumber || == "_"`.
    private static func isWordByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            return true
        default: return false
        }
    }

    /// The String search, for the keywords and texts the byte search cannot answer for.
    static func stringCount(_ keyword: String, in text: String) -> Int {
        guard !keyword.isEmpty else { return 0 }
        var count = 0
        var searchStart = text.startIndex
        while let r = text.range(of: keyword, range: searchStart..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !isWordChar(before), !isWordChar(after) { count += 1 }
            searchStart = r.upperBound
        }
        return count
    }

    private static func isWordChar(_ c: Character?) -> Bool {
        guard let c else { return false }
        return c.isLetter || c.isNumber || c == "_"
    }
}
