import Community
import Foundation
import Transport

/// The engine wired to the configured mailbox and sender: Maildir or IMAP in, a folder or SMTP out.
struct Runtime {
    let config: Config
    let engine: Engine

    init(config: Config, terminal: Terminal, clock: any Clock = Runtime.defaultClock()) throws {
        self.config = config
        engine = try Engine(config: config, clock: clock, log: { terminal.log($0) })
    }

    func makeSource() throws -> MailSource {
        switch config.mailbox {
        case .maildir(let path):
            return MaildirMailSource(path: path)
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
            return IMAPMailSource(mailbox: mailbox, spool: engine.spool)
        }
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
