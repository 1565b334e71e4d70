import Foundation
import Testing

@testable import Community
@testable import LearnMailCLI

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's lifecycle (DESIGN.md): one per data directory, signals, logfmt logs, backoff. Each
/// test runs the real binary on a Maildir community with `pollSeconds` 300, so that anything that
/// happens within seconds was caused by what the test did, not by a poll.
@Suite("Daemon lifecycle")
struct DaemonLifecycleTests {
    /// Every line the daemon wrote is logfmt with time, level and msg, and a known level.
    static func expectLogfmt(_ daemon: DaemonProcess, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in daemon.lines {
            let pairs = Log.parse(line)
            #expect(pairs?["time"]?.hasSuffix("Z") == true, "\(line)", sourceLocation: sourceLocation)
            #expect(
                ["error", "warn", "info", "debug"].contains(pairs?["level"] ?? ""), "\(line)",
                sourceLocation: sourceLocation)
            #expect(pairs?["msg"]?.isEmpty == false, "\(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func aSecondRunIsRefusedAtOnceNamingThePIDAndAStaleLockFileIsIgnored() throws {
        let community = try MaildirCommunity()
        // A lock file left by a crashed daemon names a PID, but nobody holds the lock: no obstacle.
        try FileManager.default.createDirectory(atPath: community.folder + "/data", withIntermediateDirectories: true)
        try Data("999999\n".utf8).write(to: URL(fileURLWithPath: community.folder + "/data/run.pid"))
        let daemon = try DaemonProcess(config: community.config)
        #expect(daemon.waitFor("msg=\"learnmail started\""), "\(daemon.log)")
        for arguments in [["run"], ["run", "--once"]] {
            let started = Date()
            let second = try learnmail(["--config", community.config] + arguments)
            #expect(second.status == 1, "\(second.output)")
            #expect(second.output.contains("already running") && second.output.contains("PID \(daemon.pid)"))
            #expect(Date().timeIntervalSince(started) < 3, "refused at once, not after waiting")
        }
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 5) == 0)
        Self.expectLogfmt(daemon)
    }

    @Test func aConsoleCommandWaitsBrieflyForTheSpoolThenSaysWhoHoldsIt() throws {
        let community = try MaildirCommunity()
        let data = community.folder + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        // This test process holds the spool lock, as a daemon in a long round would.
        let fd = open(data + "/.lock", O_RDWR | O_CREAT, 0o640)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        _ = ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        let started = Date()
        let result = try learnmail(
            ["--config", community.config, "subscribers", "add", "reader@example.net"],
            environment: ProcessInfo.processInfo.environment.merging(["LEARNMAIL_LOCK_WAIT_SECONDS": "1"]) { $1 })
        let waited = Date().timeIntervalSince(started)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("busy") && result.output.contains("process \(getpid())"), "\(result.output)")
        #expect(waited >= 1 && waited < 4)
        flock(fd, LOCK_UN)
        #expect(try learnmail(["--config", community.config, "subscribers", "add", "reader@example.net"]).status == 0)
    }

    @Test func sighupWithAGoodConfigTakesEffectAtOnce() throws {
        let community = try MaildirCommunity()
        let daemon = try DaemonProcess(config: community.config)
        #expect(daemon.waitFor("msg=\"learnmail started\""), "\(daemon.log)")
        // The new config reads another Maildir, where a contribution waits.
        try community.deliver(1, into: "other")
        try community.writeConfig(maildir: "other", pollSeconds: 120)
        daemon.send(SIGHUP)
        #expect(daemon.waitFor("msg=\"config reloaded\""), "\(daemon.log)")
        #expect(daemon.waitFor("new item #1"), "the reload ran a round on the new mailbox: \(daemon.log)")
        #expect(daemon.log.contains("poll_seconds=120"))
        #expect(eventually { community.count("other/new") == 0 })
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 5) == 0)
        Self.expectLogfmt(daemon)
    }

    @Test func sighupWithABadConfigIsLoggedAndTheRunningConfigKept() throws {
        let community = try MaildirCommunity()
        let daemon = try DaemonProcess(config: community.config)
        #expect(daemon.waitFor("msg=\"learnmail started\""), "\(daemon.log)")
        let good = try Data(contentsOf: URL(fileURLWithPath: community.config))
        // Not JSON, then JSON without a required key; one SIGHUP each (signals that come together count once).
        for (n, bad) in [#"{"community": "#, #"{"community": {"name": "C"}}"#].enumerated() {
            try Data(bad.utf8).write(to: URL(fileURLWithPath: community.config))
            daemon.send(SIGHUP)
            #expect(daemon.waitFor("config reload failed", count: n + 1), "\(daemon.log)")
        }
        let errors = daemon.lines.filter { $0.contains("config reload failed") }
        #expect(errors.allSatisfy { Log.parse($0)?["level"] == "error" && $0.contains("keeping the running config") })
        // Still running, on the old config: its Maildir is still read.
        #expect(daemon.process.isRunning)
        try Data(good).write(to: URL(fileURLWithPath: community.config))
        try community.deliver(2)
        daemon.send(SIGHUP)
        #expect(daemon.waitFor("new item #1"), "\(daemon.log)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 5) == 0)
        Self.expectLogfmt(daemon)
    }

    /// A backlog far longer than five seconds of work: SIGTERM ends the daemon within five
    /// seconds with status 0; what was not processed stays where it was and the next start takes
    /// it, each message once.
    @Test func sigtermMidBacklogExitsWithinFiveSecondsLosingAndRepeatingNothing() throws {
        let community = try MaildirCommunity()
        let total = 300
        for n in 1...total { try community.deliver(n) }
        let daemon = try DaemonProcess(config: community.config, arguments: ["run"])
        #expect(daemon.waitFor("new item #3", timeout: 30), "\(daemon.log)")
        let signalled = Date()
        daemon.send(SIGTERM)
        let status = daemon.waitForExit(timeout: 10)
        let took = Date().timeIntervalSince(signalled)
        #expect(status == 0, "\(daemon.log)")
        #expect(took < 5, "stopped \(took) s after SIGTERM")
        #expect(daemon.lines.last?.contains(#"msg="stopped""#) == true, "\(daemon.log)")
        let made = daemon.lines.filter { $0.contains("new item #") }.count
        #expect(made < total, "stopped mid-backlog, after \(made) of \(total)")
        Self.expectLogfmt(daemon)
        // The next start takes the rest: every message once, no item twice.
        let again = try learnmail(["--config", community.config, "run", "--once"])
        #expect(again.status == 0, "\(again.output)")
        #expect(community.count("data/items") == total)
        #expect(community.count("maildir/new") == 0)
        #expect(community.count("data/incoming") == 0)
        let sent = try FileManager.default.contentsOfDirectory(atPath: community.folder + "/outbox")
            .filter { $0.hasSuffix(".eml") }
        var ids = Set<String>()
        for name in sent {
            let text = try String(contentsOfFile: community.folder + "/outbox/" + name, encoding: .utf8)
            let id = text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("message-id:") }
            #expect(ids.insert(String(id ?? "")).inserted, "sent twice: \(id ?? "")")
        }
    }

    /// An SMTP server that refuses connections: attempts 1, 2 and 4 s apart (not at the 300 s poll),
    /// logged as warnings.
    @Test func anUnreachableServerIsRetriedWithBackoff() throws {
        let community = try MaildirCommunity(sender: #"{"smtp": "smtp://127.0.0.1:9", "allowPlaintext": true}"#)
        try community.deliver(1)
        let daemon = try DaemonProcess(config: community.config)
        #expect(daemon.waitFor("msg=\"learnmail started\""), "\(daemon.log)")
        let started = Date()
        #expect(daemon.waitFor("attempt=4", timeout: 12), "\(daemon.log)")
        let elapsed = Date().timeIntervalSince(started)
        let waits = daemon.lines.filter { $0.contains("server unreachable") }.compactMap { Log.parse($0)?["retry_in"] }
        #expect(Array(waits.prefix(4)) == ["1s", "2s", "4s", "8s"], "\(daemon.log)")
        // Attempts at 0, 1, 3 and 7 s.
        #expect(elapsed > 6 && elapsed < 10, "\(elapsed)")
        #expect(daemon.lines.contains { Log.parse($0)?["level"] == "error" && $0.contains("unreachable=true") })
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 5) == 0)
        Self.expectLogfmt(daemon)
    }

    @Test func pollSecondsAppliesToAMaildirToo() throws {
        func config(_ mailbox: String) throws -> Config {
            let json = """
                {"community": {"name": "C", "address": "learning@example.org"}, "mailbox": \(mailbox),
                 "sender": {"outbox": "o"}, "moderators": ["f@example.org"]}
                """
            return try Config.parse(Data(json.utf8), file: "/etc/learnmail.json")
        }
        #expect(try config(#"{"maildir": "m", "pollSeconds": 120}"#).pollSeconds == 120)
        #expect(try config(#"{"maildir": "m"}"#).pollSeconds == 60)
        #expect(try config(#"{"imap": "imaps://h/INBOX", "username": "u", "pollSeconds": 30}"#).pollSeconds == 30)
        #expect {
            try config(#"{"maildir": "m", "pollSeconds": 1}"#)
        } throws: { "\($0)".contains("mailbox.pollSeconds") }
    }

    @Test func backoffDoublesFromOneSecondUpToThirty() {
        var backoff = Backoff()
        #expect((1...7).map { _ in backoff.failed() } == [1, 2, 4, 8, 16, 30, 30])
        backoff.reset()
        #expect(backoff.failed() == 1)
    }

    @Test(arguments: [
        ("plain", "plain"), ("two words", "\"two words\""), ("", "\"\""), ("a=b", "\"a=b\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""), ("line\nbreak", "\"line\\nbreak\""), ("back\\slash", "\"back\\\\slash\""),
    ])
    func logfmtValuesAreQuotedWhenTheyMustBe(text: String, written: String) {
        #expect(Log.value(text) == written)
        #expect(Log.parse("k=" + written)?["k"] == text)
    }

    @Test func noLogLineHoldsAPasswordOrAToken() {
        var written: [String] = []
        let log = Log(verbose: true, clock: { Date(timeIntervalSince1970: 0) }, write: { written.append($0) })
        log.addSecrets(["hunter2-secret", nil, ""])
        log.error("login failed", ["detail": "AUTH PLAIN with hunter2-secret refused"])
        log.engine("maildir-1.M1: reply to learning+mod-ABCDEFGHIJKLMNOPQRSTUVWXYZ@example.org")
        log.debug("debug lines too", ["url": "imaps://u:hunter2-secret@host/"])
        #expect(written.count == 3)
        for line in written {
            #expect(!line.contains("hunter2") && !line.contains("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "\(line)")
            #expect(Log.parse(line)?["time"] == "1970-01-01T00:00:00Z", "\(line)")
        }
        #expect(Log.parse(written[1])?["key"] == "maildir-1.M1")
        let quiet = Log(verbose: false, write: { written.append($0) })
        quiet.debug("not shown")
        #expect(written.count == 3)
    }

    /// The daemon's log with a password that a mistake could echo: never there, at any level.
    @Test func theDaemonLogNeverShowsThePassword() throws {
        let community = try MaildirCommunity(
            sender:
                #"{"smtp": "smtp://127.0.0.1:9", "username": "u", "passwordFile": "smtp.pass", "allowPlaintext": true}"#
        )
        let password = "pw-\(UUID().uuidString)"
        try Data(password.utf8).write(to: URL(fileURLWithPath: community.folder + "/smtp.pass"))
        chmod(community.folder + "/smtp.pass", 0o600)
        try community.deliver(1)
        let daemon = try DaemonProcess(config: community.config)
        #expect(daemon.waitFor("attempt=2", timeout: 10), "\(daemon.log)")
        daemon.send(SIGTERM)
        #expect(daemon.waitForExit(timeout: 5) == 0)
        #expect(!daemon.log.contains(password))
        Self.expectLogfmt(daemon)
    }
}
