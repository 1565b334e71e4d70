import Foundation
import Testing

@testable import Community

@Suite("Config")
struct ConfigTests {
    static let minimal = """
        {"community": {"name": "C", "address": "learning@example.org"},
         "mailbox": {"maildir": "maildir"}, "sender": {"outbox": "outbox"},
         "moderators": ["Facilitator@Example.org"]}
        """

    @Test func minimalConfigGetsTheDocumentedDefaults() throws {
        let config = try Config.parse(Data(Self.minimal.utf8), file: "/etc/learnmail/learnmail.json")
        #expect(config.community.listId == "learning.example.org")
        #expect(config.moderators == ["facilitator@example.org"])
        #expect(config.dataDirectory == "/etc/learnmail/data")
        #expect(config.contributors == .partners)
        #expect(config.digest.weekday == 2)
        #expect(config.digest.time == (9, 0))
        #expect(config.digest.timeZone.identifier == "Europe/London")
        #expect(config.limits.maxMessageBytes == 26_214_400)
        #expect(config.limits.autoRepliesPerAddressPerDay == 5)
        guard case .maildir(let path) = config.mailbox else {
            Issue.record("expected a maildir")
            return
        }
        #expect(path == "/etc/learnmail/maildir")
    }

    @Test func imapAndSmtpSettingsAreRead() throws {
        let json = """
            {"community": {"name": "C", "address": "learning@example.org"},
             "mailbox": {"imap": "imaps://imap.example.org/INBOX", "username": "u", "passwordFile": "imap.pass",
                         "processedFolder": "Processed", "pollSeconds": 30, "caFile": "/etc/ca.pem"},
             "sender": {"smtp": "smtp://smtp.example.org:587", "username": "u", "passwordEnv": "SMTP_PW"},
             "moderators": ["f@example.org"]}
            """
        let config = try Config.parse(Data(json.utf8), file: "/srv/lm/config.json")
        guard case .imap(let server, let folder, let poll) = config.mailbox, case .smtp(let smtp) = config.sender else {
            Issue.record("expected IMAP and SMTP")
            return
        }
        #expect(server.url == "imaps://imap.example.org/INBOX")
        #expect(server.password == .file("/srv/lm/imap.pass"))
        #expect(server.caFile == "/etc/ca.pem")
        #expect(folder == "Processed")
        #expect(poll == 30)
        #expect(smtp.password == .environment("SMTP_PW"))
        #expect(smtp.allowPlaintext == false)
    }

    /// Each broken config names the key and says what was expected.
    @Test(arguments: [
        (
            #"{"community": {"name": "C", "address": "learning@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"], "modrators": []}"#,
            "key 'modrators': unknown key"
        ),
        (
            #"{"community": {"name": "C", "address": "learning@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}}"#,
            "key 'moderators': expected at least one moderator address"
        ),
        (
            #"{"community": {"name": "C", "address": "not-an-address"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"]}"#,
            "key 'community.address': expected an email address"
        ),
        (
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"], "digest": {"weekday": "funday"}}"#,
            "key 'digest.weekday': expected a day"
        ),
        (
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"], "digest": {"time": "9am"}}"#,
            "key 'digest.time': expected HH:MM"
        ),
        (
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"], "digest": {"timeZone": "Mars/Olympus"}}"#,
            "key 'digest.timeZone': expected an IANA time zone"
        ),
        (
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"imap": "http://x/INBOX"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"]}"#,
            "key 'mailbox.imap': expected a URL"
        ),
        (
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"imap": "imaps://x/INBOX", "password": "hunter2"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"]}"#,
            "key 'mailbox.password': passwords are never kept in the config"
        ),
        (
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"]}"#,
            "key 'mailbox': expected either"
        ),
        (
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"], "limits": {"maxMessageBytes": "big"}}"#,
            "key 'limits.maxMessageBytes': expected a whole number"
        ),
        (
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"], "limits": {"hardBouncesToDisable": true}}"#,
            "key 'limits.hardBouncesToDisable': expected a whole number"
        ),
        (
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"], "digest": {"sendEmpty": 1}}"#,
            "key 'digest.sendEmpty': expected true or false"
        ),
        (#"{"community": "#, "not valid JSON"),
    ])
    func errorsNameTheKey(json: String, expected: String) {
        do {
            _ = try Config.parse(Data(json.utf8), file: "learnmail.json")
            Issue.record("expected an error containing \(expected)")
        } catch let error as ConfigError {
            #expect(error.description.hasPrefix("learnmail.json: "))
            #expect(error.description.contains(expected), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// 0 and 1 are numbers, not booleans (JSONSerialization's NSNumbers bridge to Bool either way).
    @Test(arguments: [0, 1, 2]) func smallNumbersAreNumbers(limit: Int) throws {
        let json =
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"], "limits": {"autoRepliesPerAddressPerDay": \#(limit)}}"#
        let config = try Config.parse(Data(json.utf8), file: "learnmail.json")
        #expect(config.limits.autoRepliesPerAddressPerDay == limit)
    }

    @Test func passwordsComeFromFilesOrTheEnvironment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pass").path
        try Data("s3cret\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try Config.Secret.file(file).resolve(key: "mailbox", configFile: "c.json") == "s3cret")
        #expect(throws: ConfigError.self) {
            try Config.Secret.environment("LEARNMAIL_SURELY_UNSET_VARIABLE").resolve(
                key: "sender", configFile: "c.json")
        }
    }
}
