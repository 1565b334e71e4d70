import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `learnmail run` in the background, its stderr (the logfmt log) in a file the test reads
/// while it runs, and signals sent to it by PID.
final class DaemonProcess {
    let process = Process()
    let logPath: String

    init(config: String, arguments: [String] = ["run", "--verbose"], environment: [String: String] = [:]) throws {
        logPath = (config as NSString).deletingLastPathComponent + "/daemon-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = CommunityRun.executable
        process.arguments = ["--config", config] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
    var lines: [String] { log.split(separator: "\n").map(String.init) }

    /// Waits until the log holds `text` (at least `count` times); false after `timeout` seconds.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if log.components(separatedBy: text).count - 1 >= count { return true }
            if !process.isRunning { return log.components(separatedBy: text).count - 1 >= count }
            usleep(20_000)
        }
        return false
    }

    func send(_ signal: Int32) { _ = Glibc.kill(pid, signal) }

    /// Waits for the process to end; its exit status, or nil if it still runs after `timeout` seconds.
    func waitForExit(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        guard !process.isRunning else { return nil }
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }

    /// Stops it for good (SIGKILL) if a test failed before it ended.
    func stop() {
        if process.isRunning { _ = Glibc.kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A Maildir community in a temporary folder, with the outgoing mail written to a folder.
struct MaildirCommunity {
    let folder: String
    var config: String { folder + "/learnmail.json" }

    init(pollSeconds: Int = 300, sender: String = #"{"outbox": "outbox"}"#) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-daemon-\(UUID().uuidString)").path
        for sub in ["maildir/new", "maildir/cur", "maildir/tmp", "other/new", "other/cur", "other/tmp", "outbox"] {
            try FileManager.default.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true)
        }
        try writeConfig(maildir: "maildir", pollSeconds: pollSeconds, sender: sender)
    }

    func writeConfig(maildir: String, pollSeconds: Int = 300, sender: String = #"{"outbox": "outbox"}"#) throws {
        let json = """
            {"community": {"name": "Test Community", "address": "learning@example.org"},
             "mailbox": {"maildir": "\(maildir)", "pollSeconds": \(pollSeconds)}, "sender": \(sender),
             "moderators": ["facilitator@example.org"], "dataDirectory": "data",
             "partners": [{"organisation": "Example Housing", "domains": ["examplehousing.org.uk"]}]}
            """
        try Data(json.utf8).write(to: URL(fileURLWithPath: config))
    }

    /// A contribution from its own sender (automatic replies are limited per address and day).
    func deliver(_ n: Int, into maildir: String = "maildir") throws {
        let text = MaildirFlow.contribution(n, from: "partner\(n)@examplehousing.org.uk")
            .replacingOccurrences(of: "<lesson-\(n)@", with: "<lesson-\(n)-\(UUID().uuidString)@")
        let bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/\(maildir)/new/\(n).M\(n).test"))
    }

    func count(_ sub: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + sub)) ?? []).filter { !$0.hasPrefix(".") }
            .count
    }
}

/// True as soon as `condition` holds, false if it still does not after `timeout` seconds.
func eventually(timeout: TimeInterval = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}
