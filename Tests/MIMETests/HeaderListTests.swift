import Testing

@testable import MIME

/// RFC 5322 header blocks: folding, obsolete syntax, duplicates, missing blank line, mbox lines.
struct HeaderListTests {
    static func parse(_ text: String) -> (HeaderList, body: String) {
        let bytes = Array(text.utf8)
        let (list, start) = bytes.withUnsafeBufferPointer {
            HeaderList.parse($0, source: bytes, from: 0, to: bytes.count)
        }
        return (list, String(decoding: bytes[start...], as: UTF8.self))
    }

    @Test(arguments: [
        ("Subject: one\r\n\r\nbody", "Subject", "one", "body"),
        ("Subject: folded\r\n  over\r\n\tlines\r\n\r\nbody", "Subject", "folded  over\tlines", "body"),
        ("Subject : obsolete space\n\nbody", "subject", "obsolete space", "body"),
        ("SUBJECT:no space\n\nbody", "Subject", "no space", "body"),
        ("Subject:\n\nbody", "Subject", "", "body"),
        ("From someone@example.org Mon Nov 23 09:15:00 2026\nSubject: mbox\n\nbody", "Subject", "mbox", "body"),
        ("Subject: no blank line\nthis is body text\n", "Subject", "no blank line", "this is body text\n"),
        ("Subject: last line has no newline", "Subject", "last line has no newline", ""),
        ("Subject: =?utf-8?q?caf=C3=A9?=\n\n", "Subject", "café", ""),
        ("Subject: raw UTF-8 caf\u{e9}\n\n", "Subject", "raw UTF-8 café", ""),
        ("Subject:  trailing and leading  \n\n", "Subject", "trailing and leading", ""),
    ])
    func singleField(_ text: String, _ name: String, _ value: String, _ body: String) {
        let (list, rest) = Self.parse(text)
        #expect(list[name] == value)
        #expect(rest == body)
    }

    @Test func duplicatesMissingAndOrder() {
        let (list, _) = Self.parse("Received: a\nReceived: b\nX-One: 1\n\n")
        #expect(list.all("received") == ["a", "b"])
        #expect(list["Received"] == "a")
        #expect(list["Missing"] == nil)
        #expect(!list.contains("missing"))
        #expect(list.contains("x-one"))
        #expect(list.entries.map(\.name) == ["Received", "Received", "X-One"])
    }

    @Test func continuationWithoutField() {
        let (list, body) = Self.parse("  stray continuation\nSubject: ok\n\nbody")
        #expect(list["subject"] == "ok")
        #expect(body == "body")
    }

    @Test func listsAndAddressesHelpers() {
        let (list, _) = Self.parse("Keywords: one, two\n three\nTo: a@example.org\nTo: B <b@example.org>\n\n")
        #expect(list.listItems("keywords") == ["one", "two three"])
        #expect(list.addresses("to").map(\.address) == ["a@example.org", "b@example.org"])
    }
}
