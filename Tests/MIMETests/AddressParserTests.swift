import Testing

@testable import MIME

/// RFC 5322 section 3.4 address lists with the obsolete syntax and real-world breakage.
struct AddressParserTests {
    @Test(
        arguments: [
            ("john@example.org", [nil], ["john@example.org"]),
            ("John Doe <John@Example.ORG>", ["John Doe"], ["john@example.org"]),
            ("\"Doe, John\" <john@example.org>", ["Doe, John"], ["john@example.org"]),
            ("\"Joe \\\"Q\\\" Public\" <joe@example.org>", ["Joe \"Q\" Public"], ["joe@example.org"]),
            ("Joe Q. Public <joe@example.org>", ["Joe Q. Public"], ["joe@example.org"]),
            ("joe@example.org (Joe Public)", ["Joe Public"], ["joe@example.org"]),
            (
                "a@example.org, B <b@example.org>,, c@example.org", [nil, "B", nil],
                ["a@example.org", "b@example.org", "c@example.org"]
            ),
            (
                "Team: a@example.org, B <b@example.org>;, c@example.org", [nil, "B", nil],
                ["a@example.org", "b@example.org", "c@example.org"]
            ),
            ("undisclosed-recipients:;", [], []),
            ("<@route.example:user@example.org>", [nil], ["user@example.org"]),
            ("=?utf-8?q?J=C3=B6rg?= <jorg@example.org>", ["Jörg"], ["jorg@example.org"]),
            ("=?utf-8?q?a?= =?utf-8?q?b?= <ab@example.org>", ["ab"], ["ab@example.org"]),
            ("\"=?utf-8?q?quoted?=\" <q@example.org>", ["quoted"], ["q@example.org"]),
            ("<a@example.org> Trailing Name", ["Trailing Name"], ["a@example.org"]),
            ("root", [nil], ["root"]),
            ("Name Only", ["Name Only"], [""]),
            ("<>", [nil], [""]),
            ("Broken <unterminated@example.org", ["Broken"], ["unterminated@example.org"]),
            ("jdoe@test . example", [nil], ["jdoe@test.example"]),
        ] as [(String, [String?], [String])])
    func parses(_ input: String, _ names: [String?], _ addresses: [String]) {
        let list = AddressParser.parseList(Array(input.utf8))
        #expect(list.map(\.address) == addresses)
        #expect(list.map(\.name) == names)
    }

    @Test(arguments: [
        ("<a@example.org>", ["a@example.org"]),
        ("<a@example.org> <b@example.org>", ["a@example.org", "b@example.org"]),
        ("<a@example.org>,\n <b@example.org> (comment)", ["a@example.org", "b@example.org"]),
        ("bare@example.org", ["bare@example.org"]),
        ("<>", []),
        ("<a b@example.org>", ["ab@example.org"]),
    ])
    func messageIDs(_ input: String, _ ids: [String]) {
        #expect(AddressParser.parseIDs(Array(input.utf8)) == ids)
    }

    @Test func hostileAddressListIsBounded() {
        let input = Array(String(repeating: "a@b,", count: 50_000).utf8)
        #expect(AddressParser.parseList(input).count == AddressParser.maxAddresses)
    }
}
