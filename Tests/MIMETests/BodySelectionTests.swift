import Testing

@testable import MIME

/// Body and attachment selection as DESIGN.md's `parse --json` defines it.
struct BodySelectionTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var message: String
        var text: String
        var html: String?
        var attachments: [String?]
        var description: String { name }
    }

    static func mime(_ parts: String, type: String = "multipart/mixed") -> String {
        "From: a@example.org\r\nContent-Type: \(type); boundary=b\r\n\r\n" + parts + "--b--\r\n"
    }

    static let cases: [Case] = [
        Case(
            name: "single text", message: "Subject: x\r\n\r\nhello\r\n", text: "hello\n", html: nil, attachments: []),
        Case(
            name: "alternative picks both",
            message: mime(
                "--b\r\nContent-Type: text/plain\r\n\r\nplain\r\n--b\r\nContent-Type: text/html\r\n\r\n<b>html</b>\r\n",
                type: "multipart/alternative"), text: "plain", html: "<b>html</b>", attachments: []),
        Case(
            name: "html only becomes text",
            message: mime("--b\r\nContent-Type: text/html\r\n\r\n<p>Hello <b>there</b></p>\r\n"),
            text: HTMLText.plainText(fromHTML: "<p>Hello <b>there</b></p>"), html: "<p>Hello <b>there</b></p>",
            attachments: []),
        Case(
            name: "text attachment is not the body",
            message: mime(
                "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\nfile\r\n"
                    + "--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n"), text: "body", html: nil,
            attachments: ["notes.txt"]),
        Case(
            name: "second inline text part is not an attachment",
            message: mime(
                "--b\r\nContent-Type: text/plain\r\n\r\nfirst\r\n--b\r\nContent-Type: text/plain\r\n\r\nsecond\r\n"),
            text: "first", html: nil, attachments: []),
        Case(
            name: "inline image with a name is an attachment, without a name is not",
            message: mime(
                "--b\r\nContent-Type: text/plain\r\n\r\nsee\r\n--b\r\nContent-Type: image/png; name=a.png\r\n\r\nx\r\n"
                    + "--b\r\nContent-Type: image/png\r\nContent-ID: <c1>\r\n\r\ny\r\n", type: "multipart/related"),
            text: "see", html: nil, attachments: ["a.png"]),
        Case(
            name: "text inside an attached message is not the body",
            message: mime(
                "--b\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=fwd.eml\r\n\r\n"
                    + "Subject: inner\r\n\r\ninner body\r\n--b\r\nContent-Type: text/plain\r\n\r\nouter body\r\n"),
            text: "outer body", html: nil, attachments: ["fwd.eml"]),
        Case(
            name: "nothing at all", message: mime("--b\r\nContent-Type: application/octet-stream\r\n\r\nxx\r\n"),
            text: "", html: nil, attachments: []),
        Case(
            name: "nested alternative inside mixed with attachment",
            message: mime(
                "--b\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\nnested\r\n"
                    + "--c\r\nContent-Type: text/html\r\n\r\n<i>nested</i>\r\n--c--\r\n--b\r\nContent-Type: application/pdf\r\n"
                    + "Content-Disposition: attachment; filename=\"plan.pdf\"\r\n\r\n%PDF\r\n"), text: "nested",
            html: "<i>nested</i>", attachments: ["plan.pdf"]),
        Case(
            name: "outer delimiter closes an unclosed inner multipart",
            message: mime(
                "--b\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n--c\r\nContent-Type: text/plain\r\n\r\ninner\r\n"
                    + "--b\r\nContent-Type: application/zip; name=z.zip\r\n\r\nPK\r\n"), text: "inner", html: nil,
            attachments: ["z.zip"]),
    ]

    @Test(arguments: cases)
    func selects(_ c: Case) {
        let m = Message(Array(c.message.utf8))
        #expect(m.textBody == c.text)
        #expect(m.htmlBody == c.html)
        #expect(m.attachments.map(\.filename) == c.attachments)
    }

    @Test func partsAreNumberedLikeIMAP() {
        let m = Message(Array(Self.cases[8].message.utf8))
        #expect(m.parts.map(\.path) == ["1", "1.1", "1.2", "2"])
        #expect(m.parts.map(\.contentType) == ["multipart/alternative", "text/plain", "text/html", "application/pdf"])
        #expect(m.parts.last?.filename == "plan.pdf")
        #expect(m.parts.last?.size == 4)
    }

    @Test func nestedMessageIsExposed() {
        let m = Message(Array(Self.cases[6].message.utf8))
        let inner = m.root.children.first?.message
        #expect(inner?.subject == "inner")
        #expect(inner?.textBody == "inner body")
        #expect(m.parts.map(\.path) == ["1", "1.1", "2"])
    }

    @Test func summaryJSONLine() {
        let msg =
            "From: \"Ann Example\" <Ann@Example.org>\r\nTo: b@example.org\r\nSubject: Hi \"there\"\r\n"
            + "Date: Mon, 23 Nov 2026 09:15:00 -0000\r\nMessage-ID: <abc@example.org>\r\nReferences: <r1@x> <r2@x>\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nline\ttab\r\n"
        let json = Message(Array(msg.utf8)).summary.jsonLine()
        #expect(
            json
                == "{\"subject\":\"Hi \\\"there\\\"\",\"from\":[{\"name\":\"Ann Example\",\"address\":\"ann@example.org\"}],"
                + "\"to\":[{\"name\":null,\"address\":\"b@example.org\"}],\"cc\":[],\"date\":\"2026-11-23T09:15:00+00:00\","
                + "\"messageId\":\"abc@example.org\",\"inReplyTo\":[],\"references\":[\"r1@x\",\"r2@x\"],"
                + "\"textBody\":\"line\\ttab\\n\",\"htmlBody\":null,\"attachments\":[],"
                + "\"parts\":[{\"path\":\"1\",\"contentType\":\"text/plain\",\"charset\":\"utf-8\",\"size\":10,\"filename\":null}]}"
        )
    }
}
