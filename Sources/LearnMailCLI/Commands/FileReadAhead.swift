import Foundation

/// Reads files in order on a thread of its own while the caller works on the ones already read, so
/// that reading overlaps the work instead of preceding it (`parse --stats`).
///
/// It stays a small window ahead (`aheadBytes`, always at least one file): the bytes are then still in
/// the processor's cache when the caller gets to them, and the memory of the files already done is
/// reused for the next ones instead of fresh pages being faulted in for every file (with a window the
/// size of the whole input, as before, 55 MB of small files meant 55 MB of new pages, each one faulted
/// and zeroed by the kernel). When the window is full the reader sleeps until the caller has used half
/// of it, and each side wakes the other only when it is actually waiting, so that a few hundred
/// wake-ups are paid for thousands of files instead of one or two per file.
final class FileReadAhead: @unchecked Sendable {
    private let paths: [String]
    private let aheadBytes: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: [Result<[UInt8], Error>] = []
    private var head = 0  // the next entry of `ready` to hand out
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
        defer { condition.unlock() }
        while head == ready.count {
            if stopped { return nil }
            callerWaiting = true
            condition.wait()
            callerWaiting = false
        }
        let result = ready[head]
        ready[head] = .success([])  // the bytes now belong to the caller alone
        head += 1
        if head == ready.count {
            ready.removeAll(keepingCapacity: true)
            head = 0
        }
        if case .success(let bytes) = result { readyBytes -= bytes.count }
        if readerWaiting && readyBytes <= aheadBytes / 2 { condition.broadcast() }
        return try result.get()
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
        for path in paths {
            condition.lock()
            if !stopped && readyBytes >= aheadBytes {
                readerWaiting = true
                while !stopped && readyBytes > aheadBytes / 2 { condition.wait() }
                readerWaiting = false
            }
            let stop = stopped
            condition.unlock()
            if stop { return }
            let result = Result { try readFile(path) }
            condition.lock()
            ready.append(result)
            if case .success(let bytes) = result { readyBytes += bytes.count }
            if callerWaiting { condition.broadcast() }
            condition.unlock()
        }
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
