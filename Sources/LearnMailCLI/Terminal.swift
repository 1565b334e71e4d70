import Community
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Output for people: stdout for results, stderr for errors and progress. Progress is shown
/// only when stderr is a terminal, so that logs and pipes stay clean.
class Terminal: @unchecked Sendable {
    private let lock = NSLock()
    let isInteractive: Bool = isatty(2) == 1

    func print(_ line: String = "") {
        lock.withLock { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }

    func error(_ line: String) {
        lock.withLock { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// A log line with a UTC timestamp, for the daemon (journald adds its own, but files do not).
    func log(_ line: String, at date: Date = Date()) {
        error("\(ISO8601UTC.string(from: date)) \(line)")
    }

    /// Overwrites one status line on a terminal: "Sending digest 120/1000".
    func progress(_ label: String, _ done: Int, _ total: Int) {
        guard isInteractive, total > 1 else { return }
        let end = done >= total ? "\n" : ""
        lock.withLock { FileHandle.standardError.write(Data("\r\(label) \(done)/\(total)\u{1B}[K\(end)".utf8)) }
    }
}

extension Terminal {
    /// For commands whose engine should not log to stderr (queue, subscribers, status).
    static let quiet = QuietTerminal()
}

final class QuietTerminal: Terminal, @unchecked Sendable {
    override func log(_ line: String, at date: Date = Date()) {}
}
