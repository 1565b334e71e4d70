import Foundation
import Testing

@testable import Community

@Suite struct IntakeCleanerTests {
    struct Row: Sendable, CustomStringConvertible {
        var label: String
        var input: String
        var subject: String? = nil
        var expected: String
        var forwardedFrom: Person? = nil
        var description: String { label }
    }

    static let rows: [Row] = [
        Row(label: "plain text stays", input: "Line one.\nLine two.", expected: "Line one.\nLine two."),
        Row(
            label: "CRLF and trailing spaces", input: "Para one.  \r\n\r\n\r\n\r\nPara two.\r\n",
            expected: "Para one.\n\nPara two."),
        Row(label: "signature", input: "Text.\n-- \nAnn\n07700 900000", expected: "Text."),
        Row(label: "sent from my iPad", input: "Text.\n\nSent from my iPad", expected: "Text."),
        Row(label: "Von meinem iPhone gesendet", input: "Text.\n\nVon meinem iPhone gesendet", expected: "Text."),
        Row(label: "Enviado desde mi iPhone", input: "Texto.\n\nEnviado desde mi iPhone", expected: "Texto."),
        Row(
            label: "gmail attribution",
            input: "Mine.\n\nOn Mon, 23 Nov 2026 at 09:15, Ann <a@b.org> wrote:\n\n> theirs\n> more",
            expected: "Mine."),
        Row(
            label: "attribution wrapped over three lines",
            input:
                "Mine.\n\nOn Monday, 23 November 2026 at 09:15:00 GMT,\nAnn Example\n<ann@example.org> wrote:\n> theirs",
            expected: "Mine."),
        Row(
            label: "German attribution (name after the verb)",
            input: "Meins.\n\nAm 23.11.2026 um 09:15 schrieb Ann Example <ann@example.org>:\n> theirs",
            expected: "Meins."),
        Row(
            label: "inline answers keep own text between quotes",
            input: "On 23/11/2026 09:15, Ann wrote:\n> Question one?\n\nAnswer one.\n\n> Question two?\n\nAnswer two.",
            expected: "Answer one.\n\n> Question two?\n\nAnswer two."),
        Row(
            label: "quoted lines without an attribution are kept (unsure: keep)",
            input: "As the guide says:\n> Always check the sender.\nGood advice.",
            expected: "As the guide says:\n> Always check the sender.\nGood advice."),
        Row(
            label: "a From: line in prose is kept",
            input: "From: the council's digital team.\nSent: too many leaflets.",
            expected: "From: the council's digital team.\nSent: too many leaflets."),
        Row(
            label: "wrote: without a quote or attribution start is kept",
            input: "Our learner wrote:\nThank you for your patience.",
            expected: "Our learner wrote:\nThank you for your patience."),
        Row(
            label: "Outlook block with blank lines between header paragraphs",
            input: "Mine.\n\nFrom: Ann <a@b.org>\n\nSent: Monday\n\nTo: Bob\n\nSubject: x\n\nTheirs.", expected: "Mine."
        ),
        Row(
            label: "Outlook French block",
            input: "Le mien.\n\nDe : Ann <a@b.org>\nEnvoyé : lundi\nÀ : Bob\nObjet : x\n\nLe leur.",
            expected: "Le mien."),
        Row(
            label: "Welsh Outlook block",
            input: "Fy nhestun.\n\nOddi wrth: Ann\nAnfonwyd: dydd Llun\nAt: Bob\nPwnc: x\n\nEu testun.",
            expected: "Fy nhestun."),
        Row(
            label: "Gmail forward keeps the note and the forwarded text",
            input:
                "Note.\n\n---------- Forwarded message ---------\nFrom: Bob B <bob@x.org>\nDate: Mon\nSubject: S\nTo: Ann <a@b.org>\n\n\nForwarded text.\n\n-- \nBob's signature",
            subject: "Fwd: S", expected: "Note.\n\nForwarded text.",
            forwardedFrom: Person(name: "Bob B", address: "bob@x.org")),
        Row(
            label: "German Gmail forward",
            input:
                "---------- Weitergeleitete Nachricht ---------\nVon: Bob <bob@x.org>\nDate: Mo.\nSubject: S\nTo: a@b.org\n\nText.",
            subject: "Fwd: S", expected: "Text.", forwardedFrom: Person(name: "Bob", address: "bob@x.org")),
        Row(
            label: "Outlook forward needs a forward subject",
            input:
                "FYI\n\n-----Original Message-----\nFrom: Bob [mailto:bob@x.org]\nSent: Monday\nTo: Ann\nSubject: S\n\nTheir text.",
            subject: "FW: S", expected: "FYI\n\nTheir text.", forwardedFrom: Person(name: "Bob", address: "bob@x.org")),
        Row(
            label: "the same block in a reply is history",
            input:
                "Mine.\n\n-----Original Message-----\nFrom: Bob [mailto:bob@x.org]\nSent: Monday\nTo: Ann\nSubject: S\n\nTheir text.",
            subject: "RE: S", expected: "Mine."),
        Row(
            label: "forward with a name-only From (Outlook HTML)",
            input:
                "________________________________\nFrom: Bob Brown\nSent: 27 November 2026 14:00\nTo: Ann\nSubject: S\n\nText.",
            subject: "FW: S", expected: "Text.", forwardedFrom: Person(name: "Bob Brown", address: "")),
        Row(
            label: "a bare -- before a long section is kept",
            input: "Part one.\n--\nPart two.\nMore.\nMore.\nMore.\nMore.\nMore.\nMore.",
            expected: "Part one.\n--\nPart two.\nMore.\nMore.\nMore.\nMore.\nMore.\nMore."),
        Row(
            label: "a bare -- before a short block is a signature", input: "Text.\n--\nAnn\nExample Housing",
            expected: "Text."),
        Row(
            label: "Sent from my… inside the text is kept",
            input: "Sent from my phone on the bus, so brief:\nTablets work.",
            expected: "Sent from my phone on the bus, so brief:\nTablets work."),
        Row(
            label: "Outlook first-contact tip",
            input:
                "You don't often get email from ann@x.org. Learn why this is important<https://aka.ms/LearnAboutSenderIdentification>\n\nOur text.",
            expected: "Our text."),
        Row(
            label: "gateway banner paragraph",
            input:
                "CAUTION: This email originated from outside of the organisation.\nDo not click links unless you recognise the sender.\n\nOur text.",
            expected: "Our text."),
        Row(
            label: "banner glued to the text keeps the text",
            input: "[EXTERNAL] Take care with links.\nOur text goes on here.", expected: "Our text goes on here."),
        Row(
            label: "banner in a forwarded part",
            input:
                "Note.\n\n---------- Forwarded message ---------\nFrom: Bob <bob@x.org>\nDate: Mon\nSubject: S\nTo: a@b.org\n\nThis email originated from outside the council.\n\nTheir text.",
            subject: "Fwd: S", expected: "Note.\n\nTheir text.",
            forwardedFrom: Person(name: "Bob", address: "bob@x.org")),
        Row(
            label: "the phrase inside the text is kept",
            input: "Our text.\n\nExternal email is a worry for learners.",
            expected: "Our text.\n\nExternal email is a worry for learners."),
        Row(
            label: "nothing left of a substantial message: all kept",
            input:
                "See below.\n\nOn Mon, 23 Nov 2026 at 09:15, Ann <a@b.org> wrote:\n> We lent forty tablets this autumn and learned that a weekly drop-in and a data SIM matter more than the device itself.",
            expected:
                "See below.\n\nOn Mon, 23 Nov 2026 at 09:15, Ann <a@b.org> wrote:\n> We lent forty tablets this autumn and learned that a weekly drop-in and a data SIM matter more than the device itself."
        ),
        Row(label: "empty body", input: "", expected: ""),
        Row(label: "only a signature", input: "-- \nAnn", expected: ""),
    ]

    @Test(arguments: rows)
    func clean(_ row: Row) {
        let result = BodyCleaner.clean(row.input, subject: row.subject)
        #expect(result.text == row.expected)
        #expect(result.forwardedFrom == row.forwardedFrom)
    }

    @Test func hostileInputStaysLinear() {
        // 60 000 lines of every marker kind: must finish quickly and never crash.
        var lines: [String] = []
        for i in 0..<10_000 {
            lines += ["From: a\(i)@b.org", "", "On x wrote:", "________________", "> q", "-----Original Message-----"]
        }
        let text = lines.joined(separator: "\n")
        let start = Date()
        _ = BodyCleaner.clean(text, subject: "FW: x")
        _ = BodyCleaner.clean(String(repeating: "x wrote:\n\n\n", count: 20_000))
        _ = BodyCleaner.clean(String(repeating: "> On 1 Jan, a wrote:\n", count: 20_000))
        _ = ContributionExtractor.extract(
            subject: String(repeating: "Re: [x] ", count: 5_000), contributor: Person(address: "a@b.org"),
            text: String(repeating: "#tag https://x.org/( ", count: 5_000), messageId: nil, rules: IntakeFixtures.rules)
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
