import Testing

@testable import SMTP

/// Reply lines, whole replies and their meaning for a sender, as servers write them.
@Suite struct ReplyTests {
    @Test(
        "one reply line: code, last or not, text",
        arguments: [
            ("250 Ok", 250, true, "Ok"), ("250-PIPELINING", 250, false, "PIPELINING"), ("354", 354, true, ""),
            ("221 Bye\r\n", 221, true, "Bye"), ("250 Ok\n", 250, true, "Ok"), ("550-", 550, false, ""),
            ("250 ", 250, true, ""), ("450 4.7.1 ünïcode", 450, true, "4.7.1 ünïcode"),
            // RFC 5321 wants a space; a server that puts anything else there is read the same way.
            ("250xOk", 250, true, "Ok"), ("000 odd", 0, true, "odd"),
            // Not reply lines: too short, not three digits first.
            ("5x0 nope", nil, nil, nil), ("", nil, nil, nil), ("25", nil, nil, nil), ("OK 250", nil, nil, nil),
            (" 250 Ok", nil, nil, nil), ("\r\n", nil, nil, nil),
        ] as [(String, Int?, Bool?, String?)])
    func replyLine(_ line: String, _ code: Int?, _ isLast: Bool?, _ text: String?) {
        let parsed = ReplyLine(Array(line.utf8))
        #expect(parsed?.code == code)
        #expect(parsed?.isLast == isLast)
        #expect(parsed?.text == text)
    }

    @Test(
        "answers classified: throttling, too many recipients, temporary, permanent",
        arguments: [
            ("421 4.7.0 Try again later, closing connection", 421, "4.7.0", Reply.Kind.throttled),
            ("421 Service not available", 421, nil, .throttled),
            ("450 4.7.1 Error: too much mail from 127.0.0.1", 450, "4.7.1", .throttled),
            ("451 4.7.500 Server busy. Please try again later", 451, "4.7.500", .throttled),
            ("452 4.7.0 Too many messages this hour", 452, "4.7.0", .throttled),
            ("452 4.5.3 Error: too many recipients", 452, "4.5.3", .tooManyRecipients),
            ("452 Insufficient system storage", 452, nil, .temporary),
            ("452 4.3.1 Insufficient system storage", 452, "4.3.1", .temporary),
            ("451 4.3.0 Temporary lookup failure", 451, "4.3.0", .temporary),
            ("454 4.7.1 <c@y>: Relay access denied", 454, "4.7.1", .temporary),
            ("550 5.1.1 <nobody@example.org>: Recipient address rejected", 550, "5.1.1", .permanent),
            ("554 5.7.1 Relay access denied", 554, "5.7.1", .permanent),
            ("550 4.7.1 mixed up", 550, "4.7.1", .permanent),
            ("250 2.1.5 Ok", 250, "2.1.5", .positive), ("354 End data with <CR><LF>.<CR><LF>", 354, nil, .positive),
            ("250-2.0.0 first of several", 250, "2.0.0", .positive),
        ] as [(String, Int, String?, Reply.Kind)])
    func answers(line: String, code: Int, enhanced: String?, kind: Reply.Kind) throws {
        let reply = try #require(Reply(line))
        #expect(reply.code == code)
        #expect(reply.enhancedStatus?.description == enhanced)
        #expect(reply.kind == kind)
        #expect(reply.isPermanent == (kind == .permanent))
    }

    @Test(
        "what is not a reply: no answer, garbage",
        arguments: ["0 Couldn't connect to server", "", "Ok", "4.7.1 no code", "45 short", "-450 dash", "x450 4.7.1"])
    func notReplies(_ line: String) {
        #expect(Reply(line) == nil)
    }

    /// What `Reply.description` writes, `Reply(_:)` reads back the same: the outbox's `lastResponse`.
    @Test(arguments: [
        Reply(code: 450, text: "4.7.1 Error: too much mail"), Reply(code: 550, text: ""),
        Reply(code: 250, text: "2.0.0 Ok: queued as 1"), Reply(code: 554, text: "5.7.1 first line 5.7.1 second line"),
        Reply(code: 421, text: "  two spaces"),
    ])
    func roundTrip(_ reply: Reply) {
        #expect(Reply(reply.description) == reply)
    }

    @Test(
        "enhanced status codes (RFC 3463)",
        arguments: [
            ("5.1.1", (5, 1, 1) as (Int, Int, Int)?), ("4.7.500", (4, 7, 500)), ("2.0.0", (2, 0, 0)),
            ("4.07.1", (4, 7, 1)), ("5.999.999", (5, 999, 999)),
            ("3.1.1", nil), ("5.1", nil), ("5.1.1.1", nil), ("5..1", nil), ("5.1.", nil), ("5.1000.1", nil),
            ("5.a.1", nil), ("", nil), ("55.1.1", nil), ("5.1.1x", nil), ("5.١.1", nil),
        ] as [(String, (Int, Int, Int)?)])
    func enhancedStatus(_ text: String, _ parts: (Int, Int, Int)?) {
        let status = EnhancedStatus(text)
        #expect(status?.statusClass == parts?.0)
        #expect(status?.subject == parts?.1)
        #expect(status?.detail == parts?.2)
        // As written, leading zero and all: what a bounce record keeps is what the server said.
        if status != nil { #expect(status?.description == text) }
    }

    @Test(
        "the enhanced status is the first word of the text, or none",
        arguments: [
            ("5.1.1 <x@y>: User unknown", "5.1.1"), ("5.1.1", "5.1.1"), ("User unknown 5.1.1", nil),
            (" 5.1.1 leading space", nil), ("5.1.1: colon", nil), ("", nil),
        ] as [(String, String?)])
    func statusAtTheStart(_ text: String, _ expected: String?) {
        #expect(Reply(code: 550, text: text).enhancedStatus?.description == expected)
    }
}
