import Foundation
import IMAP
import TestServerSupport
import Testing

@testable import Transport

/// Throughput on one connection against the real servers; opt-in (`LEARNMAIL_BENCH=1`), prints numbers,
/// asserts only correctness. PERFORMANCE.md anchors: ~1.4 s for 2000 fetches, ~1.4–2.0 s for 1000 sends.
@Suite(
    .serialized, .enabled(if: TestServers.isConfigured && ProcessInfo.processInfo.environment["LEARNMAIL_BENCH"] != nil)
)
struct TransportBenchmarkTests {
    static let count = 2000

    /// ~4 KB of text with LF line ends, as Dovecot stores Maildir files.
    static func storedMessage(_ index: Int) -> String {
        var lines = [
            "From: Bench <bench-sender@example.test>", "To: bench@example.test", "Subject: bench message \(index)",
            "Message-ID: <bench-\(index)@example.test>", "Date: Sun, 29 Nov 2026 09:00:00 +0000", "",
        ]
        for line in 0..<56 { lines.append("Line \(line) of message \(index): " + String(repeating: "x", count: 40)) }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func fetch2000MessagesOnOneConnection() throws {
        let servers = try TestServers.require()
        let user = "bench"
        let config = IMAPConfiguration(
            url: "imap://\(servers.host):\(servers.imapPort)/INBOX", username: user, password: servers.password,
            caFile: servers.caFile)
        var mailbox = try IMAPMailbox(config)
        if try mailbox.status().messages < Self.count {
            let new = "\(servers.mailDirectory)/\(user)/Maildir/new"
            for index in 0..<Self.count {
                let path = "\(new)/1800000000.M\(index)P1.bench"
                try Data(Self.storedMessage(index).utf8).write(to: URL(fileURLWithPath: path))
                chown(path, 65534, 65534)
            }
            mailbox = try IMAPMailbox(config)
        }
        let start = Date()
        let status = try mailbox.status()
        let uids = try mailbox.uids(from: UID.min)
        var bytes = 0
        for uid in uids.prefix(Self.count) { bytes += try mailbox.fetch(uid, uidValidity: status.uidValidity).count }
        let seconds = Date().timeIntervalSince(start)
        print(
            "BENCH imap: \(min(uids.count, Self.count)) messages, \(bytes) bytes fetched in \(seconds) s on one connection"
        )
        #expect(uids.count >= Self.count)
        let flagStart = Date()
        try mailbox.markHandled(uids)  // flag mode: the messages stay for the next run
        print(
            "BENCH imap: \(uids.count) messages flagged handled in \(Date().timeIntervalSince(flagStart)) s (batched)")
    }

    /// With `LEARNMAIL_BENCH_LATENCY_PORT` pointing at a delaying proxy in front of Dovecot's IMAP port:
    /// the same 2000 fetches on 1, 4 and 8 connections.
    @Test(
        .enabled(if: ProcessInfo.processInfo.environment["LEARNMAIL_BENCH_LATENCY_PORT"] != nil),
        arguments: [1, 4, 8])
    func fetchOverALatentLink(_ connections: Int) throws {
        let servers = try TestServers.require()
        let port = ProcessInfo.processInfo.environment["LEARNMAIL_BENCH_LATENCY_PORT"]!
        let mailbox = try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://\(servers.host):\(port)/INBOX", username: "bench", password: servers.password,
                allowPlaintext: true))
        let start = Date()
        let status = try mailbox.status()
        let uids = Array(try mailbox.uids(from: UID.min).prefix(Self.count))
        var bytes = 0
        var failures = 0
        mailbox.fetch(uids, uidValidity: status.uidValidity, connections: connections) { _, result in
            switch result {
            case .success(let data): bytes += data.count
            case .failure: failures += 1
            }
        }
        print(
            "BENCH imap latent link: \(uids.count) messages, \(bytes) bytes on \(connections) connection(s) in "
                + "\(Date().timeIntervalSince(start)) s")
        #expect(failures == 0)
    }

    /// Plaintext as well as STARTTLS, to compare with `smtp-source -s 1 -d -m 1000 -l 4000` (plaintext).
    @Test(arguments: [true, false])
    func send1000MessagesOnOneConnection(_ plaintext: Bool) throws {
        let servers = try TestServers.require()
        let sender = try SMTPSender(
            SMTPConfiguration(
                url: "smtp://\(servers.host):\(servers.smtpPort)/bench.example.test", caFile: servers.caFile,
                allowPlaintext: plaintext))
        let envelopes = (0..<1000).map { index in
            Envelope(
                from: "bench-sender@example.test", recipients: [servers.address("bench2")],
                data: Array(Self.storedMessage(index).replacingOccurrences(of: "\n", with: "\r\n").utf8))
        }
        let start = Date()
        let results = sender.send(envelopes)
        let seconds = Date().timeIntervalSince(start)
        print(
            "BENCH smtp: \(results.filter(\.allAccepted).count)/1000 accepted in \(seconds) s on one connection "
                + (plaintext ? "(plaintext)" : "(STARTTLS)")
        )
        #expect(results.allSatisfy { $0.allAccepted })
    }
}
