import Community
import Foundation
import Transport

/// The engine wired to the configured mailbox and sender: Maildir or IMAP in, a folder or SMTP out.
struct Runtime {
    let config: Config
    let engine: Engine

    init(config: Config, terminal: Terminal, clock: any Clock = Runtime.defaultClock()) throws {
        self.config = config
        // The commands trust the items index (rebuilt when missing, damaged or out of step), so that
        // none of them reads every item folder.
        engine = try Engine(config: config, clock: clock, log: { terminal.log($0) }, itemCheck: .trustIndex)
    }

    func makeSource() throws -> MailSource {
        switch config.mailbox {
        case .maildir(let path):
            return Self.debugWrapped(MaildirMailSource(path: path))
        case .imap(let server, let processedFolder, _):
            guard let username = server.username else {
                throw ConfigError(file: config.file, key: "mailbox.username", problem: "is required for IMAP")
            }
            let password =
                try server.password.resolve(key: "mailbox", configFile: config.file) ?? ""
            let mailbox = try IMAPMailbox(
                IMAPConfiguration(
                    url: server.url, username: username, password: password, caFile: server.caFile,
                    allowPlaintext: server.allowPlaintext, processedFolder: processedFolder))
            return Self.debugWrapped(IMAPMailSource(mailbox: mailbox, spool: engine.spool))
        }
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

    func makeSink() throws -> MailSink {
        switch config.sender {
        case .outbox(let path):
            return try DirectoryMailSink(path: path)
        case .smtp(let server):
            let password = try server.password.resolve(key: "sender", configFile: config.file)
            return SMTPMailSink(
                sender: try SMTPSender(
                    SMTPConfiguration(
                        url: server.url, username: server.username, password: password, caFile: server.caFile,
                        allowPlaintext: server.allowPlaintext, usernameSettingsKey: "sender.username")))
        }
    }

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
        if case .imap(_, _, let seconds) = config.mailbox { return seconds }
        return 60
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

        func pendingKeys() throws -> [String] {
            rounds += 1
            if rounds == 1 || rounds % every == 0 {
                FileHandle.standardError.write(Data("debug: round \(rounds) rss \(Self.residentKilobytes()) kB\n".utf8))
            }
            return try base.pendingKeys()
        }

        func fetch(_ keys: [String], into store: (String, [UInt8]) throws -> Void) throws {
            try base.fetch(keys, into: store)
        }

        func markHandled(_ keys: [String]) throws { try base.markHandled(keys) }

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
