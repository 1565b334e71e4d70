import Testing

@testable import MIME

/// RFC 3676 format=flowed and DelSp.
struct FormatFlowedTests {
    @Test(arguments: [
        ("one \ntwo\n", false, "one two\n"),
        ("one \ntwo \nthree\nfour\n", false, "one two three\nfour\n"),
        ("Hello Wo\nrld\n", true, "Hello Wo\nrld\n"),
        ("Hello Wo \nrld\n", true, "Hello World\n"),
        (" >not a quote\n", false, ">not a quote\n"),
        ("> quoted \n> more\nplain\n", false, "> quoted more\nplain\n"),
        (">> deep \n> shallow\n", false, ">> deep \n> shallow\n"),
        ("text \n-- \nsig\n", false, "text \n-- \nsig\n"),
        ("a\r\nb\r\n", false, "a\nb\n"),
    ])
    func unflows(_ input: String, _ delSp: Bool, _ expected: String) {
        #expect(FormatFlowed.unflow(input, delSp: delSp) == expected)
    }

    @Test func flowedBodyIsJoinedInTextBody() {
        let msg = "Content-Type: text/plain; format=flowed; delsp=yes\r\n\r\nThis is a lo \r\nng line.\r\nNext.\r\n"
        #expect(Message(Array(msg.utf8)).textBody == "This is a long line.\nNext.\n")
    }
}
