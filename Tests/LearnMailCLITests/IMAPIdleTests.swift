import Foundation
import TestServerSupport
import Testing

@testable import LearnMailCLI
@testable import Transport

#if canImport(Glibc)
    import Glibc
#endif

/// IMAP IDLE against the real Dovecot: with `pollSeconds` 300, mail is taken in within seconds of
/// its delivery, also after IDLE was re-issued (every 2 s here instead of 25 minutes).
@Suite("IMAP IDLE on Dovecot", .serialized, .enabled(if: TestServers.available || TestServers.required))
struct IMAPIdleTests {
    let servers = TestServers()

    @Test func idlePicksUpNewMailWithinSecondsAlsoAfterARefresh() throws {
        try servers.requireRunning()
        let user = "sub4"
        let run = try servers.freshCommunity(
            user: user, imapPort: Int(servers.imapPort), sendThroughPostfix: false)
        // Five minutes between polls: only IDLE can be this quick.
        let file = run.folder + "/learnmail.json"
        var config = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        var mailbox = try #require(config["mailbox"] as? [String: Any])
        mailbox["pollSeconds"] = 300
        config["mailbox"] = mailbox
        try JSONSerialization.data(withJSONObject: config).write(to: URL(fileURLWithPath: file))

        let daemon = try DaemonProcess(config: file, environment: ["LEARNMAIL_IDLE_REFRESH_SECONDS": "2"])
        defer { daemon.stop() }
        #expect(daemon.waitFor("IMAP IDLE open"), "\(daemon.log)")
        #expect(daemon.waitFor("round done", timeout: 10), "\(daemon.log)")
        for n in 1...2 {
            if n == 2 { Thread.sleep(forTimeInterval: 4.5) }  // two refreshes (DONE, IDLE) in between
            let sent = Date()
            try servers.submit(
                from: "partner@example.test", to: run.community,
                message: TestMail.contribution(title: "Idle lesson \(n)", number: n, community: run.community))
            #expect(daemon.waitFor("new item #\(n)", timeout: 10), "\(daemon.log)")
            let latency = Date().timeIntervalSince(sent)
            #expect(latency < 5, "item #\(n) made \(latency) s after the mail was submitted")
        }
        #expect(daemon.lines.contains { $0.contains("IMAP IDLE: new mail announced") })
        #expect(daemon.lines.filter { $0.contains("IMAP IDLE re-issued") }.count >= 2, "\(daemon.log)")
        #expect(!daemon.lines.contains { $0.contains("IMAP IDLE connection failed") }, "\(daemon.log)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 5) == 0)
        DaemonLifecycleTests.expectLogfmt(daemon)
    }

    @Test func announcementsOfNewMailAreTold() {
        for (line, news) in [
            ("* 3 EXISTS", true), ("* 12 exists", true), ("* 1 RECENT", false), ("* 2 EXPUNGE", false),
            ("* 4 FETCH (FLAGS (\\Seen))", false), ("+ idling", false), ("* OK Still here", false),
        ] {
            #expect(IMAPIdle.announcesNewMail(line) == news, "\(line)")
        }
    }
}
