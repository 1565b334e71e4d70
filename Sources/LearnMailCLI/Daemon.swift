import Community
import Foundation
import SMTP
import Transport

/// `learnmail run` without `--once` (DESIGN.md "The daemon's lifecycle"): rounds of the engine,
/// each started by IMAP IDLE news, by the `pollSeconds` timer, or sooner after an unreachable
/// server (`Backoff`); SIGTERM/SIGINT end it after the message in hand, SIGHUP re-reads the config.
final class Daemon {
    private var runtime: Runtime
    private var source: MailSource
    private var sink: MailSink
    private var idle: IdleWatcher?
    private let events = DaemonEvents()
    private let log: Log
    private let terminal: Terminal
    private var backoff = Backoff()
    /// The failures of the last round, so that one repeated round after round is logged as an error once.
    private var lastFailures: Set<String> = []

    init(config: Config, log: Log, terminal: Terminal) throws {
        self.log = log
        self.terminal = terminal
        events.listenForSignals()
        (runtime, source, sink) = try Self.wire(config, log: log, terminal: terminal, events: events)
        engineStops()
    }

    /// The engine, mailbox and sender for `config`; the engine's free-text log goes to `log`.
    private static func wire(
        _ config: Config, log: Log, terminal: Terminal, events: DaemonEvents
    ) throws
        -> (Runtime, MailSource, MailSink)
    {
        // The outbox's waits (the pace under sender.limits, after a throttling answer) end early on SIGTERM.
        let clock = StoppableClock(base: Runtime.defaultClock())
        clock.stop(when: { events.stopping })
        let runtime = try Runtime(
            config: config, terminal: terminal, clock: clock, spoolLockWait: nil, log: { log.engine($0) })
        log.addSecrets(runtime.secrets())
        let source = try runtime.makeSource(shouldStop: { events.stopping })
        let sink = StoppableSink(base: try runtime.makeSink(), events: events)
        return (runtime, source, sink)
    }

    private func engineStops() {
        let events = self.events
        runtime.engine.shouldStop = { events.stopping }
    }

    /// Environment for tests: `LEARNMAIL_IDLE_REFRESH_SECONDS` re-issues IDLE sooner than 25 minutes.
    static func idleRefreshSeconds(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["LEARNMAIL_IDLE_REFRESH_SECONDS"].flatMap(Int.init).map { max(1, $0) } ?? 25 * 60
    }

    func run() {
        for warning in runtime.config.warnings { log.warn(warning) }
        log.info(
            "learnmail started",
            [
                "pid": "\(getpid())", "community": runtime.config.community.address,
                "data": runtime.config.dataDirectory, "mailbox": mailboxName,
                "poll_seconds": "\(runtime.pollSeconds)",
            ])
        startIdle()
        var event = DaemonEvents.Event.timeout
        while !events.stopping {
            let wait = round(after: event)
            if events.stopping { break }
            log.debug("waiting", ["seconds": "\(Int(wait.rounded(.up)))"])
            event = events.wait(seconds: wait)
            if event == .reload { reload() }
        }
        idle?.stop()
        log.info("stopped")
    }

    private var mailboxName: String {
        switch runtime.config.mailbox {
        case .maildir(let path): path
        case .imap(let server, _, _): Config.redactingPassword(in: server.url)
        }
    }

    /// One round; returns the wait before the next: `pollSeconds`, or the backoff after an
    /// unreachable server.
    private func round(after event: DaemonEvents.Event) -> TimeInterval {
        let started = Date()
        log.debug("round begins", ["cause": "\(event)"])
        let report = runtime.engine.runOnce(source: source, sink: sink)
        let failures = report.failures.filter { !($0.error is StopRequested) }
        // The same failure round after round (a server down for hours) is an error once, then debug:
        // the backoff's warning line says it goes on.
        let texts = failures.map { "\($0.stage): \($0.error)" }
        for (failure, text) in zip(failures, texts) {
            log.emit(
                lastFailures.contains(text) ? .debug : .error, "\(failure.stage) failed",
                ["error": "\(failure.error)", "unreachable": "\(isUnreachable(failure.error))"])
        }
        lastFailures = Set(texts)
        let d = report.delivery
        for note in d.failures { log.warn("delivery failed for good", ["detail": note]) }
        if d.sent + d.failed + d.deferred > 0 || !report.entries.isEmpty {
            log.info(
                "round done",
                [
                    "messages": "\(report.entries.count)", "sent": "\(d.sent)", "deferred": "\(d.deferred)",
                    "failed": "\(d.failed)", "seconds": String(format: "%.2f", Date().timeIntervalSince(started)),
                ])
        } else {
            log.debug("round done: nothing new", ["seconds": String(format: "%.2f", Date().timeIntervalSince(started))])
        }
        let poll = TimeInterval(runtime.pollSeconds)
        guard failures.contains(where: { isUnreachable($0.error) }) else {
            if backoff.failures > 0 { log.info("server reachable again", ["after_attempts": "\(backoff.failures)"]) }
            backoff.reset()
            return poll
        }
        let wait = min(backoff.failed(), poll)
        log.warn(
            "server unreachable: trying again soon", ["attempt": "\(backoff.failures)", "retry_in": "\(Int(wait))s"])
        return wait
    }

    private func startIdle() {
        guard let configuration = try? runtime.imapConfiguration() else { return }
        do {
            let watcher = try IdleWatcher(
                configuration: configuration, refreshSeconds: Self.idleRefreshSeconds(), events: events, log: log)
            watcher.start()
            idle = watcher
        } catch {
            log.warn("IMAP IDLE cannot start; polling only", ["error": "\(error)"])
        }
    }

    /// SIGHUP: the config file again. An invalid one (or one that moves the data directory, which
    /// would need another lock) is logged and the running config kept.
    private func reload() {
        let file = runtime.config.file
        let config: Config
        do {
            config = try Config.load(file: file)
        } catch {
            log.error("config reload failed: keeping the running config", ["file": file, "error": "\(error)"])
            return
        }
        guard config.dataDirectory == runtime.config.dataDirectory else {
            log.error(
                "config reload refused: dataDirectory changed (restart learnmail to move it); keeping the running config",
                ["file": file, "dataDirectory": config.dataDirectory])
            return
        }
        do {
            (runtime, source, sink) = try Self.wire(config, log: log, terminal: terminal, events: events)
        } catch {
            log.error("config reload failed: keeping the running config", ["file": file, "error": "\(error)"])
            return
        }
        engineStops()
        for warning in config.warnings { log.warn(warning) }
        idle?.stop()
        idle = nil
        startIdle()
        backoff.reset()
        log.info("config reloaded", ["file": file, "mailbox": mailboxName, "poll_seconds": "\(runtime.pollSeconds)"])
    }
}

/// Stopping: no further batch goes to the server; what was handed over before is recorded.
struct StopRequested: Error, CustomStringConvertible {
    var description: String { "stopping (SIGTERM or SIGINT)" }
}

/// The daemon's sender, which refuses the next batch once a stop was asked for, so that a long
/// flush (a digest to thousands) ends within seconds; the outbox keeps the rest queued.
final class StoppableSink: MailSink {
    let base: MailSink
    let events: DaemonEvents

    init(base: MailSink, events: DaemonEvents) {
        self.base = base
        self.events = events
    }

    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        if events.stopping { throw StopRequested() }
        return try base.deliver(envelopes)
    }

    func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]] {
        if events.stopping { throw StopRequested() }
        return try base.deliver(envelopes, moreToFollow: moreToFollow, answered: answered)
    }
}
