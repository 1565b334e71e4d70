import Foundation

/// Reads files in order on a thread of its own while the caller works on the ones already read, so
/// that reading overlaps the work instead of preceding it (`parse --stats`). It stays at most
/// `aheadBytes` ahead (always at least one file), so memory stays bounded by what is being worked on.
final class FileReadAhead: @unchecked Sendable {
    private let paths: [String]
    private let aheadBytes: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: [Result<[UInt8], Error>] = []
    private var head = 0  // the next entry of `ready` to hand out
    private var readyBytes = 0
    private var stopped = false

    init(_ paths: [String], aheadBytes: Int = 64 << 20) {
        self.paths = paths
        self.aheadBytes = aheadBytes
        Thread.detachNewThread { [self] in readAll() }
    }

    /// The next file's bytes, in the order given; nil after the last. Throws the reading error of that file.
    func next() throws -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while head == ready.count {
            if stopped { return nil }
            condition.wait()
        }
        let result = ready[head]
        ready[head] = .success([])  // the bytes now belong to the caller alone
        head += 1
        if head == ready.count {
            ready.removeAll(keepingCapacity: true)
            head = 0
        }
        if case .success(let bytes) = result { readyBytes -= bytes.count }
        condition.broadcast()
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
            while !stopped && head < ready.count && readyBytes >= aheadBytes { condition.wait() }
            let stop = stopped
            condition.unlock()
            if stop { return }
            let result = Result { try readFile(path) }
            condition.lock()
            ready.append(result)
            if case .success(let bytes) = result { readyBytes += bytes.count }
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
