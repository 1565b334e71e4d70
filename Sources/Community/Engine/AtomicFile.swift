import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Crash-safe file writes: a reader sees the old content or the new, never half of either.
///
/// The recipe is Maildir's and Postfix's: write a temporary file in the same folder,
/// fsync it, rename it over the target, then fsync the folder so that the rename itself
/// survives a power cut.
public enum AtomicFile {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var operation: String
        public var code: Int32
        public var description: String {
            let text = "cannot \(operation) \(path): \(String(cString: strerror(code)))"
            // A full disk is the one failure an administrator fixes by hand (scripts/fault-test).
            guard code == ENOSPC || code == EDQUOT else { return text }
            return text + " — free space on that file system; nothing was half-written and the next round retries"
        }
    }

    /// True inside `groupCommit`: writes and renames skip their own fsyncs, and one `syncfs` at the
    /// end of the group makes them all durable at once.
    @TaskLocal static var inGroupCommit = false

    /// Runs `body` as one group commit: every write and move in it is atomic as usual, and all of
    /// them are durable when this returns (one file-system flush, not an fsync per file). Nothing
    /// outside may depend on them before that, which is how the engine orders its phases.
    public static func groupCommit<T>(syncing path: String, _ body: () throws -> T) throws -> T {
        let result = try $inGroupCommit.withValue(true) { try body() }
        try syncFileSystem(containing: path)
        return result
    }

    /// Writes `bytes` to `path` atomically. With `syncDirectory: false` the caller promises to
    /// call `syncDirectory(_:)` itself once for a batch (one fsync for many renames).
    /// `mode` is the new file's permission from its creation on (0600 for files holding secrets).
    public static func write(
        _ bytes: some Collection<UInt8>, to path: String, syncDirectory: Bool = true, mode: mode_t = 0o640
    ) throws {
        let durable = !inGroupCommit
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = folder + "/.tmp-\(processId)-\(temporaryCounter.next())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        // Errors name the file being written, not its temporary name, so that the admin knows which.
        guard fd >= 0 else { throw Failure(path: path, operation: "create", code: errno) }
        var failure: Failure?
        let array = Array(bytes)
        array.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = Failure(path: path, operation: "write", code: errno)
                    return
                }
                offset += written
            }
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
    public static func writeInPlace(_ bytes: some Collection<UInt8>, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Failure(path: path, operation: "create", code: errno) }
        defer { close(fd) }
        try Array(bytes).withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Failure(path: path, operation: "write", code: errno)
                }
                offset += written
            }
        }
        if !inGroupCommit && fsync(fd) != 0 { throw Failure(path: path, operation: "fsync", code: errno) }
    }

    /// Renames atomically and makes the rename durable.
    public static func move(_ source: String, to destination: String, syncDirectories: Bool = true) throws {
        guard rename(source, destination) == 0 else {
            throw Failure(path: source, operation: "move to \(destination)", code: errno)
        }
        guard syncDirectories, !inGroupCommit else { return }
        let from = (source as NSString).deletingLastPathComponent
        let to = (destination as NSString).deletingLastPathComponent
        try syncDirectory(to)
        if from != to { try syncDirectory(from) }
    }

    public static func syncDirectory(_ path: String) throws {
        guard !inGroupCommit else { return }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, operation: "open folder", code: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure(path: path, operation: "fsync folder", code: errno) }
    }

    /// Makes every write and rename on the file system holding `path` durable (Linux `syncfs`):
    /// one flush for a batch instead of an fsync per file. Falls back to `sync()` elsewhere.
    public static func syncFileSystem(containing path: String) throws {
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

    public static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}

extension AtomicFile {
    /// Temporary names need only be unique among this process's writes (the pid separates
    /// processes): a counter, not a random number and a system call per file.
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
