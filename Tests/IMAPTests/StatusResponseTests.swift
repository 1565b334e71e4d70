import IMAP
import Testing

@Suite struct StatusResponseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var reply: String
        var mailbox: String
        var expected: MailboxStatus?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "Dovecot unquoted", reply: "* STATUS INBOX (MESSAGES 2 UIDNEXT 3 UIDVALIDITY 1795942293)\r\n",
            mailbox: "INBOX",
            expected: MailboxStatus(uidValidity: UIDValidity(1_795_942_293), uidNext: UID(3), messages: 2)),
        Case(
            name: "Courier quotes the name", reply: "* STATUS \"INBOX\" (MESSAGES 0 UIDNEXT 1 UIDVALIDITY 7)\r\n",
            mailbox: "INBOX", expected: MailboxStatus(uidValidity: UIDValidity(7), uidNext: UID(1), messages: 0)),
        Case(
            name: "order and case of items vary", reply: "* status inbox (uidvalidity 42 messages 10 uidnext 99)\r\n",
            mailbox: "INBOX", expected: MailboxStatus(uidValidity: UIDValidity(42), uidNext: UID(99), messages: 10)),
        Case(
            name: "INBOX compares case-insensitively", reply: "* STATUS Inbox (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 3)\r\n",
            mailbox: "INBOX", expected: MailboxStatus(uidValidity: UIDValidity(3), uidNext: UID(2), messages: 1)),
        Case(
            name: "other mailbox with space, quoted with escapes",
            reply: "* STATUS \"Lists/\\\"Learn\\\" Box\" (MESSAGES 5 UIDNEXT 6 UIDVALIDITY 1)\r\n",
            mailbox: "Lists/\"Learn\" Box",
            expected: MailboxStatus(uidValidity: UIDValidity(1), uidNext: UID(6), messages: 5)),
        Case(
            name: "name as a literal", reply: "* STATUS {5}\r\nINBOX (MESSAGES 4 UIDNEXT 5 UIDVALIDITY 9)\r\n",
            mailbox: "INBOX", expected: MailboxStatus(uidValidity: UIDValidity(9), uidNext: UID(5), messages: 4)),
        Case(
            name: "extra items and a tagged line around it",
            reply:
                "* OK still here\r\n* STATUS INBOX (MESSAGES 1 SIZE 1234 HIGHESTMODSEQ 77 UIDNEXT 2 UIDVALIDITY 3)\r\nA1 OK done\r\n",
            mailbox: "INBOX", expected: MailboxStatus(uidValidity: UIDValidity(3), uidNext: UID(2), messages: 1)),
        Case(
            name: "bare LF line endings", reply: "* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 3)\n",
            mailbox: "INBOX", expected: MailboxStatus(uidValidity: UIDValidity(3), uidNext: UID(2), messages: 1)),
        Case(
            name: "missing UIDNEXT is unusable", reply: "* STATUS INBOX (MESSAGES 1 UIDVALIDITY 3)\r\n",
            mailbox: "INBOX", expected: nil),
        Case(
            name: "other mailbox only", reply: "* STATUS Sent (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 3)\r\n",
            mailbox: "INBOX", expected: nil),
        Case(
            name: "UIDVALIDITY above 32 bits is malformed",
            reply: "* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 4294967296)\r\n", mailbox: "INBOX",
            expected: nil),
        Case(name: "unterminated list", reply: "* STATUS INBOX (MESSAGES 1 UIDNEXT", mailbox: "INBOX", expected: nil),
        Case(name: "empty", reply: "", mailbox: "INBOX", expected: nil),
    ]

    @Test(arguments: cases)
    func parsesStatus(_ test: Case) {
        let response = StatusResponse.parse(Array(test.reply.utf8), mailbox: test.mailbox)
        #expect(response.flatMap(MailboxStatus.init) == test.expected)
    }

    @Test func keepsOptionalItems() {
        let reply = "* STATUS INBOX (RECENT 2 UNSEEN 3 HIGHESTMODSEQ 18446744073709551615)\r\n"
        let response = StatusResponse.parseAll(Array(reply.utf8))
        #expect(
            response == [
                StatusResponse(mailbox: "INBOX", recent: 2, unseen: 3, highestModSeq: UInt64.max)
            ])
    }

    @Test func survivesHostileInput() {
        let deep = "* STATUS INBOX " + String(repeating: "(", count: 10_000) + "\r\n"
        #expect(StatusResponse.parseAll(Array(deep.utf8)).isEmpty)
        let hugeLiteral = "* STATUS {4294967295}\r\nINBOX"
        #expect(StatusResponse.parseAll(Array(hugeLiteral.utf8)).isEmpty)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<200, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            _ = StatusResponse.parseAll([UInt8]("* STATUS ".utf8) + bytes)
        }
    }
}
