import IMAP
import Testing

@Suite struct CapabilitiesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var reply: String
        var move: Bool
        var uidPlus: Bool
        var auth: Set<String>
        var has: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "Dovecot untagged",
            reply:
                "* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT MOVE UIDPLUS ESEARCH NAMESPACE\r\nA1 OK\r\n",
            move: true, uidPlus: true, auth: [], has: ["ESEARCH", "namespace"]),
        Case(
            name: "greeting response code",
            reply: "* OK [CAPABILITY IMAP4rev1 LITERAL+ STARTTLS AUTH=PLAIN AUTH=LOGIN] Dovecot ready.\r\n",
            move: false,
            uidPlus: false, auth: ["PLAIN", "LOGIN"], has: ["STARTTLS"]),
        Case(
            name: "tagged OK after login wins over the greeting",
            reply: "* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\nA1 OK [CAPABILITY IMAP4rev1 MOVE UIDPLUS] Logged in\r\n",
            move: true, uidPlus: true, auth: []),
        Case(
            name: "Courier without TLS: no AUTH=, no MOVE",
            reply:
                "* CAPABILITY IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA IDLE\r\n",
            move: false, uidPlus: true, auth: []),
        Case(
            name: "Cyrus long line with LOGINDISABLED",
            reply:
                "* CAPABILITY IMAP4rev1 LITERAL+ ID ENABLE ACL RIGHTS=kxten QUOTA MAILBOX-REFERRALS NAMESPACE UIDPLUS "
                + "NO_ATOMIC_RENAME UNSELECT CHILDREN MULTIAPPEND BINARY CATENATE CONDSTORE ESEARCH SORT SORT=MODSEQ "
                + "SORT=DISPLAY SORT=UID THREAD=ORDEREDSUBJECT THREAD=REFERENCES ANNOTATEMORE ANNOTATE-EXPERIMENT-1 "
                + "METADATA LIST-EXTENDED LIST-STATUS LIST-MYRIGHTS LIST-METADATA WITHIN QRESYNC SCAN XLIST XMOVE MOVE "
                + "SPECIAL-USE CREATE-SPECIAL-USE DIGEST=SHA1 X-REPLICATION STATUS=SIZE OBJECTID SAVEDATE X-CREATEDMODSEQ "
                + "PREVIEW=FUZZY IDLE LOGINDISABLED URLAUTH URLAUTH=BINARY\r\n",
            move: true, uidPlus: true, auth: [], has: ["LOGINDISABLED", "URLAUTH=BINARY"]),
    ]

    @Test(arguments: cases)
    func parsesCapabilities(_ test: Case) throws {
        let capabilities = try #require(Capabilities.parse(Array(test.reply.utf8)))
        #expect(capabilities.supportsMove == test.move)
        #expect(capabilities.supportsUIDPlus == test.uidPlus)
        #expect(capabilities.authMechanisms == test.auth)
        for name in test.has { #expect(capabilities.contains(name), "\(name)") }
        #expect(capabilities.contains("IMAP4REV1"))
    }

    @Test func noCapabilityGivesNil() {
        #expect(Capabilities.parse(Array("* OK ready\r\nA1 OK done\r\n".utf8)) == nil)
    }
}
