import DurableFiles
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Which message the intake had in hand when the process died, so that one message that kills the
/// process (a trap in a parser, a runaway allocation) cannot stop learnmail for good.
///
/// `data/processing` names the message being processed (`KEY<TAB>RUN`), rewritten in place for
/// each message with a plain write: no fsync, since a process that dies (kill -9, a trap) leaves
/// the page cache to the kernel, and a power cut is not the message's fault. The file is emptied
/// when the batch's processing ends, normally or by an error thrown.
///
/// At the next intake, a marker that names a message still waiting in `incoming/` means the
/// process died on it: its count in `data/intake-crashes.json` goes up, durably, before anything
/// else is processed. A message counted twice is quarantined instead of processed again. Only the
/// message in hand is blamed, never the whole batch of its group commit.
final class IntakeAttempts {
    /// What one message's crashes are: how many, and the run of the last one counted (so that a
    /// crash between counting and clearing the marker is not counted twice).
    struct Crashes: Codable, Equatable {
        var count: Int
        var lastRun: String
    }

    static let markerFile = "processing"
    static let crashesFile = "intake-crashes.json"
    /// Crashes after which a message is quarantined rather than tried again.
    static let limit = 2

    let spool: Spool
    /// Tells this process's markers from an earlier one's.
    let run: String
    /// Crash counts by safe key, as last read or written.
    private(set) var crashes: [String: Crashes] = [:]
    private var fd: Int32 = -1

    init(spool: Spool, run: String = UUID().uuidString) {
        self.spool = spool
        self.run = run
        // Unreadable counts start again from nothing: at worst a poison message is tried twice more.
        crashes = (try? spool.loadJSON([String: Crashes].self, at: Self.crashesFile)) ?? [:]
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Counts the crash the marker tells of, if any (holding the spool's lock, before processing).
    /// Returns the key it blamed and its count now.
    func recover() throws -> (key: SourceKey, count: Int)? {
        // Another process (a `run --once` beside the daemon) may have counted since.
        crashes = (try? spool.loadJSON([String: Crashes].self, at: Self.crashesFile)) ?? crashes
        guard let bytes = try? AtomicFile.read(spool.path(Self.markerFile)), !bytes.isEmpty else { return nil }
        // The first line: a shorter marker written over a longer one may leave a tail behind it.
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        defer { clearMarker() }
        guard fields.count == 2 else { return nil }
        let key = SourceKey(String(decoding: fields[0], as: UTF8.self)).fileName
        let markerRun = String(decoding: fields[1], as: UTF8.self)
        guard !key.isEmpty, FileManager.default.fileExists(atPath: spool.path("incoming", key + ".eml")),
            !spool.isProcessed(SourceKey(fileName: key))
        else { return nil }
        var record = crashes[key] ?? Crashes(count: 0, lastRun: "")
        guard record.lastRun != markerRun else { return (SourceKey(fileName: key), record.count) }
        record.count += 1
        record.lastRun = markerRun
        crashes[key] = record
        // Durable before the message is tried again: if it kills the process once more, the count stays.
        try spool.saveJSON(crashes, at: Self.crashesFile)
        return (SourceKey(fileName: key), record.count)
    }

    func count(_ key: SourceKey) -> Int { crashes[key.fileName]?.count ?? 0 }

    /// Opens the marker for a batch; `end()` empties it.
    func begin() {
        if fd < 0 { fd = open(spool.path(Self.markerFile), O_WRONLY | O_CREAT | O_CLOEXEC, 0o640) }
    }

    /// Names `key` as the message in hand: two system calls, no fsync.
    func processing(_ key: SourceKey) {
        guard fd >= 0 else { return }
        let bytes = Array("\(key.fileName)\t\(run)\n".utf8)
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, 0) }
        if written == bytes.count { _ = ftruncate(fd, off_t(bytes.count)) }
    }

    /// The batch's processing ended (or threw): no message is in hand.
    func end() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
    }

    private func clearMarker() {
        if fd >= 0 {
            _ = ftruncate(fd, 0)
        } else {
            _ = truncate(spool.path(Self.markerFile), 0)
        }
    }

    /// Forgets the counts of messages now processed (or quarantined and then processed). Writes
    /// only when there was something to forget: the usual batch costs nothing here.
    func forget(processed keys: [SourceKey]) throws {
        guard !crashes.isEmpty else { return }
        let before = crashes.count
        for key in keys where spool.isProcessed(key) { crashes[key.fileName] = nil }
        guard crashes.count != before else { return }
        if crashes.isEmpty {
            try? FileManager.default.removeItem(atPath: spool.path(Self.crashesFile))
        } else {
            try spool.saveJSON(crashes, at: Self.crashesFile)
        }
    }
}
