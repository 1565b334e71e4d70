import Foundation
import IMAP
import MIME
import TestServerSupport
import Testing
import Transport

/// The servers as the CLI suites use them: a fresh community on them, mail put in through Postfix
/// and read back over IMAP (Transport).
extension TestServers {
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
        let smtp = "smtp://\(host):\(smtpPort ?? self.smtpPort)"
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
