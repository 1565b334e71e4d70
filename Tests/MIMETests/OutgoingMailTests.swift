import Foundation
import Testing

@testable import MIME

private typealias S = OutgoingMailTestSupport

@Suite struct OutgoingMailTests {
    @Test func textOnlyGolden() {
        let mail = OutgoingMail(
            from: MailAddress(name: "Learning Digest", address: "digest@example.org"),
            to: [MailAddress(name: "Bob", address: "bob@example.org")], subject: "Week 48",
            date: Date(timeIntervalSince1970: 1_795_000_000), timeZone: TimeZone(secondsFromGMT: 3600)!,
            messageId: "w48@example.org", extraHeaders: [("Auto-Submitted", "auto-generated")],
            text: "Hello\nworld")
        let expected =
            "Date: Wed, 18 Nov 2026 12:06:40 +0100\r\nFrom: Learning Digest <digest@example.org>\r\n"
            + "To: Bob <bob@example.org>\r\nSubject: Week 48\r\nMessage-ID: <w48@example.org>\r\n"
            + "Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n\r\nHello\r\nworld\r\n"
        #expect(String(decoding: mail.rendered(), as: UTF8.self) == expected)
    }

    @Test(arguments: [
        ("Bob", "Bob <b@x.org>"),
        ("Bob Jones", "Bob Jones <b@x.org>"),
        ("Jones, Bob", "\"Jones, Bob\" <b@x.org>"),
        ("Bob \"B\" Jones", "\"Bob \\\"B\\\" Jones\" <b@x.org>"),
        ("a\\b", "\"a\\\\b\" <b@x.org>"),
        ("Dr. Who", "\"Dr. Who\" <b@x.org>"),
        ("", "b@x.org"),
        ("Zoë", "=?UTF-8?Q?Zo=C3=AB?= <b@x.org>"),
        ("=?UTF-8?B?QQ==?=", "=?UTF-8?B?PT9VVEYtOD9CP1FRPT0/PQ==?= <b@x.org>"),
    ])
    func displayNames(name: String, expected: String) {
        let bytes = S.mail(to: [MailAddress(name: name, address: "B@x.org")]).rendered()
        #expect(S.fields(bytes).first { $0.0 == "To" }?.1 == expected)
    }

    @Test(arguments: [
        "Plain ASCII subject",
        "Grüße aus Köln",
        "Київ — новини тижня",
        "日本語のメール件名はとても長くなることがありますので折り返しが必要です日本語のメール件名",
        "🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻🌻",
        String(repeating: "word ", count: 60) + "end",
        String(repeating: "x", count: 300),
        "mixed ascii and é at the end of a reasonably long line that must fold somewhere é",
        "looks like =?UTF-8?Q?encoded?= but is not",
        "a  double  spaced   subject",
    ])
    func subjectsFoldAndDecode(subject: String) {
        let bytes = S.mail(subject: subject).rendered()
        for line in S.headerLines(bytes) {
            #expect(line.utf8.count <= 78, "\(line)")
            #expect(line.utf8.allSatisfy { $0 < 0x80 })
        }
        let value = S.fields(bytes).first { $0.0 == "Subject" }!.1
        for word in S.encodedWords(value) {
            #expect(word.utf8.count <= 75)
            let decoded = S.decodeWords(word)
            #expect(!decoded.contains("\u{FFFD}"), "word split inside a character: \(word)")
        }
        #expect(S.decodeWords(value) == subject)
    }

