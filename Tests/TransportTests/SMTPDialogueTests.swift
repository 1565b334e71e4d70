import SMTP
import Testing

@testable import Transport

/// Whole-transcript tests: lines as libcurl's debug callback reports them (sent = true).
@Suite struct SMTPDialogueTests {
    static func transcript(_ lines: [String]) -> [(sent: Bool, line: [UInt8])] {
        lines.map { line in
            let sent = line.hasPrefix("> ")
            return (sent: sent, line: Array((String(line.dropFirst(2)) + "\r\n").utf8))
        }
    }

    static let greeting = [
        "< 220 mail.example.test ESMTP", "> EHLO client", "< 250-mail.example.test", "< 250-PIPELINING",
        "< 250 SMTPUTF8",
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var lines: [String]
        var count: Int
        var expected: [RecipientStatus]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "all accepted",
            lines: greeting + [
                "> MAIL FROM:<a@x> SIZE=10", "< 250 2.1.0 Ok", "> RCPT TO:<b@x>", "< 250 2.1.5 Ok", "> RCPT TO:<c@x>",
                "< 250 2.1.5 Ok", "> DATA", "< 354 End data with <CR><LF>.<CR><LF>", "< 250 2.0.0 Ok: queued as 1",
            ], count: 2, expected: [.accepted, .accepted]),
        Case(
            name: "one permanent, one temporary, one accepted",
            lines: greeting + [
                "> MAIL FROM:<a@x>", "< 250 2.1.0 Ok", "> RCPT TO:<b@x>", "< 550 5.1.1 <b@x>: User unknown",
                "> RCPT TO:<c@y>", "< 454 4.7.1 <c@y>: Relay access denied", "> RCPT TO:<d@x>", "< 250 2.1.5 Ok",
                "> DATA", "< 354 go", "< 250 2.0.0 Ok: queued",
            ], count: 3,
            expected: [
                .failed(.refused(Reply(code: 550, text: "5.1.1 <b@x>: User unknown"))),
                .failed(.refused(Reply(code: 454, text: "4.7.1 <c@y>: Relay access denied"))), .accepted,
            ]),
        Case(
            name: "reused connection: no greeting, multi-line reply joined",
            lines: [
                "> MAIL FROM:<a@x>", "< 250 Ok", "> RCPT TO:<b@x>", "< 550-5.7.1 first line", "< 550 5.7.1 second line",
                "> RCPT TO:<c@x>", "< 250 Ok", "> DATA", "< 354 go", "< 250 queued",
            ], count: 2,
            expected: [.failed(.refused(Reply(code: 550, text: "5.7.1 first line 5.7.1 second line"))), .accepted]),
        Case(
            name: "end of data refused undoes accepted recipients",
            lines: greeting + [
                "> MAIL FROM:<a@x>", "< 250 Ok", "> RCPT TO:<b@x>", "< 250 Ok", "> DATA", "< 354 go",
                "< 554 5.7.1 Message rejected as spam",
            ], count: 1, expected: [.failed(.refused(Reply(code: 554, text: "5.7.1 Message rejected as spam")))]),
        Case(
            name: "sender refused: nobody got a RCPT",
            lines: greeting + ["> MAIL FROM:<a@x>", "< 553 5.7.1 Sender address rejected"], count: 2,
            expected: [
                .failed(.refused(Reply(code: 553, text: "5.7.1 Sender address rejected"))),
                .failed(.refused(Reply(code: 553, text: "5.7.1 Sender address rejected"))),
            ]),
        Case(
            name: "connection dropped after DATA",
            lines: greeting + ["> MAIL FROM:<a@x>", "< 250 Ok", "> RCPT TO:<b@x>", "< 250 Ok", "> DATA", "< 354 go"],
            count: 1, expected: [.failed(.unanswered("lost"))]),
        Case(
            name: "greeting refused", lines: ["< 421 4.3.2 Service not available"], count: 1,
            expected: [.failed(.refused(Reply(code: 421, text: "4.3.2 Service not available")))]),
        Case(name: "never connected", lines: [], count: 1, expected: [.failed(.unanswered("lost"))]),
    ]

    @Test(arguments: cases)
    func pairsRepliesWithRecipients(_ test: Case) {
        let dialogue = SMTPDialogue(Self.transcript(test.lines))
        #expect(dialogue.statuses(count: test.count, failure: "lost") == test.expected)
    }
}
