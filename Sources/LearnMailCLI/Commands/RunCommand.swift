import Community
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `learnmail run [--once] [--verbose]`: the daemon (`Daemon`), one per data directory
/// (`DaemonLock`). Each round polls the mailbox, processes new mail, sends a due digest and
/// delivers the outbox; IMAP IDLE or the `mailbox.pollSeconds` timer starts the next.
/// SIGTERM and SIGINT end it after the message in hand; SIGHUP re-reads the config.
/// `--once` does one round, prints what it did and exits.
struct RunCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: ["once", "verbose"])
        guard arguments.positionals.isEmpty else { throw UsageError("run takes no arguments") }
        let config = try context.loadConfig()
        let lock = try DaemonLock(dataDirectory: config.dataDirectory)
        defer { withExtendedLifetime(lock) {} }

        if arguments.has("once") {
            let runtime = try Runtime(config: config, terminal: context.terminal, spoolLockWait: nil)
            for warning in runtime.config.warnings { context.terminal.log("warning: \(warning)") }
            let source = try runtime.makeSource()
            let sink = try runtime.makeSink()
            let report = runtime.engine.runOnce(source: source, sink: sink) {
                context.terminal.progress($0, $1, $2)
            }
            printSummary(report)
            if let error = exitError(for: report.failures) { throw error }
            return
        }
        let log = Log(verbose: arguments.has("verbose"))
        do {
            try Daemon(config: config, log: log, terminal: context.terminal).run()
        } catch {
            log.error("learnmail cannot start", ["error": "\(error)"])
            throw error
        }
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
