#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// The one error of this module: which file, which step, and the system's error code.
    /// Transport turns it into `TransportError.fileSystem`; Community reports it as a spool error.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var operation: String
        public var code: Int32
        /// For a lock another process holds (`code` EWOULDBLOCK): the PID its lock file names.
        public var holder: Int32?

        public init(path: String, operation: String, code: Int32, holder: Int32? = nil) {
            self.path = path
            self.operation = operation
            self.code = code
            self.holder = holder
        }

        /// True when this is a lock that was still held when the wait ended (`FileLock`).
        public var isLockHeld: Bool { code == EWOULDBLOCK }

        public var description: String {
            if isLockHeld {
                return "cannot lock \(path): process \(holder.map(String.init) ?? "(unknown)") holds it"
            }
            let text = "cannot \(operation) \(path): \(String(cString: strerror(code)))"
            // A full disk is the one failure an administrator fixes by hand (scripts/fault-test).
            guard code == ENOSPC || code == EDQUOT else { return text }
            return text + " — free space on that file system; nothing was half-written and the next round retries"
        }
    }
}