    @Test(arguments: [
        ("A\r\nBcc: victim@example.org", "ABcc: victim@example.org"),
        ("A\nSubject: spoof", "ASubject: spoof"),
        ("A\rB", "AB"),
        ("tab\there", "tab here"),
        ("nul\u{0}bell\u{7}del\u{7F}esc\u{1B}", "nulbelldelesc"),
        ("line\u{2028}sep\u{85}nel", "linesepnel"),
        ("\r\n\r\nBody injection", "Body injection"),
        ("  padded  ", "padded"),
    ])
    func headerInjectionIsImpossible(nasty: String, cleaned: String) {
        let mail = S.mail(
            subject: nasty, from: MailAddress(name: nasty, address: "ann@example.org\r\nBcc: x@y.org"),
            to: [MailAddress(name: nasty, address: "b@x.org>\r\nX: y")],
            extraHeaders: [("X-Note", nasty), ("X-Bad\r\nBcc", "v"), ("Content-Type", "text/html"), ("Bcc", "x@y")],
            text: nasty)
        let bytes = mail.rendered()
        let names = S.fields(bytes).map(\.0)
        #expect(
            names == [
                "Date", "From", "To", "Subject", "Message-ID", "X-Note", "X-BadBcc", "MIME-Version", "Content-Type",
                "Content-Transfer-Encoding",
            ])
        for line in S.headerLines(bytes) {
            #expect(!line.contains("\r") && !line.contains("\n"))
            #expect(line.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
        }
        #expect(S.fields(bytes).first { $0.0 == "Subject" }?.1 == cleaned)
        #expect(S.fields(bytes).first { $0.0 == "X-Note" }?.1 == cleaned)
        #expect(!S.headerLines(bytes).contains { $0.hasPrefix("Bcc") })
    }

    @Test func longURLsInListHeadersStayLiteral() {
        let url = "<https://learn.example.org/unsubscribe?token=" + String(repeating: "a1b2", count: 30) + ">"
        let bytes = S.mail(extraHeaders: [("List-Unsubscribe", url + ", <mailto:unsubscribe@example.org>")]).rendered()
        let value = S.fields(bytes).first { $0.0 == "List-Unsubscribe" }?.1
        #expect(value == url + ", <mailto:unsubscribe@example.org>")
        #expect(S.headerLines(bytes).contains { $0 == "List-Unsubscribe: \(url)," })
    }

    @Test func structureTextOnly() {
        let fields = S.fields(S.mail().rendered())
        #expect(fields.first { $0.0 == "Content-Type" }?.1 == "text/plain; charset=utf-8")
    }

    @Test func structureAlternativeAndMixed() {
        let alt = String(decoding: S.mail(html: "<p>Hi</p>").rendered(), as: UTF8.self)
        #expect(alt.contains("Content-Type: multipart/alternative; boundary=\"=_lm_"))
        #expect(alt.range(of: "text/plain")!.lowerBound < alt.range(of: "text/html")!.lowerBound)
        let mixed = String(
            decoding: S.mail(html: "<p>Hi</p>", attachments: [("a.pdf", "application/pdf", [1, 2, 3])]).rendered(),
            as: UTF8.self)
        #expect(mixed.contains("Content-Type: multipart/mixed; boundary=\"=_lm_"))
        #expect(mixed.contains("\r\nContent-Type: multipart/alternative;"))
        #expect(mixed.contains("Content-Type: application/pdf; name=\"a.pdf\"\r\n"))
        #expect(mixed.contains("Content-Disposition: attachment; filename=\"a.pdf\"\r\n"))
        #expect(mixed.contains("Content-Transfer-Encoding: base64\r\n\r\nAQID\r\n"))
        #expect(mixed.hasSuffix("--\r\n"))
        let textAndFile = String(
            decoding: S.mail(attachments: [("n.txt", "bogus type", Array("ok\r\n".utf8))]).rendered(), as: UTF8.self)
        #expect(textAndFile.contains("Content-Type: application/octet-stream; name=\"n.txt\""))
    }

    @Test func boundariesAreDeterministicAndAvoidContent() {
        let a = S.mail(html: "<p>x</p>").rendered()
        #expect(a == S.mail(html: "<p>x</p>").rendered())
        #expect(a != S.mail(html: "<p>y</p>").rendered())
        // Put the would-be boundary into the text itself: the renderer must pick another.
        let probe = String(decoding: a, as: UTF8.self)
        let start = probe.range(of: "boundary=\"")!.upperBound
        let boundary = String(probe[start...].prefix { $0 != "\"" })
        var mail = S.mail(html: "<p>x</p>")
        mail.boundary = String(boundary.dropLast(4))  // same base, passed in
        mail.text = "--\(boundary)\n"
        let out = String(decoding: mail.rendered(), as: UTF8.self)
        #expect(out.contains("boundary=\"\(boundary).1\""))
    }

    @Test(arguments: [
        ("plain ascii\nlines", "7bit"),
        (String(repeating: "a", count: 999), "quoted-printable"),
        ("Café crème brûlée, mostly ASCII text here", "quoted-printable"),
        ("Київ Київ Київ Київ Київ", "base64"),
        ("", "7bit"),
    ])
    func transferEncodingChoice(text: String, expected: String) {
        let fields = S.fields(S.mail(text: text).rendered())
        #expect(fields.first { $0.0 == "Content-Transfer-Encoding" }?.1 == expected)
    }

    @Test(arguments: [
        [UInt8](repeating: 0x41, count: 200),
        Array("From here\r\n.\r\n.leading dot\r\ntrailing space \r\ntrailing tab\t\r\n==\r\n".utf8),
        Array("a\nlone LF\rlone CR\r\n\u{0}nul".utf8),
        Array("é".utf8) + [UInt8](repeating: 0x62, count: 150) + Array("ü".utf8),
        (0..<255).map { UInt8($0) },
    ])
    func quotedPrintableRoundTrips(data: [UInt8]) {
        let encoded = OutgoingMailTransferEncoding.quotedPrintable(data)
        #expect(S.decodeQuotedPrintable(encoded) == data)
        for line in String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76)
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
            #expect(!line.hasPrefix("From ") && !line.hasPrefix("."))
        }
    }

    @Test(arguments: [
        (0.0, 0, "Thu, 1 Jan 1970 00:00:00 +0000"),
        (951_782_400.0, 0, "Tue, 29 Feb 2000 00:00:00 +0000"),
        (1_795_000_000.0, -18000, "Wed, 18 Nov 2026 06:06:40 -0500"),
        (1_795_000_000.0, 19800, "Wed, 18 Nov 2026 16:36:40 +0530"),
        (-1.0, 0, "Wed, 31 Dec 1969 23:59:59 +0000"),
        (4_102_444_800.0, 0, "Fri, 1 Jan 2100 00:00:00 +0000"),
    ])
    func dates(seconds: Double, offset: Int, expected: String) {
        #expect(OutgoingMailDate.rfc5322(Date(timeIntervalSince1970: seconds), offsetSeconds: offset) == expected)
    }

    @Test func dateUsesTheTimeZoneAtThatInstant() {
        var mail = S.mail()
        mail.timeZone = TimeZone(identifier: "Europe/London")!
        mail.date = Date(timeIntervalSince1970: 1_782_000_000)  // June 2026: BST
        #expect(S.fields(mail.rendered()).first?.1.hasSuffix("+0100") == true)
    }

    @Test(arguments: [
        ("résumé.pdf", "filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"),
        ("a \"b\".txt", "filename=\"a \\\"b\\\".txt\""),
        ("../../etc/passwd", "filename=\"....etcpasswd\""),
        ("", "filename=\"attachment\""),
    ])
    func attachmentFilenames(name: String, expected: String) {
        let out = String(decoding: S.mail(attachments: [(name, "text/plain", [0x41])]).rendered(), as: UTF8.self)
        #expect(out.contains("Content-Disposition: attachment; \(expected)"))
    }

    @Test func longFilenamesUseContinuationsAndFold() {
        let name = String(repeating: "é", count: 80) + ".txt"
        let out = String(decoding: S.mail(attachments: [(name, "text/plain", [0x41])]).rendered(), as: UTF8.self)
        #expect(out.contains("filename*0*=UTF-8''%C3%A9"))
        for line in out.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78) }
    }

    @Test func messageIDs() {
        var rng = OutgoingMailTestRNG(seed: 42)
        let a = MessageIDGenerator.make(domain: "Example.ORG", using: &rng)
        let b = MessageIDGenerator.make(domain: "example.org\r\n", using: &rng)
        #expect(a != b)
        #expect(a.hasPrefix("lm.") && a.hasSuffix("@example.org") && a.count == 3 + 26 + 12)
        #expect(b.hasSuffix("@example.org"))
        var again = OutgoingMailTestRNG(seed: 42)
        #expect(MessageIDGenerator.make(domain: "example.org", using: &again) == a)
        #expect(MessageIDGenerator.make(domain: "<>", using: &again).hasSuffix("@localhost"))
        #expect(OutgoingMailHeaderWriter.messageID("<a b@c>") == "<ab@c>")
        #expect(OutgoingMailHeaderWriter.messageID(" <> ") == nil)
    }
}

/// SplitMix64: a tiny seeded generator for deterministic tests.
struct OutgoingMailTestRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
