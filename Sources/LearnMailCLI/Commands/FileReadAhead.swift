import Foundation

/// Reads files in order on a thread of its own while the caller works on the ones already read, so
/// that reading overlaps the work instead of preceding it (`parse --stats`).
///
/// It stays a small window ahead (`aheadBytes`, always at least one file): the memory of the files
/// already done is then reused for the next ones, still in the processor's cache, instead of fresh
/// pages being faulted in for every file (with a window the size of the whole input, as before, 55 MB
/// of small files meant 55 MB of new pages, each faulted and zeroed by the kernel). Measured on the
/// benchmark's 5,000 small messages on the shared 2-core machine, a window of 256 KB to 1 MB parsed
/// in 0.16 s, one of 2 MB or more in 0.35 s or more.
///
/// When the window is full the reader sleeps until the caller has used half of it, and each side wakes
/// the other only when it is actually waiting: a few hundred wake-ups for thousands of files instead of
/// one or two per file. When the caller needs a file that the reader has not started (the reader was
/// not scheduled in time on a busy machine), the caller reads it itself instead of waiting.
final class FileReadAhead: @unchecked Sendable {
    private let paths: [String]
    private let aheadBytes: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    /// Files read and not handed out yet, by index in `paths`.
    private var ready: [Int: Result<[UInt8], Error>] = [:]
    /// `paths[..<claimed]` have been taken for reading, by the reader or the caller.
    private var claimed = 0
    /// The index of the next file to hand out.
    private var handedOut = 0
    private var readyBytes = 0
    private var stopped = false
    private var readerWaiting = false
    private var callerWaiting = false

    init(_ paths: [String], aheadBytes: Int = 1 << 20) {
        self.paths = paths
        self.aheadBytes = max(aheadBytes, 1)
        Thread.detachNewThread { [self] in readAll() }
    }

    /// The next file's bytes, in the order given; nil after the last. Throws the reading error of that file.
    func next() throws -> [UInt8]? {
        condition.lock()
        while true {
            if stopped || handedOut == paths.count {
                condition.unlock()
                return nil
            }
            let index = handedOut
            if let result = ready.removeValue(forKey: index) {
                handedOut += 1
                if case .success(let bytes) = result { readyBytes -= bytes.count }
                if readerWaiting && readyBytes <= aheadBytes / 2 { condition.broadcast() }
                condition.unlock()
                return try result.get()
            }
            if claimed == index {
                // Not started: read it here rather than wait for the reader to be scheduled.
                claimed += 1
                handedOut += 1
                condition.unlock()
                return try readFile(paths[index])
            }
            // The reader is reading it now.
            callerWaiting = true
            condition.wait()
            callerWaiting = false
        }
    }

    /// Stops reading ahead; the caller must call it when it stops early (the reading thread holds this
    /// object until it is done).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func readAll() {
        while true {
            condition.lock()
            if !stopped && readyBytes >= aheadBytes {
                readerWaiting = true
                while !stopped && readyBytes > aheadBytes / 2 { condition.wait() }
                readerWaiting = false
            }
            if stopped || claimed == paths.count {
                condition.unlock()
                return
            }
            let index = claimed
            claimed += 1
            condition.unlock()
            let result = Result { try readFile(paths[index]) }
            condition.lock()
            ready[index] = result
            if case .success(let bytes) = result { readyBytes += bytes.count }
            if callerWaiting { condition.broadcast() }
            condition.unlock()
        }
    }
}
