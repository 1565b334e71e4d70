import Testing

@testable import Community

@Suite struct ModerationCommandTests {
    @Test(arguments: [
        ("approve", ModerationCommand.approve as ModerationCommand?),
        ("Approve.", .approve), ("APPROVE!", .approve), ("  approve  ", .approve), ("approve\u{00A0}", .approve),
        ("reject", .reject(reason: nil)), ("Reject off topic", .reject(reason: "off topic")),
        ("reject: duplicate of #41", .reject(reason: "duplicate of #41")), ("reject - spam", .reject(reason: "spam")),
        ("hold", .hold), ("Hold.", .hold), ("show", .show), ("list", .list), ("help", .help), ("HELP", .help),
        ("edit title Tablets for all", .edit(.title, "Tablets for all")),
        ("Edit Summary: One line.", .edit(.summary, "One line.")),
        ("edit organization Example Housing", .edit(.organisation, "Example Housing")),
        ("edit area online safety", .edit(.area, "online safety")),
        ("tag +a -b c", .tag(add: ["a", "c"], remove: ["b"])),
        ("tags #Tablets, -Loans", .tag(add: ["tablets"], remove: ["loans"])),
        ("approve it", nil), ("Approve, thanks", nil), ("hold on, checking", nil), ("show this to Ann", nil),
        ("edit title", nil), ("edit colour red", nil), ("tag", nil), ("approved", nil), ("> approve", nil),
        ("* approve               publish it", nil), ("", nil), ("Thanks!", nil),
    ])
    func parseLine(line: String, expected: ModerationCommand?) {
        #expect(ModerationCommand.parse(line: line) == expected)
    }

    @Test(arguments: [
        ("approve\r\nThanks\r\napprove", [ModerationCommand.approve], nil as String?),
        ("\r\n\r\nedit title X\r\n\r\napprove\r\n", [.edit(.title, "X"), .approve], nil),
        ("approve\n> reject spam", [.approve], nil),
        ("> approve\napprove", [.approve], nil),
        ("On Mon, 30 Nov 2026, learnmail wrote:\n> approve\n\nThanks, not yet.", [], nil),
        (
            "On Mon, 30 Nov 2026, learnmail wrote:\n> New contribution\n>\n> * approve\n\nreject spam\n",
            [.reject(reason: "spam")], nil
        ),
        ("approve\n\nOn Mon, 30 Nov 2026, learnmail wrote:\n> x\n\nreject", [.approve], nil),
        ("approve\nedit colour red\nreject", [.approve], "edit colour red"),
        ("On Mon, 30 Nov 2026, learnmail wrote:\n> approve", [], nil),
        ("hold\n-- \napprove", [.hold], nil),
        ("\u{FEFF}approve", [.approve], nil),
        ("Approve, thanks", [], "Approve, thanks"),
    ])
    func parseReply(body: String, commands: [ModerationCommand], malformed: String?) {
        let reply = ModerationReply.parse(body)
        #expect(reply.commands == commands)
        #expect(reply.malformed == malformed)
    }

    @Test func descriptionsRoundTrip() {
        let commands: [ModerationCommand] = [
            .approve, .reject(reason: "off topic"), .reject(reason: nil), .hold, .edit(.title, "New title"),
            .tag(add: ["a"], remove: ["b"]), .show, .list, .help,
        ]
        for command in commands { #expect(ModerationCommand.parse(line: command.description) == command) }
    }
}
