import Foundation
import IMAP
import MIME
import TestServerSupport
import Testing

/// Sending within the provider's limits against a real Postfix that throttles: the second SMTP port
/// that scripts/servers/throttled-smtpd adds takes at most 40 messages per client in each 5 seconds
/// and answers `450 4.7.1 Error: too much mail from 127.0.0.1` beyond that (loopback not exempt).
@Suite("Throttled digest", .serialized, .enabled(if: TestServers.available || TestServers.required))
struct ThrottledDigestTests {
    let servers = TestServers()

    @Test func aDigestToOneHundredAndFiftyReadersThroughAThrottlingPostfixReachesEachOnce() throws {
        try servers.requireRunning()
        guard let port = servers.environment["LEARNMAIL_TEST_THROTTLED_SMTP_PORT"] else {
            throw TestSetupError(
                "LEARNMAIL_TEST_THROTTLED_SMTP_PORT is not set: start the servers with scripts/test-servers")
        }
        // Everything this test sends lands in the `throttled` user's mailbox: readers are
        // throttled+rN@example.test (Postfix and Dovecot take the part after + as a detail).
        try servers.empty(user: "throttled")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-throttled-\(UUID().uuidString)")
            .path
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(
                atPath: "\(folder)/maildir/\(sub)", withIntermediateDirectories: true)
        }
        let config: [String: Any] = [
            "community": ["name": "Throttled", "address": "learning@example.test", "listId": "throttled.example.test"],
            "mailbox": ["maildir": "maildir"],
            "sender": [
                "smtp": "smtp://\(servers.host):\(port)", "allowPlaintext": true,
                // The pace alone (20 a second) would not keep under the server's 8 a second: it throttles.
                "limits": ["messagesPerMinute": 1200, "recipientsPerDay": 1000],
            ],
            "dataDirectory": "data",
            "moderators": ["throttled@example.test"],
            "partners": [["organisation": "Test Partner", "domains": ["example.test"]]],
        ]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: folder + "/learnmail.json"))
        let run = CommunityRun(folder: folder, communityUser: "learning", community: "learning@example.test")

        // One contribution, approved; 150 readers.
        try Data(TestMail.contribution(title: "Paced digests", number: 1, community: run.community))
            .write(to: URL(fileURLWithPath: folder + "/maildir/new/1.eml"))
        let intake = try run.learnmail("run", "--once")
        #expect(intake.status == 0, "\(intake.output)")
        #expect(try run.learnmail("queue", "approve", "1").status == 0)
        let readers = (1...150).map { "throttled+r\($0)@example.test" }
        try Data(("address\n" + readers.joined(separator: "\n") + "\n").utf8)
            .write(to: URL(fileURLWithPath: folder + "/readers.csv"))
        let imported = try run.learnmail("subscribers", "import", folder + "/readers.csv")
        #expect(imported.status == 0, "\(imported.output)")

        let started = Date()
        let digest = try run.learnmail("digest", "send", "--now")
        let seconds = Date().timeIntervalSince(started)
        print("throttled digest: \(String(format: "%.1f", seconds)) s\n\(digest.output)")
        #expect(digest.status == 0, "\(digest.output)")
        // The 150 copies and the contributor's note that the approval queued: nothing deferred or failed.
        #expect(digest.output.contains("Sent 151, deferred 0, failed 0."), "\(digest.output)")
        #expect(digest.output.contains("The server asked to slow down"), "the server did throttle: \(digest.output)")
        #expect(digest.output.contains("450 4.7.1 Error: too much mail from 127.0.0.1"), "\(digest.output)")

        // The moderator's notification and one digest per reader, each exactly once.
        // Count first (cheap), then fetch each message once.
        let box = try servers.mailbox(user: "throttled")
        let deadline = Date().addingTimeInterval(60)
        while try box.uids(from: UID(1)).count < 151 && Date() < deadline { Thread.sleep(forTimeInterval: 0.3) }
        let mail = try servers.messages(user: "throttled")
        #expect(mail.count == 151)
        var copies: [String: Int] = [:]
        for message in mail where message.subject?.contains("tok:") != true {
            for address in message.to.map(\.address) { copies[address, default: 0] += 1 }
        }
        #expect(copies.count == 150)
        for reader in readers { #expect(copies[reader] == 1, "\(reader): \(copies[reader] ?? 0) copies") }

        // Nothing waits, nothing failed, nobody bounced; today's count holds every recipient.
        let status = try run.learnmail("status", "--json")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any])
        let outbox = try #require(object["outbox"] as? [String: Any])
        #expect(outbox["queued"] as? Int == 0)
        #expect(outbox["failed"] as? Int == 0)
        #expect(outbox["nextAttemptAt"] is NSNull)
        // Every recipient of every message sent through the sender counts: the spool's sent/ says how many.
        var sentRecipients = 0
        let sent = folder + "/data/sent"
        for name in try FileManager.default.contentsOfDirectory(atPath: sent) where name.hasSuffix(".json") {
            let entry = try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: sent + "/" + name)))
            let recipients = (entry as? [String: Any])?["recipients"] as? [[String: Any]] ?? []
            sentRecipients += recipients.filter { $0["state"] as? String == "sent" }.count
        }
        #expect(sentRecipients == 153)  // the notification and the acknowledgement, the approval note, 150 copies
        #expect((outbox["today"] as? [String: Any])?["recipients"] as? Int == sentRecipients)
        let subscribers = try #require(object["subscribers"] as? [String: Any])
        #expect(subscribers["active"] as? Int == 150 && subscribers["disabled"] as? Int == 0)
        print("throttled digest status: \(status.output)")
    }
}
