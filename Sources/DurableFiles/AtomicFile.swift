import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Crash-safe file writes: a reader sees the old content or the new, never half of either. The
/// one helper of the package: the spool (Community), the Maildir source and the directory outbox
/// (Transport) all write through it.
///
/// The recipe is Maildir's and Postfix's: write a temporary file in the same folder,
/// fsync it, rename it over the target, then fsync the folder so that the rename itself
/// survives a power cut.
public enum AtomicFile {
    /// True inside `groupCommit`: writes and renames skip their own fsyncs, and one `syncfs` at the
    /// end of the group makes them all durable at once.
    @TaskLocal static var groupCommitting = false

    /// Whether the caller runs inside `groupCommit` (for preconditions of writes that must not).
    public static var inGroupCommit: Bool { groupCommitting }

    /// Runs `body` as one group commit: every write and move in it is atomic as usual, and all of
    /// them are durable when this returns (one file-system flush, not an fsync per file). Nothing
    /// outside may depend on them before that, which is how the engine orders its phases.
    public static func groupCommit<T>(syncing path: String, _ body: () throws -> T) throws -> T {
        let result = try $groupCommitting.withValue(true) { try body() }
        try syncFileSystem(containing: path)
        return result
    }

    /// Writes `bytes` to `path` atomically. With `syncDirectory: false` the caller promises to
    /// call `syncDirectory(_:)` itself once for a batch (one fsync for many renames); with
    /// `durable: false` nothing is synced (still atomic), and the caller flushes a batch at once.
    /// `mode` is the new file's permission from its creation on (0600 for files holding secrets).
    public static func write(
        _ bytes: some Collection<UInt8>, to path: String, syncDirectory: Bool = true, durable: Bool = true,
        mode: mode_t = 0o640
    ) throws(Failure) {
        let durable = durable && !inGroupCommit
        let folder = parent(of: path)
        let name = path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = folder + "/" + temporaryName(for: name)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        // Errors name the file being written, not its temporary name, so that the admin knows which.
        guard fd >= 0 else { throw Failure(path: path, operation: "create", code: errno) }
        var failure: Failure?
        do throws(Failure) {
            try writeAll(Array(bytes), to: fd, path: path)
        } catch {
            failure = error
        }
        if failure == nil && durable && fsync(fd) != 0 {
            failure = Failure(path: path, operation: "fsync", code: errno)
        }
        close(fd)
        if failure == nil && rename(temporary, path) != 0 {
            failure = Failure(path: path, operation: "rename into place", code: errno)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        if syncDirectory && durable { try self.syncDirectory(folder) }
    }

    /// Writes a file that nobody reads yet (inside a folder that is renamed into place later):
    /// no temporary name; synced unless inside a group commit.
    public static func writeInPlace(_ bytes: some Collection<UInt8>, to path: String) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Failure(path: path, operation: "create", code: errno) }
        defer { close(fd) }
        try writeAll(Array(bytes), to: fd, path: path)
        if !inGroupCommit && fsync(fd) != 0 { throw Failure(path: path, operation: "fsync", code: errno) }
    }

    /// Renames atomically and makes the rename durable (both folders synced), unless
    /// `syncDirectories` is false (the caller syncs them once for a batch) or inside a group commit.
    public static func move(_ source: String, to destination: String, syncDirectories: Bool = true) throws(Failure) {
        guard rename(source, destination) == 0 else {
            throw Failure(path: source, operation: "move to \(destination)", code: errno)
        }
        guard syncDirectories, !inGroupCommit else { return }
        let from = parent(of: source)
        let to = parent(of: destination)
        try syncDirectory(to)
        if from != to { try syncDirectory(from) }
    }

    public static func syncDirectory(_ path: String) throws(Failure) {
        guard !inGroupCommit else { return }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, operation: "open folder", code: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure(path: path, operation: "fsync folder", code: errno) }
    }

    /// Makes every write and rename on the file system holding `path` durable (Linux `syncfs`):
    /// one flush for a batch instead of an fsync per file. Falls back to `sync()` elsewhere.
    public static func syncFileSystem(containing path: String) throws(Failure) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        if let syncfs = Self.syncfs {
            guard syncfs(fd) == 0 else { throw Failure(path: path, operation: "syncfs", code: errno) }
        } else {
            sync()
        }
    }

    /// glibc's `syncfs(2)`, which the Swift Glibc module does not export; looked up once.
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// The whole file, read with POSIX calls (no Foundation bridging); `try?` where a missing or
    /// unreadable file simply means "nothing there".
    public static func read(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, operation: "read", code: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(path: path, operation: "stat", code: errno) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var total = 0
        while true {
            if total == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 4096)) }
            let result = bytes.withUnsafeMutableBytes { buffer in
                posixRead(fd, buffer.baseAddress! + total, buffer.count - total)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, operation: "read", code: errno)
            }
            if result == 0 { break }
            total += result
        }
        bytes.removeSubrange(total...)
        return bytes
    }

    /// Writes all of `bytes` to `fd`, again after EINTR.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                posixWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, operation: "write", code: errno)
            }
            offset += written
        }
    }
}

#if canImport(Glibc)
    private let posixWrite = Glibc.write
    private let posixRead = Glibc.read
#elseif canImport(Darwin)
    private let posixWrite = Darwin.write
    private let posixRead = Darwin.read
#endif

extension AtomicFile {
    /// `.tmp-PID-N-NAME.tmp`: hidden (no folder listing counts it), unique among this process's
    /// writes (a counter, not a random number and a system call per file; the pid separates
    /// processes), and ending in the target's name and `.tmp`, so that a folder's owner can tell
    /// which file a write a crash cut short was for (`DirectoryOutbox` removes `.eml.tmp` ones).
    /// A long name keeps its last 200 bytes: the temporary must stay under NAME_MAX too.
    static func temporaryName(for name: String) -> String {
        let tail = name.utf8.count > 200 ? String(decoding: name.utf8.suffix(200), as: UTF8.self) : name
        return ".tmp-\(processId)-\(temporaryCounter.next())-\(tail).tmp"
    }

    fileprivate static let processId = getpid()
    fileprivate static let temporaryCounter = Counter()

    fileprivate final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value: UInt64 = 0
        func next() -> UInt64 {
            lock.withLock {
                value += 1
                return value
            }
        }
    }
}
