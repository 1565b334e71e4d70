import Foundation
import IMAP
import MIME
import Testing
import Transport

/// The private Dovecot and Postfix that scripts/test-servers starts; their ports come from the
/// environment it writes (LEARNMAIL_TEST_*). Under CI the suite must not silently skip them.
struct TestServers {
    let environment = ProcessInfo.processInfo.environment

    static var available: Bool { ProcessInfo.processInfo.environment["LEARNMAIL_TEST_IMAP_PORT"] != nil }
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    var host: String { environment["LEARNMAIL_TEST_HOST"] ?? "127.0.0.1" }
    var imapPort: String { environment["LEARNMAIL_TEST_IMAP_PORT"] ?? "10143" }
    var imapsPort: String { environment["LEARNMAIL_TEST_IMAPS_PORT"] ?? "10993" }
    var smtpPort: String { environment["LEARNMAIL_TEST_SMTP_PORT"] ?? "10025" }
    var password: String { environment["LEARNMAIL_TEST_PASSWORD"] ?? "secret" }
    var caFile: String? { environment["LEARNMAIL_TEST_CA_FILE"] }

    func requireRunning() throws {
        guard Self.available else {
            throw TestSetupError(
                "the test servers are not running: use scripts/test, or scripts/test-servers start DIR and source DIR/env"
            )
        }
    }

    /// A fresh community (its own IMAP user and data folder) so that tests never see each other's mail.
    /// `sendThroughPostfix: false` writes outgoing mail into a folder instead (for bulk tests).
    func freshCommunity(
        user: String = "learning", imapPort: Int? = nil, smtpPort: Int? = nil, sendThroughPostfix: Bool = true
    ) throws -> CommunityRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(password.utf8).write(to: URL(fileURLWithPath: folder + "/imap.pass"))
        let imap =
            imapPort.map { "imap://\(host):\($0)/INBOX" } ?? "imaps://localhost:\(imapsPort)/INBOX"
        let smtp = "smtp://\(host):\(smtpPort.map(String.init) ?? self.smtpPort)"
        let sender: [String: Any] =
            sendThroughPostfix ? ["smtp": smtp, "allowPlaintext": true] : ["outbox": "outbox"]
        let config: [String: Any] = [
            "community": [
                "name": "Test Community", "address": "\(user)@example.test", "listId": "learning.example.test",
            ],
            "mailbox": [
                "imap": imap, "username": user, "passwordFile": "imap.pass", "processedFolder": "Processed",
                "allowPlaintext": imapPort != nil, "caFile": caFile ?? "",
            ].filter { !(($0.value as? String)?.isEmpty ?? false) },
            "sender": sender,
            "dataDirectory": "data",
            "moderators": ["facilitator@example.test"],
            "partners": [["organisation": "Test Partner", "domains": ["example.test"]]],
            "learningAreas": [["name": "Devices and data", "keywords": ["tablet", "tablets"]]],
        ]
        let data = try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted])
        try data.write(to: URL(fileURLWithPath: folder + "/learnmail.json"))
        // Earlier runs' mail must not count: empty every mailbox this test reads.
        for mailboxUser in Set([user, "learning", "facilitator", "sub1", "sub2"]) { try empty(user: mailboxUser) }
        return CommunityRun(folder: folder, communityUser: user, community: "\(user)@example.test")
    }

    // MARK: SMTP and IMAP helpers

    func submit(from: String, to: String, message: [UInt8]) throws {
        let sender = try SMTPSender(SMTPConfiguration(url: "smtp://\(host):\(smtpPort)", allowPlaintext: true))
        let results = sender.send([Envelope(from: from, recipients: [to], data: message)])
        guard results.first?.allAccepted == true else {
            throw TestSetupError("Postfix did not accept mail to \(to): \(results)")
        }
    }

    func mailbox(user: String) throws -> IMAPMailbox {
        try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://\(host):\(imapPort)/INBOX", username: user, password: password, allowPlaintext: true))
    }

    func messages(user: String) throws -> [Message] {
        let box = try mailbox(user: user)
        let status = try box.status()
        return try box.uids(from: UID(1)).map { Message(try box.fetch($0, uidValidity: status.uidValidity)) }
    }

    /// Waits (at most 30 s) until `user`'s INBOX holds `count` messages, and returns them.
    @discardableResult
    func waitForMessages(user: String, count: Int) throws -> [Message] {
        let deadline = Date().addingTimeInterval(30)
        var found: [Message] = []
        while Date() < deadline {
            found = try messages(user: user)
            if found.count >= count { return found }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw TestSetupError("\(user)'s INBOX has \(found.count) message(s), expected \(count) within 30 s")
    }

    /// Moves everything out of `user`'s INBOX (into "Earlier", over IMAP, so that Dovecot's
    /// indexes stay right) so that earlier runs' mail does not count.
    func empty(user: String) throws {
        let box = try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://\(host):\(imapPort)/INBOX", username: user, password: password, allowPlaintext: true,
                processedFolder: "Earlier"))
        _ = try box.status()
        for uid in try box.uids(from: UID(1)) { try box.markHandled(uid) }
    }
}

/// One community's config and data folder, and a way to run the learnmail executable on it.
struct CommunityRun {
    let folder: String
    let communityUser: String
    let community: String

    struct Result {
        var status: Int32
        var output: String
        /// Killed by a signal (a trap, SIGKILL) rather than exiting; `status` is then the signal.
        var died = false
    }

    /// Runs the real `learnmail` executable (built next to the test bundle) with this config.
    func learnmail(_ arguments: String...) throws -> Result {
        try LearnMailCLITests.learnmail(["--config", folder + "/learnmail.json"] + arguments)
    }

    static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("learnmail")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return Bundle.main.bundleURL.appendingPathComponent("learnmail")
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}

/// Mail as partners and the facilitator would write it, with CRLF line ends.
enum TestMail {
    static func contribution(title: String, number: Int, community: String) -> [UInt8] {
        let lines = [
            "From: Pat Partner <partner@example.test>",
            "To: \(community)",
            "Subject: \(title)",
            "Date: Mon, 23 Nov 2026 10:0\(number):00 +0000",
            "Message-ID: <e2e-\(number)-\(UUID().uuidString)@example.test>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "This week we learned something about \(title.lowercased()).",
            "",
            "We lent tablets to twelve tenants and ran two drop-in mornings.",
            "",
            "Pat",
        ]
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func reply(to notification: Message, command: String) -> [UInt8] {
        let quoted = (notification.textBody ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(12).map { "> " + $0 }.joined(separator: "\r\n")
        let lines = [
            "From: Fran Facilitator <facilitator@example.test>",
            "To: \(notification.replyTo.first?.address ?? "")",
            "Subject: Re: \(notification.subject ?? "")",
            "Date: Mon, 23 Nov 2026 11:00:00 +0000",
            "Message-ID: <reply-\(UUID().uuidString)@example.test>",
            "In-Reply-To: <\(notification.messageId ?? "")>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            command.trimmingCharacters(in: .whitespacesAndNewlines),
            "",
            "On Mon, 23 Nov 2026 at 10:30, Test Community <learning@example.test> wrote:",
            quoted,
        ]
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}
