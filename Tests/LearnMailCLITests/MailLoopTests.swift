import Foundation
import MIME
import Testing

@testable import Community
@testable import LearnMailCLI

/// Mail loops (SECURITY.md): a robot that answers every mail, or one sender writing many times a
/// day, must never get learnmail into an exchange that feeds itself.
@Suite("Mail loops")
struct MailLoopTests {
    static func message(_ n: Int, from sender: String, headers: String = "") -> String {
        """
        From: <\(sender)>
        To: learning@example.org
        Subject: Note \(n) about tablets
        Date: Mon, 23 Nov 2026 07:30:00 +0000
        Message-ID: <loop-\(n)-\(sender)>
        \(headers)Content-Type: text/plain; charset=utf-8

        Note \(n): we learned that tenants keep the tablets charged when the chargers stay in the flat.

        """
    }

    @Test func oneSenderGetsAtMostTheDailyShareOfAutomaticReplies() throws {
        let setup = try MaildirFlow.Setup(extraConfig: #", "limits": {"autoRepliesPerAddressPerDay": 3}"#)
        for n in 1...8 {
            try setup.deliver("\(n).M\(n).loop", Self.message(n, from: "helen@examplehousing.org.uk"))
        }
        let report = try setup.round(try setup.engine())
        #expect(report.entries.count == 8)
        #expect(try setup.mail(to: "helen@examplehousing.org.uk").count == 3)
        // The facilitator still hears of every item: the cap is on answers, not on moderation.
        #expect(try setup.mail(to: "facilitator@example.org").count == 8)

        // The next day the sender has a fresh share.
        setup.clock.now = setup.clock.now.addingTimeInterval(86_400)
        try setup.deliver("9.M9.loop", Self.message(9, from: "helen@examplehousing.org.uk"))
        _ = try setup.round(try setup.engine())
        #expect(try setup.mail(to: "helen@examplehousing.org.uk").count == 4)
    }

    @Test(arguments: [
        "Auto-Submitted: auto-replied\n",
        "Precedence: bulk\n",
        "List-Id: <other.example.org>\n",
        "Return-Path: <>\n",
    ])
    func automaticMailIsNeverAnswered(header: String) throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.robot", Self.message(1, from: "robot@examplehousing.org.uk", headers: header))
        _ = try setup.round(try setup.engine())
        #expect(try setup.mail(to: "robot@examplehousing.org.uk").isEmpty)
    }

    @Test func everyMailLearnmailSendsSaysItIsAutomatic() throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.loop", Self.message(1, from: "helen@examplehousing.org.uk"))
        _ = try setup.round(try setup.engine())
        let sent = try FileManager.default.contentsOfDirectory(atPath: setup.folder + "/outbox").filter {
            $0.hasSuffix(".eml")
        }
        #expect(sent.count == 2)
        for name in sent {
            let message = Message(try readFile(setup.folder + "/outbox/" + name))
            #expect(message.headers["Auto-Submitted"]?.hasPrefix("auto-") == true, "\(name)")
        }
    }
}
