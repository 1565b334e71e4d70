import DurableFiles
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// What the server took during the batch in flight, noted message by message, so that a crash
// part-way through a batch sends none of it twice.

extension Outbox {
    /// `outbox/.accepted`: a line `ENTRY<TAB>ADDRESS` for each recipient the server took during the
    /// batch in flight, appended as each answer comes and emptied once the batch's state is saved.
    /// A crash of the process leaves the lines in the page cache, and the next flush marks those
    /// recipients sent before it sends anything. (A power cut can lose lines not yet written back:
    /// then at most that one batch goes out twice.)
    final class Journal {
        let path: String
        private let fd: Int32

        init(path: String) throws {
            self.path = path
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
            guard fd >= 0 else { throw AtomicFile.Failure(path: path, operation: "open", code: errno) }
        }

        deinit { close(fd) }

        /// Notes that the server took `addresses` of entry `id`. One write: lines never interleave.
        func note(entry id: String, addresses: [String]) {
            guard !addresses.isEmpty else { return }
            let lines = addresses.map { "\(id)\t\($0)\n" }.joined()
            var bytes = Array(lines.utf8)
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 && errno == EINTR { continue }
                // A full disk here only costs a possible duplicate after a crash, not a lost message.
                guard written > 0 else { return }
                offset += written
            }
        }

        /// Forgets the notes once the state they stand for is saved.
        func clear() { _ = ftruncate(fd, 0) }

        /// Entry id → the addresses noted for it.
        static func read(_ path: String) -> [String: Set<String>] {
            guard let bytes = try? AtomicFile.read(path), !bytes.isEmpty else { return [:] }
            var noted: [String: Set<String>] = [:]
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else { continue }
                noted[String(fields[0]), default: []].insert(String(fields[1]))
            }
            return noted
        }
    }

    var journalPath: String { spool.path("outbox", ".accepted") }

    /// Marks what an interrupted flush noted as sent and saves it; run before anything is sent.
    func replayJournal(at now: Date) throws {
        // An idle poll finds no file (or an empty one) and touches nothing else.
        let noted = Journal.read(journalPath)
        guard !noted.isEmpty else { return }
        var changed: [Entry] = []
        for var entry in pending() {
            guard let addresses = noted[entry.id] else { continue }
            var touched = false
            for index in entry.recipients.indices
            where entry.recipients[index].state == .queued && addresses.contains(entry.recipients[index].address) {
                entry.recipients[index].state = .sent
                entry.recipients[index].attempts += 1
                entry.recipients[index].nextAttemptAt = nil
                entry.recipients[index].lastResponse = nil
                touched = true
            }
            if touched { changed.append(entry) }
        }
        try save(changed)
        try Journal(path: journalPath).clear()
    }
}
