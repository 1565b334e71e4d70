import Community
import Foundation
import Testing

/// `status` shows what waits and when it goes when `sender.limits` holds mail back (no servers:
/// the sender is a folder, which the limits govern like SMTP).
@Suite("Status shows waiting mail")
struct StatusWaitingTests {
    @Test func whatTheDayCannotTakeIsShownWithWhenItGoes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-waiting-\(UUID().uuidString)")
            .path
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(
                atPath: "\(folder)/maildir/\(sub)", withIntermediateDirectories: true)
        }
        let config: [String: Any] = [
            "community": ["name": "Waiting", "address": "learning@example.test"],
            "mailbox": ["maildir": "maildir"],
            "sender": ["outbox": "sent-mail", "limits": ["messagesPerMinute": 600, "recipientsPerDay": 4]],
            "moderators": ["facilitator@example.test"],
            "partners": [["organisation": "Test Partner", "domains": ["example.test"]]],
            "digest": ["timeZone": "Europe/London"],
        ]
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: folder + "/learnmail.json"))
        let run = CommunityRun(folder: folder, communityUser: "learning", community: "learning@example.test")
        try Data(TestMail.contribution(title: "Waiting mail", number: 1, community: run.community))
            .write(to: URL(fileURLWithPath: folder + "/maildir/new/1.eml"))
        // The notification and the acknowledgement: two of the day's four.
        #expect(try run.learnmail("run", "--once").status == 0)
        #expect(try run.learnmail("queue", "approve", "1").status == 0)
        try Data("address\na@example.net\nb@example.net\nc@example.net\nd@example.net\ne@example.net\n".utf8)
            .write(to: URL(fileURLWithPath: folder + "/readers.csv"))
        #expect(try run.learnmail("subscribers", "import", folder + "/readers.csv").status == 0)
        // Two more go (in the queue's order: digest copies first); three copies and the approval note
        // to the contributor wait for tomorrow.
        let digest = try run.learnmail("digest", "send", "--now")
        #expect(digest.output.contains("Sent 2, deferred 0, failed 0."), "\(digest.output)")
        #expect(digest.output.contains("Still queued: 4, next at "), "\(digest.output)")

        let tomorrow = DayBudget(recipientsPerDay: 4, timeZone: TimeZone(identifier: "Europe/London")!)
            .nextDayStart(after: Date())
        let json = try run.learnmail("status", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let outbox = try #require(object["outbox"] as? [String: Any])
        #expect(outbox["queued"] as? Int == 4)
        #expect(outbox["sent"] as? Int == 2)  // entries: the notification and the acknowledgement
        #expect(outbox["failed"] as? Int == 0)
        #expect(outbox["nextAttemptAt"] as? String == ISO8601UTC.string(from: tomorrow))
        let today = try #require(outbox["today"] as? [String: Any])
        #expect(today["recipients"] as? Int == 4 && today["recipientsPerDay"] as? Int == 4)
        let limits = try #require(outbox["limits"] as? [String: Any])
        #expect(limits["messagesPerMinute"] as? Int == 600 && limits["recipientsPerDay"] as? Int == 4)

        let human = try run.learnmail("status")
        #expect(human.output.contains("Outbox:       4 queued, 2 sent, 0 failed; the next goes "), "\(human.output)")
        #expect(human.output.contains("Sending:      600 messages a minute; 4 of 4 recipients today"))
        // Four messages today, each in the folder once.
        let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/sent-mail").filter {
            $0.hasSuffix(".eml")
        }
        #expect(files.count == 4)
    }
}
