import Testing

@testable import SMTP

/// Whole replies put together from their lines, as they arrive one at a time.
@Suite struct ReplyReaderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var lines: [String]
        var replies: [Reply]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "one line", lines: ["250 Ok"], replies: [Reply(code: 250, text: "Ok")]),
        Case(
            name: "EHLO's lines joined by one space",
            lines: ["250-mail.example.test", "250-PIPELINING", "250-SIZE 10240000", "250 SMTPUTF8"],
            replies: [Reply(code: 250, text: "mail.example.test PIPELINING SIZE 10240000 SMTPUTF8")]),
        Case(
            name: "a refusal over two lines keeps the first line's enhanced status",
            lines: ["550-5.7.1 first line", "550 5.7.1 second line"],
            replies: [Reply(code: 550, text: "5.7.1 first line 5.7.1 second line")]),
        Case(
            name: "replies one after another",
            lines: ["250 2.1.0 Ok", "452-4.5.3 Error:", "452 4.5.3 too many recipients", "354 go"],
            replies: [
                Reply(code: 250, text: "2.1.0 Ok"), Reply(code: 452, text: "4.5.3 Error: 4.5.3 too many recipients"),
                Reply(code: 354, text: "go"),
            ]),
        Case(
            name: "garbage lines are skipped, not taken for replies",
            lines: ["garbage", "250-first", "* not a reply", "250 last", "", "4.7.1 no code"],
            replies: [Reply(code: 250, text: "first last")]),
        Case(name: "a reply never ended is no reply", lines: ["250-one", "250-two"], replies: []),
        Case(name: "no lines", lines: [], replies: []),
        Case(
            name: "CRLF and LF endings",
            lines: ["250-a\r\n", "250 b\n"], replies: [Reply(code: 250, text: "a b")]),
    ]

    @Test(arguments: cases)
    func reads(_ test: Case) {
        #expect(ReplyReader.replies(test.lines.map { Array($0.utf8) }) == test.replies)
    }

    @Test func resetForgetsAReplyBegun() {
        var reader = ReplyReader()
        #expect(reader.read(Array("421-going".utf8)) == nil)
        reader.reset()
        #expect(reader.read(Array("250 Ok".utf8)) == Reply(code: 250, text: "Ok"))
    }
}
