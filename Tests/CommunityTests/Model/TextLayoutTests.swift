import Testing

@testable import Community

/// The one wrapping loop in its two uses: mail texts keep a line's own indentation, the digest's
/// reflow collapses white space and starts a list entry with its own first indent.
@Suite struct TextLayoutTests {
    @Test(arguments: [
        ("one two three", 7, "", "one two\nthree"),
        ("a\n\nb", 72, "", "a\n\nb"),
        ("   \nb", 72, "", "\nb"),
        ("averyveryverylongword x", 5, "", "averyveryverylongword\nx"),
        ("  - a list item that wraps", 16, "", "  - a list item\n  that wraps"),
        ("\tquoted text here", 12, "", "    quoted\n    text\n    here"),
        ("one two three", 9, "> ", "> one two\n> three"),
        ("a   b", 72, "", "a b"),
    ])
    func wrapKeepsIndentation(_ text: String, _ width: Int, _ indent: String, _ expected: String) {
        #expect(TextLayout.wrap(text, width: width, indent: indent) == expected)
    }

    @Test(arguments: [
        ("aaa bbb ccc", 7, "", nil, ["aaa bbb", "ccc"]),
        ("x https://very.long.example/path y", 10, "  ", "- ", ["- x", "  https://very.long.example/path", "  y"]),
        ("a\r\n\r\nb", 72, "", nil, ["a", "", "b"]),
        // Leading spaces and tabs are not kept: they only separate words.
        ("   a \t b", 72, "", nil, ["a b"]),
        // The first indent is for the text's first line only, also after a blank line.
        ("one\n\ntwo", 72, "  ", "- ", ["- one", "", "  two"]),
        ("one\ntwo", 72, "  ", "- ", ["- one", "  two"]),
    ])
    func reflowCollapsesSpace(_ text: String, _ width: Int, _ indent: String, _ first: String?, _ expected: [String]) {
        #expect(TextLayout.reflow(text, width: width, indent: indent, firstIndent: first) == expected)
    }

    @Test(arguments: [
        ("a\u{202E}b\u{200B}c", "abc"), ("line\r\nbreak\there", "line break here"), ("  x  ", "x"),
    ])
    func displayLines(_ text: String, _ expected: String) {
        #expect(TextLayout.displayLine(text) == expected)
    }

    @Test(arguments: [
        ("one two three four", 9, "one two …"), ("one, two three", 6, "one …"), ("short", 9, "short"),
    ])
    func excerpts(_ text: String, _ limit: Int, _ expected: String) {
        #expect(TextLayout.excerpt(text, limit: limit) == expected)
    }
}
