import Community
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `learnmail run [--once]`: the daemon. Each round polls the mailbox, processes new mail,
/// sends a due digest and delivers the outbox; between rounds it sleeps `mailbox.pollSeconds`.
/// SIGTERM and SIGINT end it after the current round: nothing is cut off half-way.
struct RunCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: ["once"])
        guard arguments.positionals.isEmpty else { throw UsageError("run takes no arguments") }
        let clock = StoppableClock(base: Runtime.defaultClock())
        let runtime = try Runtime(config: try context.loadConfig(), terminal: context.terminal, clock: clock)
        for warning in runtime.config.warnings { context.terminal.log("warning: \(warning)") }
        let source = try runtime.makeSource()
        let sink = try runtime.makeSink()

        if arguments.has("once") {
            let report = runtime.engine.runOnce(source: source, sink: sink) {
                context.terminal.progress($0, $1, $2)
            }
            printSummary(report)
            if let error = exitError(for: report.failures) { throw error }
            return
        }

        let stop = StopSignal()
        clock.stop { stop.requested }  // a paced or throttled flush stops waiting
        context.terminal.log(
            "learnmail \(runtime.config.community.address): polling every \(runtime.pollSeconds) s; "
                + "SIGTERM or SIGINT to stop")
        while !stop.requested {
            let report = runtime.engine.runOnce(source: source, sink: sink)
            for failure in report.errors { context.terminal.log("error: \(failure) — retrying next round") }
            if report.delivery.sent + report.delivery.failed > 0 {
                context.terminal.log(
                    "sent \(report.delivery.sent), failed \(report.delivery.failed), deferred \(report.delivery.deferred)"
                )
            }
            stop.wait(seconds: runtime.pollSeconds)
        }
        context.terminal.log("stopped")
    }

    private func printSummary(_ report: RunReport) {
        let t = context.terminal
        for entry in report.entries {
            t.print("\(entry.key): \(entry.outcome)")
        }
        if let digest = report.digest { t.print(digest) }
        let d = report.delivery
        t.print(
            "\(report.entries.count) message(s) processed; sent \(d.sent), deferred \(d.deferred), failed \(d.failed)")
        for failure in d.failures { t.print("  delivery failed: \(failure)") }
        for note in d.setAside { t.print("  \(note)") }
    }
}

/// SIGTERM/SIGINT as a flag, and a sleep that they cut short.
final class StopSignal: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var stopped = false
    private var sources: [DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
            sources.append(source)
        }
    }

    var requested: Bool { lock.withLock { stopped } }

    func request() {
        lock.withLock { stopped = true }
        semaphore.signal()
    }

    func wait(seconds: Int) {
        guard !requested else { return }
        _ = semaphore.wait(timeout: .now() + .seconds(seconds))
    }
}
