import Foundation
import TestServerSupport
import Testing
import Transport

@testable import LearnMailCLI

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM while the daemon works through an IMAP backlog with parallel fetching: it ends within
/// five seconds with status 0, and the next start takes the rest, each message once.
@Suite("Daemon stop on Dovecot", .serialized, .enabled(if: TestServers.available || TestServers.required))
struct DaemonStopOnDovecotTests {
    let servers = TestServers()

    @Test func sigtermMidIMAPBacklogExitsWithinFiveSecondsLosingAndRepeatingNothing() throws {
        try servers.requireRunning()
        let user = "moderator2"
        let total = 200
        let run = try servers.freshCommunity(user: user, imapPort: Int(servers.imapPort), sendThroughPostfix: false)
        let sender = try SMTPSender(
            SMTPConfiguration(url: "smtp://\(servers.host):\(servers.smtpPort)", allowPlaintext: true))
        let envelopes = (1...total).map { n in
            Envelope(
                from: "partner@example.test", recipients: [run.community],
                data: TestMail.contribution(title: "Backlog lesson \(n)", number: n % 10, community: run.community))
        }
        let results = sender.send(envelopes)
        #expect(results.allSatisfy { $0.allAccepted })
        try servers.waitForMessages(user: user, count: total)

        let daemon = try DaemonProcess(config: run.folder + "/learnmail.json", arguments: ["run"])
        defer { daemon.stop() }
        #expect(daemon.waitFor("new item #3", timeout: 30), "\(daemon.log)")
        let signalled = Date()
        daemon.send(SIGTERM)
        let status = daemon.waitForExit(timeout: 10)
        let took = Date().timeIntervalSince(signalled)
        #expect(status == 0, "\(daemon.log)")
        #expect(took < 5, "stopped \(took) s after SIGTERM")
        let made = daemon.lines.filter { $0.contains("new item #") }.count
        #expect(made < total, "stopped mid-backlog, after \(made) of \(total)")
        DaemonLifecycleTests.expectLogfmt(daemon)

        let again = try run.learnmail("run", "--once")
        #expect(again.status == 0, "\(again.output)")
        let items = try FileManager.default.contentsOfDirectory(atPath: run.folder + "/data/items")
        #expect(items.count == total, "every message became one item")
        #expect(try servers.messages(user: user).isEmpty, "every message moved to Processed")
        var ids = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: run.folder + "/outbox")
        where name.hasSuffix(".eml") {
            let text = try String(contentsOfFile: run.folder + "/outbox/" + name, encoding: .utf8)
            let id = text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("message-id:") }
            #expect(ids.insert(String(id ?? "")).inserted, "sent twice: \(id ?? "")")
        }
    }
}
