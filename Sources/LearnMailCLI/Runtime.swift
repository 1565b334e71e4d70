import Community
import Foundation
import MailAdapters
import Transport

/// The engine wired to the configured mailbox and sender: Maildir or IMAP in, a folder or SMTP out.
struct Runtime {
    let config: Config
    let engine: Engine
    /// The configured mailbox and sender as adapters (MailAdapters).
    let mail: ConfiguredMail
    /// OAuth 2.0 sign-ins, when the mailbox or the sender uses them (MailAdapters/SignIns.swift).
    var signIns: SignIns { mail.signIns }

    /// `spoolLockWait`: how long a console command waits for the spool while the daemon (or another
    /// command) holds it, before saying who does; nil (the daemon) waits as long as it takes.
    init(
        config: Config, terminal: Terminal, clock: any Clock = Runtime.defaultClock(),
        spoolLockWait: TimeInterval? = Runtime.consoleLockWait(), log: ((String) -> Void)? = nil
    ) throws {
        self.config = config
        mail = ConfiguredMail(config: config, signIns: SignIns(config: config, clock: clock))
        // The commands trust the items index (rebuilt when missing, damaged or out of step), so that
        // none of them reads every item folder.
        engine = try Engine(
            config: config, clock: clock, log: log ?? { terminal.log($0) }, spoolLockWait: spoolLockWait,
            itemCheck: .trustIndex)
    }

    /// 5 s, or `LEARNMAIL_LOCK_WAIT_SECONDS` (for tests and for scripts that would rather wait longer).
    static func consoleLockWait(environment: [String: String] = ProcessInfo.processInfo.environment) -> TimeInterval {
        environment["LEARNMAIL_LOCK_WAIT_SECONDS"].flatMap(TimeInterval.init).map { max(0, $0) } ?? 5
    }

    /// `shouldStop` lets a long fetch end after the messages in hand (SIGTERM).
    func makeSource(shouldStop: @escaping () -> Bool = { false }) throws -> MailSource {
        Self.debugWrapped(try mail.makeSource(spool: engine.spool, shouldStop: shouldStop))
    }

    /// The IMAP mailbox's settings with the password read, or nil for a Maildir.
    func imapConfiguration() throws -> IMAPConfiguration? { try mail.imapConfiguration() }

    /// The passwords this config resolves to, so that the log can keep them out of every line.
    func secrets() -> [String] {
        var found: [String] = []
        if case .imap(let server, _, _) = config.mailbox,
            let password = try? server.password.resolve(key: "mailbox", configFile: config.file)
        {
            found.append(password)
        }
        if case .smtp(let server) = config.sender,
            let password = try? server.password.resolve(key: "sender", configFile: config.file)
        {
            found.append(password)
        }
        return found
    }

    /// In DEBUG builds with `LEARNMAIL_DEBUG_RSS_EVERY=N`, the source logs the round number and
    /// the resident set size every N rounds (scripts/load-test: RSS over 1,000 poll cycles).
    static func debugWrapped(
        _ source: MailSource, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> MailSource {
        #if DEBUG
            if let every = environment["LEARNMAIL_DEBUG_RSS_EVERY"].flatMap(Int.init), every > 0 {
                return RoundCountingSource(base: source, every: every)
            }
        #endif
        return source
    }

    func makeSink() throws -> MailSink { try mail.makeSink() }

    /// The system clock; in DEBUG builds `LEARNMAIL_DEBUG_NOW` may move it, so that
    /// `scripts/fault-test` can jump the clock over the digest time on a real binary.
    static func defaultClock(environment: [String: String] = ProcessInfo.processInfo.environment) -> any Clock {
        #if DEBUG
            if let setting = environment["LEARNMAIL_DEBUG_NOW"], !setting.isEmpty {
                if let clock = DebugClock(setting: setting) { return clock }
                FileHandle.standardError.write(
                    Data(
                        "learnmail: LEARNMAIL_DEBUG_NOW \"\(setting)\" is neither an ISO 8601 instant nor +/-seconds; using the real clock\n"
                            .utf8))
            }
        #endif
        return SystemClock()
    }

    var pollSeconds: Int {
        #if DEBUG
            // scripts/load-test runs 1,000 poll cycles in a minute, not in 80 hours.
            if let seconds = ProcessInfo.processInfo.environment["LEARNMAIL_DEBUG_POLL_SECONDS"].flatMap(Int.init),
                seconds >= 0
            {
                return seconds
            }
        #endif
        return config.pollSeconds
    }
}

/// Exit status 3 when the failure is a server that cannot be reached, else 1.
func exitError(for failures: [(stage: String, error: any Error)]) -> (any Error)? {
    guard let first = failures.first else { return nil }
    let text = failures.map { "\($0.stage): \($0.error)" }.joined(separator: "\n")
    if failures.contains(where: { isUnreachable($0.error) }) { return UnreachableError(text) }
    return CommandError(first.error is CommandError ? "\(first.error)" : text)
}

func isUnreachable(_ error: any Error) -> Bool {
    if let transport = error as? TransportError { return transport.isUnreachable }
    return error is UnreachableError
}

#if DEBUG
    /// Counts the daemon's rounds (one `pendingKeys` each) and writes `debug: round N rss KB kB`
    /// to standard error on the first round and every `every` rounds. Debug builds only.
    final class RoundCountingSource: MailSource {
        let base: MailSource
        let every: Int
        private(set) var rounds = 0

        init(base: MailSource, every: Int) {
            self.base = base
            self.every = every
        }

        func pendingKeys() throws -> [SourceKey] {
            rounds += 1
            if rounds == 1 || rounds % every == 0 {
                FileHandle.standardError.write(Data("debug: round \(rounds) rss \(Self.residentKilobytes()) kB\n".utf8))
            }
            return try base.pendingKeys()
        }

        func fetch(_ keys: [SourceKey], into store: (SourceKey, [UInt8]) throws -> Void) throws {
            try base.fetch(keys, into: store)
        }

        func markHandled(_ keys: [SourceKey]) throws { try base.markHandled(keys) }

        func finishBatch() throws { try base.finishBatch() }

        /// VmRSS from /proc/self/status, in kB (0 where there is no /proc).
        static func residentKilobytes() -> Int {
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
            for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
                return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
            }
            return 0
        }
    }

    /// A clock that starts at a chosen instant and then runs with the real one. Debug builds only:
    /// a release binary ignores `LEARNMAIL_DEBUG_NOW`.
    ///
    /// `LEARNMAIL_DEBUG_NOW` is either an ISO 8601 UTC instant (`2026-11-30T09:05:00Z`) or an
    /// offset from now in seconds (`+86400`, `-3600`).
    struct DebugClock: Clock {
        let offset: TimeInterval

        init?(setting: String, realNow: Date = Date()) {
            if let first = setting.first, first == "+" || first == "-", let seconds = TimeInterval(setting) {
                offset = seconds
            } else if let instant = ISO8601DateFormatter().date(from: setting) {
                offset = instant.timeIntervalSince(realNow)
            } else {
                return nil
            }
        }

        var now: Date { Date() + offset }
    }
#endif
