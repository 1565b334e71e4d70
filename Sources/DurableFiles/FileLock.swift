import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on a file, held for as long as the value lives (the daemon's `run.pid`) or
/// for the length of a call (`holding`: the spool's `.lock`, a site build's lock). The kernel drops
/// the lock when the process ends, however it ends, so a file left by a crash never blocks anyone;
/// only a live holder does. With `writingPID` the holder writes its PID into the file, so that a
/// process that gave up waiting can say which one holds it.
public final class FileLock {
    public let path: String
    private var descriptor: Int32

    /// Takes the lock. `wait` nil waits as long as it takes; a number of seconds (0: not at all)
    /// waits at most that long, then throws a `Failure` whose `isLockHeld` is true and whose
    /// `holder` is the PID the file names.
    public init(
        _ path: String, waitingAtMost wait: TimeInterval? = nil, writingPID: Bool = false, mode: mode_t = 0o640
    ) throws(AtomicFile.Failure) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode)
        guard fd >= 0 else { throw AtomicFile.Failure(path: path, operation: "open the lock", code: errno) }
        let deadline = wait.map { Date().addingTimeInterval($0) }
        while flock(fd, deadline == nil ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK, let deadline, Date() < deadline {
                usleep(50_000)
                continue
            }
            close(fd)
            throw AtomicFile.Failure(
                path: path, operation: "lock", code: code, holder: code == EWOULDBLOCK ? Self.holder(of: path) : nil)
        }
        self.path = path
        descriptor = fd
        if writingPID {
            let pid = Array("\(getpid())\n".utf8)
            if ftruncate(fd, 0) == 0 { _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
        }
    }

    /// Lets go of the lock (also when the value goes away); again is harmless.
    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// Runs `body` holding the lock on `path` (see `init` for the wait); `body`'s errors pass through.
    public static func holding<T>(
        _ path: String, waitingAtMost wait: TimeInterval? = nil, writingPID: Bool = false, mode: mode_t = 0o640,
        _ body: () throws -> T
    ) throws -> T {
        let lock = try FileLock(path, waitingAtMost: wait, writingPID: writingPID, mode: mode)
        defer { lock.release() }
        return try body()
    }

    /// The PID a lock file names, if it names one.
    public static func holder(of path: String) -> Int32? {
        guard let bytes = try? AtomicFile.read(path) else { return nil }
        return Int32(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
