import Community
import Foundation
import Transport

/// Keeps an IMAP IDLE connection open on a thread of its own (libcurl blocks) and turns its news into
/// `DaemonEvents.newMail()`. A broken connection is opened again after the `Backoff` wait; a server
/// without IDLE leaves the daemon to its polls. `stop()` ends it at once.
final class IdleWatcher: @unchecked Sendable {
    private let idle: IMAPIdle
    private let events: DaemonEvents
    private let log: Log
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopRequested = false

    init(configuration: IMAPConfiguration, refreshSeconds: Int, events: DaemonEvents, log: Log) throws {
        idle = try IMAPIdle(configuration, refreshSeconds: refreshSeconds)
        self.events = events
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in
            watchUntilStopped()
            finished.signal()
        }
        thread.name = "learnmail IMAP IDLE"
        thread.start()
    }

    func stop() {
        lock.withLock { stopRequested = true }
        idle.stop()
        stopped.signal()
        // The connection closes at once (a byte on the wake-up pipe); LOGOUT is not waited for.
        _ = finished.wait(timeout: .now() + 2)
    }

    private var stopping: Bool { lock.withLock { stopRequested } }

    private func watchUntilStopped() {
        var backoff = Backoff()
        let server = Config.redactingPassword(in: idle.configuration.url)
        while !stopping {
            do {
                let ending = try idle.watch(
                    connected: {
                        backoff.reset()
                        log.info(
                            "IMAP IDLE open: new mail is taken in at once",
                            ["server": server, "refresh_seconds": "\(idle.refreshSeconds)"])
                    },
                    changed: {
                        log.debug("IMAP IDLE: new mail announced", ["server": server])
                        events.newMail()
                    },
                    refreshed: { log.debug("IMAP IDLE re-issued", ["server": server]) })
                if ending == .unsupported {
                    log.info(
                        "the IMAP server does not offer IDLE: new mail waits for the next poll", ["server": server])
                    return
                }
            } catch {
                guard !stopping else { return }
                let wait = backoff.failed()
                log.warn(
                    "IMAP IDLE connection failed; polling goes on, IDLE is tried again",
                    ["server": server, "error": "\(error)", "retry_in": "\(Int(wait))s"])
                _ = stopped.wait(timeout: .now() + wait)
            }
        }
    }
}
