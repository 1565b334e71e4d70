import IMAP
import Testing

@Suite struct IMAPCommandTests {
    @Test(
        arguments: [
            (IMAPCommand.status("INBOX"), "STATUS \"INBOX\" (UIDVALIDITY UIDNEXT MESSAGES)"),
            (IMAPCommand.uidSearch(from: UID(5), through: nil), "UID SEARCH UID 5:*"),
            (IMAPCommand.uidSearch(from: UID(1), through: UID(20000)), "UID SEARCH UID 1:20000"),
            (IMAPCommand.uidMove(UID(7), to: "Processed"), "UID MOVE 7 \"Processed\""),
            (IMAPCommand.uidCopy(UID(7), to: "INBOX.Processed"), "UID COPY 7 \"INBOX.Processed\""),
            (IMAPCommand.uidAddFlags(UID(7), ["\\Deleted"]), "UID STORE 7 +FLAGS.SILENT (\\Deleted)"),
            (
                IMAPCommand.uidAddFlags(UID(7), ["\\Seen", "$LearnmailDone"], silent: false),
                "UID STORE 7 +FLAGS (\\Seen $LearnmailDone)"
            ),
            (IMAPCommand.uidExpunge(UID(7)), "UID EXPUNGE 7"),
            (IMAPCommand.create("Entwürfe"), "CREATE \"Entw&APw-rfe\""),
            (IMAPCommand.list("a\"b\\c"), "LIST \"\" \"a\\\"b\\\\c\""),
            (IMAPCommand.create("bad\r\nA2 LOGOUT"), nil),
        ] as [(String?, String?)])
    func buildsCommands(_ built: String?, _ expected: String?) {
        #expect(built == expected)
    }

    @Test(arguments: [
        ("INBOX", "INBOX"), ("Entwürfe", "Entw&APw-rfe"), ("A&B", "A&-B"), ("日本語", "&ZeVnLIqe-"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"), ("😀", "&2D3eAA-"),
    ])
    func modifiedUTF7RoundTrips(_ plain: String, _ encoded: String) {
        #expect(ModifiedUTF7.encode(plain) == encoded)
        #expect(ModifiedUTF7.decode(encoded) == plain)
    }

    @Test func uidOrderingAndCodable() throws {
        #expect(UID(2) < UID(10))
        #expect(UID(UInt32.max).successor == nil)
        #expect(UID(1).successor == UID(2))
        #expect(UID(5).description == "5")
        #expect(UIDValidity(9).description == "9")
    }
}
