import Foundation
import MIME
import Testing

@testable import Community

/// Text searched in a transformed copy (lowercased, trimmed, normalised) must never hand an index
/// back to the original: `İ`, `Ⱥ` grow when lowercased, `ẞ` and `ﬁ` change length, combining marks,
/// ZWJ sequences and CR LF change how Characters fall. Issue 11, item 1: one such index, from
/// `line.lowercased()` used on `line` in the plain-text bounce reader, killed `learnmail run` with
/// SIGILL on every restart.
@Suite struct TransformedTextTests {
    /// Prefixes that change length or grapheme layout under case mapping, before the phrase.
    static let awkwardPrefixes = [
        "", "İ", "İİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİİ ", "ȺȺȺȺȺȺȺȺȺȺȺȺȺȺȺȺ ", "ẞẞẞẞẞẞẞẞ ", "ǅǅǅ ", "ﬁﬁﬁﬁ ",
        "e\u{301}\u{301}\u{301} ", "👩\u{200D}👩\u{200D}👧 ", "\u{200D}", "ﬃ İ ẞ Ⱥ ǅ: ", "Ω K Å ",
    ]

    /// The reproduction: a plain-text report (empty Return-Path) with capitals that grow before
    /// "wasn't delivered to ". It trapped (SIGILL) before the fix.
    @Test func plainTextBounceWithGrowingCapitals() throws {
        let bounce = try #require(BounceReader.read(try bounceFixture("growing-capitals-text.eml")))
        #expect(bounce.recipient == "a@b.tr")
        #expect(bounce.kind == .hard)
        #expect(bounce.status == "5.1.1")
    }

    /// Gmail's sentence, with every awkward prefix, in several cases and line endings: the
    /// recipient is the address after the phrase, never a slice of the wrong string.
    @Test(arguments: awkwardPrefixes)
    func gmailSentenceAfterAwkwardText(prefix: String) {
        for phrase in [
            "Your message wasn't delivered to ", "YOUR MESSAGE WASN'T DELIVERED TO ", "wasn't Delivered To ",
        ] {
            for tail in ["a@b.tr", "a@b.tr because İ", "<a@b.tr>\r", "a@b.tr x\u{301}", "a@b.tr 👩\u{200D}👧"] {
                let line = prefix + phrase + tail
                let (recipient, index) = BounceReader.findRecipient(["x", line], format: .gmail)
                #expect(recipient == "a@b.tr", "line \(line.debugDescription)")
                #expect(index == 1)
            }
        }
    }

    /// A whole plain-text report built around each prefix, through `BounceReader.read`.
    @Test(arguments: awkwardPrefixes)
    func plainTextReportAroundAwkwardText(prefix: String) {
        let body = "\(prefix)Your message wasn't delivered to z@y.example\r\n\r\n550 5.1.1 \(prefix)no such user\r\n"
        let mail =
            "Return-Path: <>\r\nFrom: <mailer-daemon@x.example>\r\nSubject: Undeliverable \(prefix)\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
        let bounce = BounceReader.read(Message(Array(mail.utf8)))
        #expect(bounce?.recipient == "z@y.example")
        #expect(bounce?.status == "5.1.1")
    }

    /// The returned copy of our own message is cut by line: with awkward text before and on the
    /// marker's line, nothing after the marker is read (its address and its soft words), and the
    /// whole report before it is.
    @Test(arguments: awkwardPrefixes)
    func reportEndsAtTheReturnedCopy(prefix: String) throws {
        let body =
            "\(prefix)This message was created automatically by mail delivery software.\r\n\r\n"
            + "\(prefix)The following address(es) failed:\r\n\r\n  \(prefix) ann@x.example\r\n    SMTP error: 550 5.1.1 unknown \(prefix)\r\n\r\n"
            + "\(prefix)------ This is a copy of the message, including all the headers. \(prefix)------\r\n"
            + "To: bob@y.example\r\nSubject: over quota, will be retried\r\n"
        let mail =
            "Return-Path: <>\r\nFrom: <mailer-daemon@x.example>\r\nSubject: Mail delivery failed\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body
        let bounce = try #require(BounceReader.read(Message(Array(mail.utf8))))
        #expect(bounce.recipient == "ann@x.example")
        #expect(bounce.kind == .hard)
        #expect(bounce.format == .exim)

        // No SMTP code in the report: the kind comes from its words, and the copy's "over quota,
        // will be retried" must not make it soft.
        let noCode = mail.replacingOccurrences(of: "SMTP error: 550 5.1.1 unknown", with: "no such user")
        #expect(BounceReader.read(Message(Array(noCode.utf8)))?.kind == .hard)
    }

    /// The byte search that replaced the lowercased copy: ASCII letters match in any case, other
    /// scalars only themselves, and the range always lies on the original's scalars.
    @Test(
        arguments: [
            ("İİİ wasn't delivered to x", "wasn't delivered to ", "x"),
            ("WASN'T DELIVERED TO x", "wasn't delivered to ", "x"),
            ("ẞ Ⱥ ǅ ﬁ said: ok", "said:", " ok"),
            ("e\u{301}said:\u{301}", "said:", "\u{301}"),
            ("\u{212A}elvin said:", "kelvin", nil),
            ("deli\u{307}vered", "delivered", nil),
            ("DELİVERED", "delivered", nil),
            ("", "x", nil),
            ("ab", "abc", nil),
        ] as [(String, String, String?)])
    func asciiCaseInsensitiveRange(text: String, needle: String, after: String?) {
        let range = ScalarText.rangeIgnoringASCIICase(of: Array(needle.utf8), in: text)
        #expect(range.map { String(text.unicodeScalars[$0.upperBound...]) } == after)
    }
}
