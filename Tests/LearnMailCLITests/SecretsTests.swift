import CommunityFakes
import Foundation
import MIME
import MailAdapters
import Testing

@testable import Community
@testable import LearnMailCLI

/// No mail kept in the spool holds a live token; no message echoes a credential; a password file
/// others can read is warned about.
@Suite("Secrets")
struct SecretsTests {
    /// Every file under the spool whose bytes contain `needle` (case-insensitive), or a token-shaped
    /// run after a token marker when `needle` is nil.
    static func filesHolding(_ needle: String?, under root: String) -> [String] {
        let names = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        return names.filter { name in
            guard let data = FileManager.default.contents(atPath: root + "/" + name) else { return false }
            let text = String(decoding: data, as: UTF8.self)
            if let needle { return text.lowercased().contains(needle.lowercased()) }
            return TokenRedaction.containsToken(text)
        }
    }

    static func moderatorReply(to notification: Message, token: ModerationToken) -> String {
        """
        From: facilitator@example.org
        To: learning+mod-\(token.text)@example.org
        Subject: Re: \(notification.subject ?? "")
        Message-ID: <reply-1@example.org>
        In-Reply-To: <\(notification.messageId ?? "")>

        approve

        > \(notification.subject ?? "")
        > Reply to learning+mod-\(token.text)@example.org

        """
    }

    @Test func aModerationConfirmationAndTheReplyItAnswersKeepNoToken() throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.test", MaildirFlow.contribution(1))
        let engine = try setup.engine()
        _ = try setup.round(engine)
        let notification = try #require(try setup.mail(to: "facilitator@example.org").first)
        let token = try #require(ModerationToken.find(in: notification)?.token)
        try setup.deliver("2.M2.test", Self.moderatorReply(to: notification, token: token))
        let report = try setup.round(engine)
        #expect(report.entries.first.map { "\($0.outcome)" }?.contains("approve") == true)
        #expect(try engine.spool.loadItem(1).status == .approved)
        // The confirmation went out and repeats the token…
        let confirmation = try #require(try setup.mail(to: "facilitator@example.org").last)
        #expect(confirmation.subject?.contains(token.text) == true)
        // …but the spool keeps it nowhere: not in sent/, not in the stored reply (processed/).
        let root = setup.config.dataDirectory
        #expect(Self.filesHolding(token.text, under: root) == [])
        #expect(Self.filesHolding(nil, under: root) == [])
        let sent = engine.outbox.entries(in: "sent").first { $0.kind == .moderationReply }
        #expect(sent?.secret == true)
        #expect(!FileManager.default.fileExists(atPath: root + "/sent/" + (sent?.id ?? "") + ".eml"))
        let stored = try readFile(root + "/processed/maildir-2.M2.test.eml")
        #expect(String(decoding: stored, as: UTF8.self).contains("+mod-_redacted_"))
    }

    @Test func aSecretMessageThatFailsForGoodIsNotKept() throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.test", MaildirFlow.contribution(1))
        let engine = try setup.engine()
        _ = engine.runOnce(
            source: MaildirMailSource(path: setup.folder + "/maildir"),
            sink: RefusingSink(
                try DirectoryMailSink(path: setup.folder + "/outbox"), refusing: ["facilitator@example.org"]))
        let failed = engine.outbox.entries(in: "failed")
        #expect(failed.map(\.kind) == [.notification])
        #expect(failed.first?.secret == true)
        #expect(failed.first?.recipients.first?.lastResponse?.contains("550") == true)
        let root = setup.config.dataDirectory
        #expect(!FileManager.default.fileExists(atPath: root + "/failed/" + (failed.first?.id ?? "") + ".eml"))
        #expect(Self.filesHolding(nil, under: root) == [])
    }

    @Test func aSubscriptionConfirmationIsNotKeptOnceSent() throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver(
            "1.sub.test",
            "From: reader@example.net\nTo: learning@example.org\nSubject: subscribe\nMessage-ID: <s1@x>\n\n")
        let engine = try setup.engine()
        _ = try setup.round(engine)
        let request = try #require(try setup.mail(to: "reader@example.net").first)
        let address = try #require(request.replyTo.first?.address)
        let token = String(address.split(separator: "@")[0].split(separator: "-").last ?? "")
        #expect(token.count >= 8)
        let root = setup.config.dataDirectory
        #expect(Self.filesHolding(token, under: root + "/sent") == [])
        #expect(engine.outbox.entries(in: "sent").allSatisfy { $0.secret == true })
    }

    @Test func aPasswordInAServerURLIsNeverEchoed() throws {
        for key in ["imap", "smtp"] {
            let url = key == "imap" ? "imaps://learning:hunter2@mail.example.org/INBOX" : "smtps://u:hunter2@mail:465"
            let mailbox = key == "imap" ? #"{"imap": "\#(url)", "username": "learning"}"# : #"{"maildir": "m"}"#
            let sender = key == "smtp" ? #"{"smtp": "\#(url)"}"# : #"{"outbox": "o"}"#
            let json = """
                {"community": {"name": "C", "address": "learning@example.org"}, "mailbox": \(mailbox),
                 "sender": \(sender), "moderators": ["f@example.org"]}
                """
            #expect {
                try Config.parse(Data(json.utf8), file: "/etc/learnmail.json")
            } throws: { error in
                let text = "\(error)"
                return !text.contains("hunter2") && text.contains(":***@") && text.contains(".\(key)'")
                    && text.contains("passwordFile")
            }
        }
        #expect(
            Config.redactingPassword(in: "imaps://user:p%40ss:word@host:993/INBOX") == "imaps://user:***@host:993/INBOX"
        )
        #expect(Config.redactingPassword(in: "imaps://host/INBOX") == "imaps://host/INBOX")
        #expect(Config.redactingPassword(in: "imaps://user@host/") == "imaps://user@host/")
    }

    @Test func aPasswordFileOthersCanReadIsWarnedAboutByCheckAndRun() throws {
        let folder = NSTemporaryDirectory() + "lm-secret-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/m/new", withIntermediateDirectories: true)
        let password = folder + "/smtp.pass"
        try Data("secret\n".utf8).write(to: URL(fileURLWithPath: password))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: password)
        let json = """
            {"community": {"name": "C", "address": "learning@example.org"}, "mailbox": {"maildir": "m"},
             "sender": {"smtp": "smtp://127.0.0.1:1", "username": "u", "passwordFile": "smtp.pass",
                        "allowPlaintext": true},
             "moderators": ["f@example.org"], "dataDirectory": "data"}
            """
        try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/learnmail.json"))
        let config = try Config.load(file: folder + "/learnmail.json")
        #expect(config.warnings.count == 1)
        let warning = try #require(config.warnings.first)
        #expect(
            warning.contains(password) && warning.contains("sender.passwordFile") && warning.contains("chmod 600")
                && warning.contains("644"))
        for command in [["check"], ["run", "--once"]] {
            let result = try learnmail(["--config", folder + "/learnmail.json"] + command)
            #expect(result.output.contains("sender.passwordFile") && result.output.contains("chmod 600"), "\(command)")
            #expect(!result.output.contains("secret\n"))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: password)
        #expect(try Config.load(file: folder + "/learnmail.json").warnings.isEmpty)
    }
}
