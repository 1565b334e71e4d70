import Foundation
import MIME
import Testing

@testable import Community

func bounceFixture(_ name: String) throws -> Message {
    let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let data = try Data(contentsOf: dir.appendingPathComponent("bounces/\(name)"))
    return Message(Array(data))
}

@Suite struct BounceReaderTests {
    /// (fixture, recipient, kind, status, format, a phrase of the diagnostic)
    @Test(arguments: [
        (
            "postfix-user-unknown.eml", "ann.old@examplehousing.org.uk", Bounce.Kind.hard, "5.1.1", Bounce.Format.dsn,
            "User unknown in virtual mailbox table"
        ),
        ("postfix-delayed.eml", "bob@slowmail.example", .soft, "4.4.1", .dsn, "Connection timed out"),
        ("exim-user-unknown.eml", "c.jones@libraries.example.gov.uk", .hard, "5.1.1", .exim, "550 5.1.1"),
        ("exim-delay-warning.eml", "dee@charity.example.org", .soft, "4.2.2", .exim, "Mailbox full"),
        ("qmail-user-unknown.eml", "eve@oldhost.example", .hard, "5.1.1", .qmail, "User unknown"),
        ("qmail-no-status.eml", "frank@oldhost.example", .hard, "5.1.1", .qmail, "no mailbox here"),
        (
            "exchange-recipient-not-found.eml", "j.smith@contoso.co.uk", .hard, "5.1.10", .dsn,
            "RESOLVER.ADR.RecipientNotFound"
        ),
        ("exchange-legacy-text.eml", "g.hughes@council.example.gov.uk", .hard, "5.1.1", .exchange, "User unknown"),
        ("gmail-address-not-found.eml", "no.such.champion@gmail.com", .hard, "5.1.1", .dsn, "does not exist"),
        // Mailbox full says nothing about the address: soft even with 5.2.2.
        ("gmail-over-quota.eml", "busy.volunteer@gmail.com", .soft, "5.2.2", .dsn, "out of storage space"),
    ])
    func readsFixture(
        name: String, recipient: String, kind: Bounce.Kind, status: String, format: Bounce.Format, phrase: String
    ) throws {
        let bounce = try #require(BounceReader.read(try bounceFixture(name)))
        #expect(bounce.recipient == recipient)
        #expect(bounce.kind == kind)
        #expect(bounce.status == status)
        #expect(bounce.format == format)
        #expect(bounce.diagnostic?.contains(phrase) == true, "\(bounce.diagnostic ?? "nil")")
    }

    @Test(arguments: ["postfix-relayed-success.eml", "out-of-office.eml"])
    func notBounces(name: String) throws {
        #expect(BounceReader.read(try bounceFixture(name)) == nil)
    }

    @Test func postfixTextAloneIsReadToo() throws {
        // The notification part without the DSN (as an old Postfix or a forwarding system sends it).
        let bounce = try #require(BounceReader.readText(try bounceFixture("postfix-user-unknown.eml")))
        #expect(bounce.recipient == "ann.old@examplehousing.org.uk")
        #expect(bounce.format == .postfix)
        #expect(bounce.kind == .hard)
        #expect(bounce.status == "5.1.1")
    }

    @Test func everyFixtureIsCRLFAndCarriesTheVERPAddress() throws {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("bounces").path)
        #expect(names.count >= 12)
        let list = ListIdentity(name: "x", address: "learning@example.org", listId: "learning.example.org")
        for name in names {
            let bytes = Array(try Data(contentsOf: dir.appendingPathComponent("bounces/\(name)")))
            for (i, b) in bytes.enumerated() where b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D, "\(name)") }
            let m = Message(bytes)
            #expect(
                VERP.token(inRecipients: m.deliveryRecipients, list: list)
                    == "k3mbq7zx4wd2ypta",
                "\(name)")
        }
    }

    @Test func multipleRecipientsInOneDSN() {
        let raw = """
            From: MAILER-DAEMON@mail.example.org\r
            Subject: Undelivered Mail Returned to Sender\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain\r
            \r
            Two failed.\r
            --b\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mail.example.org\r
            \r
            Final-Recipient: rfc822; one@example.net\r
            Action: failed\r
            Status: 5.1.1\r
            \r
            Final-Recipient: rfc822; two@example.net\r
            Action: delivered\r
            Status: 2.0.0\r
            \r
            Final-Recipient: rfc822;<three@example.net>\r
            Action: failed\r
            Status: 5.7.1\r
            Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org\r
            --b--\r

            """
        let all = BounceReader.readAll(Message(Array(raw.utf8)))
        #expect(all.map(\.recipient) == ["one@example.net", "three@example.net"])
        // A spam block is about us, not the address: soft.
        #expect(all.map(\.kind) == [.hard, .soft])
    }

    @Test(
        arguments: [
            ("550 5.1.1 User unknown", "5.1.1"), ("host said: 452-4.2.2 over quota", "4.2.2"), ("(#5.1.1)", "5.1.1"),
            ("192.0.2.1 does not like", nil), ("version 5.1.1.1", nil), ("5.1 only", nil), ("10.5.1.1", nil),
            ("Status: 5.1.10", "5.1.10"),
        ] as [(String, String?)])
    func enhancedStatusCodes(text: String, status: String?) {
        #expect(BounceReader.enhancedStatus(in: text) == status)
    }

    @Test func hostileInputIsBoundedAndNeverCrashes() {
        var big = "From: MAILER-DAEMON@x.example\r\nSubject: Undeliverable\r\n\r\n"
        big += "This message was created automatically by mail delivery software.\r\n"
        big += String(repeating: "<<<@@@>>>: 5.5.5.5.5 ", count: 50_000)
        let start = Date()
        _ = BounceReader.readAll(Message(Array(big.utf8)))
        #expect(Date().timeIntervalSince(start) < 5)
        _ = BounceReader.readAll(Message([]))
        _ = BounceReader.readAll(Message(Array("Content-Type: message/delivery-status\r\n\r\n:::\r\n\r\n\r\n".utf8)))
    }
}
