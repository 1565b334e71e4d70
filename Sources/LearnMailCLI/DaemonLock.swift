import DurableFiles
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

    private let lock: FileLock
    var path: String { lock.path }

    /// Takes the lock or throws `CommandError` naming the PID that holds it.
    init(dataDirectory: String) throws {
        try? FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let path = dataDirectory + "/" + Self.fileName
        do {
            lock = try FileLock(path, waitingAtMost: 0, writingPID: true, mode: 0o644)
        } catch  where error.isLockHeld {
            let holder = error.holder.map { "PID \($0)" } ?? "another process"
            throw CommandError(
                "learnmail run is already running for \(dataDirectory) (\(holder), lock \(path)); "
                    + "one daemon per data directory: stop it first (systemctl stop learnmail, or kill the PID)")
        } catch  where error.operation == "lock" {
            throw CommandError("cannot lock \(path): \(String(cString: strerror(error.code)))")
        } catch {
            throw CommandError(
                "cannot open \(path): \(String(cString: strerror(error.code))); check that the dataDirectory is writable"
            )
        }
    }
}
