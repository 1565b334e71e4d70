import Testing

@testable import Transport

@Suite struct ServerURLTests {
    @Test(arguments: [
        ("imaps://imap.example.org/INBOX", "imaps://imap.example.org/", "imap.example.org:993", "INBOX"),
        ("imap://127.0.0.1:10143/INBOX", "imap://127.0.0.1:10143/", "127.0.0.1:10143", "INBOX"),
        ("IMAP://Host:143", "imap://Host:143/", "Host:143", ""),
        ("imap://h/Lists%2FLearn%20Box", "imap://h/", "h:143", "Lists/Learn Box"),
        ("smtp://smtp.example.org:587", "smtp://smtp.example.org:587/", "smtp.example.org:587", ""),
        ("smtps://[::1]:465/client.example", "smtps://[::1]:465/", "[::1]:465", "client.example"),
    ])
    func parses(_ text: String, _ base: String, _ server: String, _ path: String) throws {
        let url = try ServerURL(parsing: text, schemes: ["imap", "imaps", "smtp", "smtps"])
        #expect(url.base == base)
        #expect(url.server == server)
        #expect(url.path == path)
    }

    @Test(arguments: [
        ("imap.example.org", "not a URL"), ("http://x/", "uses scheme http"), ("imap://user:pw@h/", "credentials"),
        ("imap://h:99999/", "bad port"), ("imap://:143/", "no host"),
    ])
    func rejects(_ text: String, _ phrase: String) {
        #expect {
            try ServerURL(parsing: text, schemes: ["imap", "imaps"])
        } throws: { error in
            guard case .invalidConfiguration(let message) = error as? TransportError else { return false }
            return message.contains(phrase)
        }
    }

    @Test func percentEncodingRoundTrips() {
        let name = "Entw&APw-rfe/Ä b%"
        #expect(ServerURL.percentDecoded(ServerURL.percentEncoded(name)) == name)
        #expect(ServerURL.percentEncoded("a b/c") == "a%20b%2Fc")
    }

    @Test func configurationErrorsSurfaceAtInit() {
        #expect(throws: TransportError.self) {
            try IMAPMailbox(IMAPConfiguration(url: "pop3://h/", username: "u", password: "p"))
        }
        #expect(throws: TransportError.self) { try SMTPSender(SMTPConfiguration(url: "imap://h/")) }
    }
}

@Suite struct ConfigurationDescriptionTests {
    @Test func passwordsNeverAppear() {
        let imap = IMAPConfiguration(url: "imaps://h/INBOX", username: "u", password: "hunter2", processedFolder: "P")
        let smtp = SMTPConfiguration(url: "smtp://h:587", username: "u", password: "hunter2")
        #expect(!"\(imap)".contains("hunter2") && "\(imap)".contains("imaps://h/INBOX"))
        #expect(!"\(smtp)".contains("hunter2") && "\(smtp)".contains("as u"))
    }
}

@Suite struct IMAPMailboxNameTests {
    @Test(arguments: [
        ("imaps://h/", "INBOX"), ("imaps://h", "INBOX"), ("imaps://h/INBOX/", "INBOX"),
        ("imaps://h/Lists%2FLearning", "Lists/Learning"), ("imap://h:143/Entw%C3%BCrfe", "Entwürfe"),
    ])
    func mailboxComesFromThePath(_ url: String, _ name: String) throws {
        #expect(try IMAPMailbox(IMAPConfiguration(url: url, username: "u", password: "p")).mailbox == name)
    }

    @Test func mailboxURLIsModifiedUTF7PercentEncoded() throws {
        let mailbox = try IMAPMailbox(
            IMAPConfiguration(url: "imap://h:143/Entw%C3%BCrfe", username: "u", password: "p"))
        #expect(mailbox.mailboxURL == "imap://h:143/Entw%26APw-rfe")
    }
}

@Suite struct ServerURLRedactionTests {
    @Test(arguments: [
        "imaps://learning:hunter2@mail.example.org/INBOX", "smtps://u:hunter2@[::1]:465", "imap://a:hunter2@h:99999/",
        "gopher://u:hunter2@h/",
    ])
    func aRefusedURLNeverShowsItsPassword(_ url: String) {
        #expect {
            _ = try ServerURL(parsing: url, schemes: ["imap", "imaps", "smtp", "smtps"])
        } throws: { error in
            let text = "\(error)"
            return !text.contains("hunter2") && text.contains(":***@")
        }
    }

    @Test func configurationsPrintNoPassword() {
        let imap = IMAPConfiguration(url: "imaps://u:hunter2@h/INBOX", username: "u", password: "pw")
        let smtp = SMTPConfiguration(url: "smtps://u:hunter2@h:465", username: "u", password: "pw")
        for text in ["\(imap)", "\(smtp)"] {
            #expect(!text.contains("hunter2") && !text.contains("pw"))
        }
        #expect(ServerURL.redacted("imaps://h/INBOX") == "imaps://h/INBOX")
        #expect(ServerURL.redacted("imaps://u@h/") == "imaps://u@h/")
    }
}
