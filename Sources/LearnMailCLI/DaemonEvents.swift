import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What wakes the daemon between rounds: SIGTERM/SIGINT (stop), SIGHUP (reload), IMAP IDLE
/// (new mail). Signals arrive through `DispatchSource`, never in a signal handler: the handler
/// only sets a flag here and wakes the main thread, which does the work.
final class DaemonEvents: @unchecked Sendable {
    enum Event: Equatable {
        case stop, reload, newMail, timeout
    }

    private let lock = NSLock()
    private let semaphore = DispatchSemaphore(value: 0)
    private var stopRequested = false
    private var reloadRequested = false
    private var mailArrived = false
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "learnmail.signals")

    /// Installs the signal sources. Until then the default actions apply (a SIGHUP would end the process).
    func listenForSignals() {
        for (number, action) in [(SIGTERM, requestStop), (SIGINT, requestStop), (SIGHUP, requestReload)] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: action)
            source.resume()
            sources.append(source)
        }
    }

    var stopping: Bool { lock.withLock { stopRequested } }

    func requestStop() {
        lock.withLock { stopRequested = true }
        semaphore.signal()
    }

    func requestReload() {
        lock.withLock { reloadRequested = true }
        semaphore.signal()
    }

    func newMail() {
        lock.withLock { mailArrived = true }
        semaphore.signal()
    }

    /// Waits up to `seconds` for an event and takes it: stop first, then reload, then new mail.
    func wait(seconds: TimeInterval) -> Event {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let event = take() { return event }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return .timeout }
            _ = semaphore.wait(timeout: .now() + remaining)
        }
    }

    private func take() -> Event? {
        lock.withLock {
            if stopRequested { return .stop }
            if reloadRequested {
                reloadRequested = false
                return .reload
            }
            if mailArrived {
                mailArrived = false
                return .newMail
            }
            return nil
        }
    }

}
