import Foundation
import IMAP
import Testing

@testable import Transport

/// Failures against in-process fakes: nothing here needs the real servers.
@Suite struct ErrorPathTests {
    /// The IMAP tag of a client line ("A001 LOGIN ..." -> "A001").
    static func tag(_ line: String) -> String { String(line.prefix { $0 != " " }) }

    @Test(arguments: ["imap", "imaps"])
    func closedPortIsUnreachable(_ scheme: String) throws {
        let port = try FakeServer.closedPort()
        let mailbox = try IMAPMailbox(
            IMAPConfiguration(
                url: "\(scheme)://127.0.0.1:\(port)/INBOX", username: "u", password: "p", timeoutSeconds: 2))
        #expect {
            try mailbox.status()
        } throws: { error in
            guard let error = error as? TransportError else { return false }
            return error.isUnreachable && error.description.hasPrefix("IMAP server 127.0.0.1:\(port) cannot be reached")
        }
    }

    @Test func parallelFetchFromClosedPortReportsEveryUIDOnce() throws {
        let port = try FakeServer.closedPort()
        let mailbox = try IMAPMailbox(
            IMAPConfiguration(url: "imaps://127.0.0.1:\(port)/INBOX", username: "u", password: "p", timeoutSeconds: 2))
        var seen: [UID] = []
        mailbox.fetch((1...10).map { UID($0) }, uidValidity: UIDValidity(1), connections: 4) { uid, result in
            if case .failure(let error) = result, error.isUnreachable { seen.append(uid) }
        }
        #expect(seen.sorted() == (1...10).map { UID($0) })
    }

    @Test func closedPortSMTPReportsUnreachablePerEnvelope() throws {
        let port = try FakeServer.closedPort()
        let sender = try SMTPSender(SMTPConfiguration(url: "smtp://127.0.0.1:\(port)", timeoutSeconds: 2))
        let results = sender.send([Envelope(from: "a@x", recipients: ["b@x", "c@x"], data: Array("x\r\n".utf8))])
        #expect(results.count == 1)
        #expect(results[0].error?.isUnreachable == true)
        #expect(results[0].recipients.map(\.recipient) == ["b@x", "c@x"])
        #expect(
            results[0].recipients.allSatisfy { if case .failed(.unanswered) = $0.status { true } else { false } })
        #expect {
            try sender.verify()
        } throws: { error in
            (error as? TransportError)?.isUnreachable == true
        }
    }

    @Test func stalledServerTimesOut() throws {
        let server = try FakeServer(greeting: nil) { _ in nil }
        defer { server.stop() }
        let mailbox = try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://127.0.0.1:\(server.port)/INBOX", username: "u", password: "p", allowPlaintext: true,
                timeoutSeconds: 1))
        let start = Date()
        #expect {
            try mailbox.status()
        } throws: { error in
            (error as? TransportError)?.isUnreachable == true
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    static func imapServer(loginOK: Bool, capabilities: String = "IMAP4rev1 AUTH=PLAIN") throws -> FakeServer {
        try FakeServer(greeting: "* OK [CAPABILITY \(capabilities)] fake ready") { line in
            let tag = ErrorPathTests.tag(line)
            let command = line.dropFirst(tag.count + 1).uppercased()
            if command.hasPrefix("CAPABILITY") {
                return ["* CAPABILITY \(capabilities)", "\(tag) OK done"]
            }
            if command.hasPrefix("LOGIN") || command.hasPrefix("AUTHENTICATE") {
                return loginOK ? ["\(tag) OK logged in"] : ["\(tag) NO [AUTHENTICATIONFAILED] Authentication failed."]
            }
            if command.hasPrefix("LOGOUT") { return ["* BYE", "\(tag) OK bye"] }
            return ["\(tag) BAD unexpected"]
        }
    }

    @Test func rejectedLoginSaysWhatToCheck() throws {
        let server = try Self.imapServer(loginOK: false)
        defer { server.stop() }
        let mailbox = try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://127.0.0.1:\(server.port)/INBOX", username: "u", password: "wrong", allowPlaintext: true,
                timeoutSeconds: 5))
        #expect {
            try mailbox.status()
        } throws: { error in
            (error as? TransportError)?.description
                == "IMAP login to 127.0.0.1:\(server.port) failed: authentication rejected — check mailbox.username and the password"
        }
    }

    @Test func plaintextIsRefusedWithoutSTARTTLS() throws {
        let server = try Self.imapServer(loginOK: true)
        defer { server.stop() }
        let mailbox = try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://127.0.0.1:\(server.port)/INBOX", username: "u", password: "p", timeoutSeconds: 5))
        #expect {
            try mailbox.status()
        } throws: { error in
            guard case .tlsRequired = error as? TransportError else { return false }
            return true
        }
        #expect(
            !server.lines.contains { $0.uppercased().contains("LOGIN") || $0.uppercased().contains("AUTHENTICATE") })
    }

    @Test func smtpWithoutSTARTTLSIsRefusedUnlessPlaintextIsAllowed() throws {
        let server = try FakeServer(greeting: "220 fake ESMTP") { line in
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") { return ["250-fake", "250 8BITMIME"] }
            if upper.hasPrefix("MAIL FROM") || upper.hasPrefix("RCPT TO") { return ["250 Ok"] }
            if upper == "DATA" { return ["354 go ahead"] }
            if line == "<DATA>" { return ["250 queued"] }
            return ["221 bye"]
        }
        defer { server.stop() }
        let envelope = Envelope(from: "a@x", recipients: ["b@x"], data: Array("x\r\n".utf8))
        let strict = try SMTPSender(SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)", timeoutSeconds: 5))
        let refused = strict.send([envelope])
        #expect(refused.first?.error == .tlsRequired(service: "SMTP", server: "127.0.0.1:\(server.port)"))
        #expect(!server.lines.contains { $0.uppercased().hasPrefix("MAIL FROM") })
        let plaintext = try SMTPSender(
            SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)", allowPlaintext: true, timeoutSeconds: 5))
        #expect(plaintext.send([envelope]).first?.allAccepted == true)
    }

    @Test func smtpRepliesArePerRecipient() throws {
        let server = try FakeServer(greeting: "220 fake ESMTP") { line in
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") { return ["250-fake", "250 8BITMIME"] }
            if upper.hasPrefix("MAIL FROM") { return ["250 2.1.0 Ok"] }
            if upper.hasPrefix("RCPT TO:<FULL@") { return ["452 4.2.2 Mailbox full"] }
            if upper.hasPrefix("RCPT TO:<GONE@") { return ["550 5.1.1 No such user"] }
            if upper.hasPrefix("RCPT TO") { return ["250 2.1.5 Ok"] }
            if upper == "DATA" { return ["354 go ahead"] }
            if line == "<DATA>" { return ["250 2.0.0 queued"] }
            if upper == "QUIT" { return ["221 bye"] }
            return ["500 unknown"]
        }
        defer { server.stop() }
        let sender = try SMTPSender(
            SMTPConfiguration(
                url: "smtp://127.0.0.1:\(server.port)/me.example", allowPlaintext: true, timeoutSeconds: 5))
        let data = Array("Subject: t\r\n\r\n.hidden dot\r\n".utf8)
        let results = sender.send([
            Envelope(from: "a@x", recipients: ["ok@x", "full@x", "gone@x"], data: data),
            Envelope(from: "a@x", recipients: ["gone@x"], data: data),
            Envelope(from: "a@x", recipients: ["ok2@x"], data: data),
        ])
        #expect(
            results[0].recipients.map(\.status) == [
                .accepted, .failed(.refused(Reply(code: 452, text: "4.2.2 Mailbox full"))),
                .failed(.refused(Reply(code: 550, text: "5.1.1 No such user"))),
            ])
        #expect(results[0].error == nil)
        #expect(
            results[1].recipients.map(\.status) == [.failed(.refused(Reply(code: 550, text: "5.1.1 No such user")))])
        #expect(results[1].error != nil)
        #expect(results[2].allAccepted)
        let lines = server.lines
        #expect(lines.first == "EHLO me.example")
        #expect(lines.last?.uppercased() == "QUIT")  // the batch ends by closing the connection
        #expect(lines.contains("..hidden dot") == false)  // the fake collects data without showing it
        #expect(lines.filter { $0.hasPrefix("EHLO") }.count <= 2)  // at most one reconnect, after the failed envelope
    }

    @Test func envelopeIsResentOnceWhenTheReusedConnectionWasClosed() throws {
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var mails = 0
            func next() -> Int {
                lock.withLock {
                    mails += 1
                    return mails
                }
            }
        }
        let counter = Counter()
        let server = try FakeServer(greeting: "220 fake ESMTP") { line in
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") { return ["250 fake"] }
            if upper.hasPrefix("MAIL FROM") { return counter.next() == 2 ? nil : ["250 Ok"] }  // idle timeout
            if upper.hasPrefix("RCPT TO") { return ["250 Ok"] }
            if upper == "DATA" { return ["354 go ahead"] }
            if line == "<DATA>" { return ["250 queued"] }
            return ["221 bye"]
        }
        defer { server.stop() }
        let sender = try SMTPSender(
            SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)", allowPlaintext: true, timeoutSeconds: 5))
        let data = Array("Subject: x\r\n\r\nbody\r\n".utf8)
        let results = sender.send([
            Envelope(from: "a@x", recipients: ["b@x"], data: data),
            Envelope(from: "a@x", recipients: ["c@x"], data: data),
        ])
        #expect(results.map(\.allAccepted) == [true, true], "\(results)")
        #expect(server.lines.filter { $0 == "<DATA>" }.count == 2)
        #expect(server.lines.filter { $0.uppercased().hasPrefix("MAIL FROM") }.count == 3)  // one resend
    }

    @Test func unsafeAddressesAreRefusedBeforeSending() throws {
        let sender = try SMTPSender(SMTPConfiguration(url: "smtp://127.0.0.1:1", allowPlaintext: true))
        let results = sender.send([Envelope(from: "a@x", recipients: ["b@x>\r\nRCPT TO:<c@x"], data: [])])
        #expect(results[0].error != nil)
        #expect(results[0].recipients.allSatisfy { if case .failed(.unsendable) = $0.status { true } else { false } })
    }
}

@Suite struct SMTPEnvelopeTests {
    @Test func nullSenderAndEHLOName() throws {
        let server = try FakeServer(greeting: "220 fake ESMTP") { line in
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") { return ["250 fake"] }
            if upper.hasPrefix("MAIL FROM") || upper.hasPrefix("RCPT TO") { return ["250 Ok"] }
            if upper == "DATA" { return ["354 go ahead"] }
            if line == "<DATA>" { return ["250 queued"] }
            return ["221 bye"]
        }
        defer { server.stop() }
        let sender = try SMTPSender(
            SMTPConfiguration(
                url: "smtp://127.0.0.1:\(server.port)", allowPlaintext: true, heloName: "learnmail.example.org",
                timeoutSeconds: 5))
        let results = sender.send([Envelope(from: "", recipients: ["bounce@x"], data: Array("x\r\n".utf8))])
        #expect(results.first?.allAccepted == true)
        #expect(server.lines.prefix(3) == ["EHLO learnmail.example.org", "MAIL FROM:<>", "RCPT TO:<bounce@x>"])
    }
}
