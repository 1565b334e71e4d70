import Community
import Foundation
import IMAP
import MIME
import TestServerSupport
import Testing
import Transport

/// The whole flow against real servers: a private Postfix (SMTP) delivering over LMTP into a private
/// Dovecot (IMAP), both started by scripts/test-servers (scripts/test does it). Partners mail the
/// community through Postfix, `learnmail run --once` polls IMAP and sends over SMTP, the facilitator
/// answers the notifications, and the digest lands in each subscriber's mailbox.
@Suite("End to end on Dovecot and Postfix", .serialized, .enabled(if: TestServers.available || TestServers.required))
struct EndToEndTests {
    let servers = TestServers()

    @Test func partnersFacilitatorAndSubscribersThroughRealServers() throws {
        try servers.requireRunning()
        let run = try servers.freshCommunity()

        // Three partners write in.
        let titles = ["Lending tablets to tenants", "Volunteer rota that works", "Scam awareness mornings"]
        for (n, title) in titles.enumerated() {
            try servers.submit(
                from: "partner@example.test", to: run.community,
                message: TestMail.contribution(title: title, number: n, community: run.community))
        }
        try servers.waitForMessages(user: run.communityUser, count: 3)

        // learnmail takes them in and notifies the facilitator.
        let first = try run.learnmail("run", "--once")
        #expect(first.status == 0, "\(first.output)")
        let notifications = try servers.waitForMessages(user: "facilitator", count: 3)
        var tokens: [String: Message] = [:]
        for notification in notifications {
            let subject = notification.subject ?? ""
            #expect(subject.contains("tok:"), "notification subject carries the token: \(subject)")
            #expect(notification.replyTo.first?.address.hasPrefix(run.communityUser + "+") == true)
            #expect(notification.headers["Auto-Submitted"] == "auto-generated")
            let title = titles.first { subject.contains($0) }
            #expect(title != nil, "notification names the item: \(subject)")
            if let title { tokens[title] = notification }
        }
        #expect(tokens.count == 3)

        // The facilitator approves two and rejects one, by replying.
        let answers = [titles[0]: "approve", titles[1]: "Approve\r\n", titles[2]: "reject Please add the dates"]
        for (title, command) in answers {
            guard let notification = tokens[title] else { continue }
            try servers.submit(
                from: "facilitator@example.test", to: notification.replyTo.first?.address ?? run.community,
                message: TestMail.reply(to: notification, command: command))
        }
        try servers.waitForMessages(user: run.communityUser, count: 3)
        let second = try run.learnmail("run", "--once")
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("now approved"))
        #expect(second.output.contains("now rejected"))
        // Each reply is confirmed to the facilitator.
        _ = try servers.waitForMessages(user: "facilitator", count: 6)

        // The digest goes to two subscribers.
        for user in ["sub1", "sub2"] {
            #expect(try run.learnmail("subscribers", "add", "\(user)@example.test").status == 0)
        }
        let digest = try run.learnmail("digest", "send", "--now")
        #expect(digest.status == 0, "\(digest.output)")
        for user in ["sub1", "sub2"] {
            let mailbox = try servers.waitForMessages(user: user, count: 1)
            #expect(mailbox.count == 1, "exactly one digest for \(user)")
            let text = mailbox[0].textBody ?? ""
            #expect(text.contains(titles[0]) && text.contains(titles[1]), "approved titles in \(user)'s digest")
            #expect(!text.contains(titles[2]), "the rejected title is not in \(user)'s digest")
            #expect(mailbox[0].headers["List-Id"]?.contains("example.test") == true)
            #expect(mailbox[0].headers["List-Unsubscribe"]?.contains("mailto:") == true)
            #expect(mailbox[0].htmlBody?.contains(titles[0]) == true)
        }
        // Sending again in the same week is refused: never two copies of one week.
        let again = try run.learnmail("digest", "send", "--now")
        #expect(again.status == 1)
        #expect(try servers.messages(user: "sub1").count == 1)
    }

    /// A large backlog (1200 messages, more than two intake batches) is taken in whole in one run
    /// and moved to the processed folder: nothing left behind, nothing twice.
    @Test func aLargeBacklogIsTakenInWhole() throws {
        try servers.requireRunning()
        let mailDir = try #require(ProcessInfo.processInfo.environment["LEARNMAIL_TEST_MAIL_DIR"])
        let run = try servers.freshCommunity(user: "bench", sendThroughPostfix: false)
        let inbox = "\(mailDir)/bench/Maildir/new"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        for n in 0..<1200 {
            let bytes = TestMail.contribution(title: "Backlog lesson \(n)", number: n % 10, community: run.community)
            try Data(bytes).write(to: URL(fileURLWithPath: "\(inbox)/\(1_800_000_000 + n).M\(n)P1.backlog"))
        }
        _ = chown(mailDir + "/bench", 65534, 65534)
        for name in try FileManager.default.subpathsOfDirectory(atPath: mailDir + "/bench") {
            _ = chown("\(mailDir)/bench/\(name)", 65534, 65534)  // nobody:nogroup, as Dovecot runs
        }
        let result = try run.learnmail("run", "--once")
        #expect(result.status == 0, "\(result.output.suffix(2000))")
        #expect(result.output.contains("1200 message(s) processed"))
        #expect(try servers.messages(user: "bench").isEmpty, "every message moved to Processed")
        let spool = try Spool(directory: run.folder + "/data")
        #expect(spool.itemIds().count == 1200)
    }

    @Test func anUnreachableServerExitsWithStatusThree() throws {
        try servers.requireRunning()
        let run = try servers.freshCommunity(imapPort: 9, smtpPort: 9)
        let result = try run.learnmail("run", "--once")
        #expect(result.status == 3, "\(result.output)")
        #expect(result.output.contains("cannot be reached"))
    }
}
