import IMAP
import Testing

@testable import Transport

@Suite struct TransportErrorTests {
    @Test(
        arguments: [
            (
                "A003 NO Mailbox doesn't exist: X\r\n* BYE Logging out\r\nA004 OK Logout completed\r\n",
                "NO Mailbox doesn't exist: X"
            ),
            ("* OK hi\r\nA001 OK done\r\n", "OK done"),
            ("A7 BAD Error in IMAP command\r\n", "BAD Error in IMAP command"),
            ("* only untagged\r\n", nil),
            ("", nil),
        ] as [(String, String?)])
    func findsTheRefusal(_ headers: String, _ expected: String?) {
        #expect(TransportError.lastTaggedReply(Array(headers.utf8)) == expected)
    }

    static func outcome(_ code: Int) -> CurlEasy.Outcome {
        CurlEasy.Outcome(code: code, body: [], headers: [], dialogue: [], errorText: "detail \(code)")
    }

    @Test(arguments: [
        (6, "unreachable"), (7, "unreachable"), (28, "unreachable"), (67, "login"), (60, "tls"), (35, "tls"),
        (77, "tls"), (64, "tlsRequired"), (21, "rejected"), (56, "lost"), (55, "lost"), (3, "config"), (18, "other"),
    ])
    func mapsCurlCodes(_ code: Int, _ kind: String) {
        let error = TransportError.from(
            Self.outcome(code), service: "IMAP", server: "h:993", settingsKey: "mailbox.username", command: "NOOP")
        let actual: String
        switch error {
        case .unreachable: actual = "unreachable"
        case .loginRejected: actual = "login"
        case .tlsFailed: actual = "tls"
        case .tlsRequired: actual = "tlsRequired"
        case .commandRejected: actual = "rejected"
        case .connectionLost: actual = "lost"
        case .invalidConfiguration: actual = "config"
        default: actual = "other"
        }
        #expect(actual == kind)
        #expect(error.isUnreachable == (kind == "unreachable"))
        #expect(!error.description.isEmpty)
    }

    @Test func descriptionsSayWhatToDo() {
        #expect(
            TransportError.loginRejected(service: "IMAP", server: "127.0.0.1:10143", settingsKey: "mailbox.username")
                .description
                == "IMAP login to 127.0.0.1:10143 failed: authentication rejected — check mailbox.username and the password"
        )
        #expect(TransportError.tlsFailed(service: "SMTP", server: "h:465", detail: "x").description.contains("caFile"))
        #expect(TransportError.tlsRequired(service: "IMAP", server: "h:143").description.contains("allowPlaintext"))
        #expect(
            TransportError.uidValidityChanged(mailbox: "INBOX", expected: UIDValidity(5)).description.contains(
                "UIDVALIDITY"))
    }
}
