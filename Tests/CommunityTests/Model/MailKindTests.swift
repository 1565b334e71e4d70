import Foundation
import SMTP
import Testing

@testable import Community

@Suite("Mail kinds")
struct MailKindTests {
    /// Every kind, its name on disk (`Outbox.Entry.kind`, unchanged from when it was a string) and
    /// whether the outbox keeps only its envelope once sent.
    static let kinds: [(MailKind, String, secret: Bool, automaticReply: Bool)] = [
        (.notification, "notification", true, false),
        (.acknowledgement, "acknowledgement", false, true),
        (.moderationReply, "moderation-reply", true, false),
        (.declined, "declined", false, true),
        (.published, "published", false, true),
        (.digest, "digest", false, false),
        (.digestPreview, "digest-preview", true, false),
        (.subscription, "subscription", true, false),
        (.note, "note", false, false),
        (.notice, "notice", false, false),
    ]

    @Test func everyKindIsListed() {
        #expect(Set(Self.kinds.map(\.0)) == Set(MailKind.allCases))
    }

    @Test(arguments: kinds)
    func rawValuesAndSecrets(kind: MailKind, raw: String, secret: Bool, automaticReply: Bool) throws {
        #expect(kind.rawValue == raw)
        #expect("\(kind)" == raw)
        #expect(MailKind(rawValue: raw) == kind)
        #expect(kind.carriesSecret == secret)
        #expect(kind.isAutomaticReply == automaticReply)
    }

    /// An outbox entry written by an earlier version loads, and is written back byte for byte.
    @Test(arguments: kinds)
    func outboxEntriesKeepTheirJSON(kind: MailKind, raw: String, secret: Bool, automaticReply: Bool) throws {
        let json = """
            {
              "createdAt" : "2026-11-27T09:00:00Z",
              "envelopeFrom" : "learning+bounces@example.org",
              "id" : "x",
              "kind" : "\(raw)",
              "recipients" : [
                {
                  "address" : "f@example.org",
                  "attempts" : 0,
                  "state" : "queued"
                }
              ]\(secret ? ",\n  \"secret\" : true" : "")
            }

            """
        let entry = try Spool.decoder.decode(Outbox.Entry.self, from: Data(json.utf8))
        #expect(entry.kind == kind)
        #expect(String(decoding: try Outbox.encode(entry), as: UTF8.self) == json)
    }

    /// The queued entry says `secret` exactly when its kind carries one; no caller chooses it.
    @Test(arguments: kinds)
    func queuedEntriesAreSecretByKind(kind: MailKind, raw: String, secret: Bool, automaticReply: Bool) throws {
        let mail = PendingMail(
            id: "m", kind: kind, envelope: Envelope(from: "b@example.org", recipients: ["f@example.org"], data: [0x41]))
        let files = try Outbox.files(for: mail, at: Date(timeIntervalSince1970: 0))
        let entry = try Spool.decoder.decode(Outbox.Entry.self, from: files.entry)
        #expect(entry.secret == (secret ? true : nil))
        #expect(String(decoding: files.entry, as: UTF8.self).contains("\"secret\"") == secret)
    }
}
