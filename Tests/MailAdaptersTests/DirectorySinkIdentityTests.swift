import Foundation
import MIME
import SMTP
import Testing

@testable import Community
@testable import MailAdapters

/// The folder sink across a crash: a message handed over again is the same file, not a second one.
@Suite("Directory sink identity")
struct DirectorySinkIdentityTests {
    static func mail(id: String?, to: String = "facilitator@example.org", body: String = "Hello") -> [UInt8] {
        let messageId = id.map { "Message-ID: <\($0)>\r\n" } ?? ""
        return Array("From: learning@example.org\r\nTo: \(to)\r\n\(messageId)Subject: x\r\n\r\n\(body)\r\n".utf8)
    }

    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "lm-sink-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func emls(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }.sorted()
    }

    @Test func theSameMessageToTheSameRecipientsIsOneFileWhateverTheRestarts() throws {
        let folder = try Self.folder()
        let envelope = Envelope(
            from: "learning+bounces@example.org", recipients: ["facilitator@example.org"], data: Self.mail(id: "n1@x"))
        for _ in 0..<3 {
            // Each sink stands for a process restarted after being killed before the outbox noted the send.
            let outcomes = try DirectoryMailSink(path: folder).deliver([envelope])
            #expect(outcomes == [[.accepted]])
        }
        #expect(try Self.emls(folder).count == 1)
    }

    @Test func anotherMessageIdOrAnotherRecipientIsAnotherFile() throws {
        let folder = try Self.folder()
        let sink = try DirectoryMailSink(path: folder)
        _ = try sink.deliver([
            Envelope(from: "b@x", recipients: ["one@x"], data: Self.mail(id: "n1@x")),
            Envelope(from: "b@x", recipients: ["two@x"], data: Self.mail(id: "n1@x")),
            Envelope(from: "b@x", recipients: ["one@x"], data: Self.mail(id: "n2@x")),
            // Recipients in another order, another case: the same people.
            Envelope(from: "b@x", recipients: ["Two@x", "one@x"], data: Self.mail(id: "n3@x")),
            Envelope(from: "b@x", recipients: ["one@x", "two@x"], data: Self.mail(id: "n3@x")),
        ])
        #expect(try Self.emls(folder).count == 4)
        #expect(sink.written.count == 4)
    }

    @Test func withoutAMessageIdTheBytesAreTheIdentity() throws {
        let a = Envelope(from: "b@x", recipients: ["one@x"], data: Self.mail(id: nil, body: "A"))
        let b = Envelope(from: "b@x", recipients: ["one@x"], data: Self.mail(id: nil, body: "B"))
        #expect(DirectorySinkIdentityTests.identity(a) != DirectorySinkIdentityTests.identity(b))
        #expect(DirectorySinkIdentityTests.identity(a) == DirectorySinkIdentityTests.identity(a))
        #expect(DirectorySinkIdentityTests.identity(a).count == 32)
    }

    static func identity(_ envelope: Envelope) -> String { DirectoryMailSink.identity(of: envelope) }

    @Test func filesSortInDeliveryOrder() throws {
        let folder = try Self.folder()
        let sink = try DirectoryMailSink(path: folder)
        for n in 0..<5 {
            _ = try sink.deliver([Envelope(from: "b@x", recipients: ["one@x"], data: Self.mail(id: "m\(n)@x"))])
        }
        let ids = try Self.emls(folder).map {
            Message([UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)))).messageId
        }
        #expect(ids == (0..<5).map { "m\($0)@x" })
    }
}
