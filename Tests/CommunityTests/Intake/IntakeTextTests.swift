import Foundation
import Testing

@testable import Community

/// The byte and scalar helpers that replaced Foundation calls in intake give the same answers as
/// those calls did, including on the Unicode corners (combining marks, U+200B, the Kelvin sign,
/// dotted capital I) where a byte shortcut could differ.
@Suite struct IntakeTextTests {
    @Test func whitespaceIsFoundationsWhitespaceForEveryBMPScalar() {
        var differing: [UInt32] = []
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let foundation = String(Character(s)).trimmingCharacters(in: .whitespaces).isEmpty
            if ScalarText.isWhitespace(s) != foundation { differing.append(v) }
        }
        #expect(differing.isEmpty, "CharacterSet.whitespaces changed: \(differing)")
    }

    @Test(arguments: [
        "", " ", "plain", "  both ends\t", " \u{301}accent first", "\u{200B}zero width\u{200B}",
        "\u{3000}ideographic\u{3000}",
        "nbsp\u{A0}", "\u{85}next line\u{85}", "tab\tinside", "\u{2028}", "e\u{301} ", "\u{1680}\u{202F}\u{205F}x",
    ])
    func trimmedIsFoundationsTrim(text: String) {
        #expect(Array(text.trimmedWhitespace.utf8) == Array(text.trimmingCharacters(in: .whitespaces).utf8))
    }

    @Test(arguments: [
        ("", true), (" \t\u{A0} ", true), (" \u{301}", false), ("\u{3000}", false), ("à", false), ("x", false),
        ("\u{A0}\u{A0}", true), ("\u{C2}", false),
    ])
    func blankLines(line: String, blank: Bool) {
        #expect(BodyCleaner.isBlank(line) == blank)
        #expect(BodyCleaner.isBlank(line) == line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" })
    }

    @Test(arguments: [
        ("a\r", ["a"]), ("a\n", ["a", ""]), ("a\r\r\nb", ["a", "", "b"]),
        ("a\u{2028}b\u{2029}c\r\n", ["a", "b", "c", ""]),
        ("-- \n--  \n--\t\n", ["-- ", "-- ", "--", ""]), ("x \u{A0}\t\ny", ["x", "y"]), ("x \u{301}", ["x \u{301}"]),
        ("", [""]),
        ("\r\n\r\n", ["", "", ""]), ("ŵ\u{A0}\u{E0}", ["ŵ\u{A0}\u{E0}"]),
    ])
    func lines(text: String, lines: [String]) {
        #expect(BodyCleaner.splitLines(text).map { Array($0.utf8) } == lines.map { Array($0.utf8) })
    }

    /// What the keyword count was before it searched bytes: Foundation's `range(of:)` and
    /// Characters around each occurrence.
    static func referenceCount(_ keyword: String, _ text: String) -> Int {
        func word(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
        guard !keyword.isEmpty else { return 0 }
        var count = 0
        var from = text.startIndex
        while let r = text.range(of: keyword, range: from..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !word(before), !word(after) { count += 1 }
            from = r.upperBound
        }
        return count
    }

    @Test(arguments: [
        ("volunteer", "our volunteers, a volunteer; volunteer_x (volunteer)"), ("volunteer", "volunteer’s time"),
        ("volunteer", "e\u{301}volunteer and volunteer\u{301}"), ("a-a", "a-a-a a-a"), ("sim", "si\u{307}m sim SIM"),
        ("data", "data\r\ndata\ndatá data2 _data"), ("café", "café cafe\u{301} cafés"),
        ("tablet", "\u{600}xtablet tablet"),
        ("scam-free", "a scam-free-ish scam-free day"), ("ŵ", "ŵ aŵ ŵ"),
    ])
    func keywordCountIsTheFoundationCount(keyword: String, text: String) {
        let lower = text.lowercased()
        #expect(ContributionExtractor.wholeWordCount(of: keyword, in: lower) == Self.referenceCount(keyword, lower))
    }

    /// All keywords in one pass: each keyword's search still resumes after its own last occurrence.
    @Test(arguments: [
        "tablets and a tablet; tablet-tablets", "a-a-a data-data sim’s sims", "café cafe\u{301} scam; scam;x",
        "Tablets, DATA and SIM cards!\r\n", "",
    ])
    func keywordsCountedTogether(text: String) {
        let keywords = ["tablet", "tablets", "a-a", "data", " Sim ", "café", "scam;", "", "t"]
        let lower = text.lowercased()
        let expected = keywords.map { Self.referenceCount($0.lowercased().trimmingSpaces(), lower) }
        #expect(KeywordCounter(keywords).counts(in: lower) == expected)
    }

    /// A large body full of occurrences (and of keywords sharing first bytes) is one pass; one
    /// occurrence beside non-ASCII text sends only that keyword to the String search.
    @Test func manyOccurrences() {
        let text = String(repeating: "tablet tablets tablet-x ", count: 5_000) + "’tablets’"
        let counts = KeywordCounter(["tablet", "tablets", "t", "ta", "x"]).counts(in: text)
        #expect(counts == [10_000, 5_001, 0, 0, 5_000])
    }

    @Test(arguments: [
        ("---------- FORWARDED MESSAGE ---------", true), ("Begin forwarded message:", true),
        ("-------- Message transféré --------", true), ("-----Ursprüngliche Nachricht-----", false),
        ("Forwarded messages are welcome", false), ("İnicio del mensaje reenviado:", false),
    ])
    func forwardMarkers(line: String, marker: Bool) {
        #expect(QuoteMarkers.isForwardMarker(line) == marker)
    }

    @Test(arguments: [
        ("-----ORIGINAL MESSAGE-----", true), ("  -----Ursprüngliche Nachricht-----", true),
        ("Original message", false),
        ("\u{2014}--Original Message---", false),
    ])
    func originalSeparators(line: String, separator: Bool) {
        #expect(QuoteMarkers.isOriginalSeparator(line) == separator)
    }

    @Test(arguments: [
        ("CAUTION: EXTERNAL EMAIL. Do not click links.", true), ("You don’t often get email from ann@x.org.", true),
        ("[External] Tablets", true), ("This e-mail came from far away", false), ("Often I get email", false),
    ])
    func banners(line: String, banner: Bool) {
        #expect(QuoteMarkers.isBanner(line) == banner)
    }
}
