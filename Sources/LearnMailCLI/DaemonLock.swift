import Foundation
import MailAdapters

#if canImport(Glibc)
    import Glibc
#endif

/// One daemon per data directory (DESIGN.md "The daemon's lifecycle"): `run` holds an exclusive
/// `flock` on `data/run.pid` for as long as it lives, with its PID written inside. The kernel drops
/// the lock when the process ends, however it ends, so a file left by a crash never blocks a start;
/// only a live holder does, and a second `run` is refused at once, naming it.
final class DaemonLock {
    static let fileName = "run.pid"

    private let descriptor: Int32
    let path: String

    /// Takes the lock or throws `CommandError` naming the PID that holds it.
    init(dataDirectory: String) throws {
        try? FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        path = dataDirectory + "/" + Self.fileName
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw CommandError(
                "cannot open \(path): \(String(cString: strerror(errno))); check that the dataDirectory is writable")
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let code = errno
            close(fd)
            guard code == EWOULDBLOCK else {
                throw CommandError("cannot lock \(path): \(String(cString: strerror(code)))")
            }
            let holder = Self.holder(of: path).map { "PID \($0)" } ?? "another process"
            throw CommandError(
                "learnmail run is already running for \(dataDirectory) (\(holder), lock \(path)); "
                    + "one daemon per data directory: stop it first (systemctl stop learnmail, or kill the PID)")
        }
        descriptor = fd
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// The PID written in a lock file, if any.
    static func holder(of path: String) -> Int32? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
