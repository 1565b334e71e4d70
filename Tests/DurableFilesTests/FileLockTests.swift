import DurableFiles
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `flock` locks belong to an open file, so a second `FileLock` on the same path in this process
/// waits for the first just as another process would.
@Suite struct FileLockTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Someone holds the lock when the test asks for it.
        var held: Bool
        /// The holder wrote its PID.
        var holderWritesPID = true
        /// The holder lets go after this many seconds (nil: not during the test).
        var releaseAfter: TimeInterval?
        var wait: TimeInterval?
        var acquires: Bool
        /// At least this long passes before the answer.
        var atLeast: TimeInterval = 0
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "free, waiting as long as it takes", held: false, wait: nil, acquires: true),
        Case(name: "free, not waiting", held: false, wait: 0, acquires: true),
        Case(name: "held, not waiting: refused at once, naming the holder", held: true, wait: 0, acquires: false),
        Case(
            name: "held, waiting 0.3 s: times out, naming the holder", held: true, wait: 0.3, acquires: false,
            atLeast: 0.3),
        Case(
            name: "held without a PID: times out, holder unknown", held: true, holderWritesPID: false, wait: 0.1,
            acquires: false, atLeast: 0.1),
        Case(
            name: "held, released after 0.2 s, waiting 5 s: waits, then takes it", held: true, releaseAfter: 0.2,
            wait: 5, acquires: true, atLeast: 0.15),
        Case(
            name: "held, released after 0.2 s, waiting as long as it takes", held: true, releaseAfter: 0.2,
            wait: nil, acquires: true, atLeast: 0.15),
    ]

    /// Holds a lock until `release()`, from any thread.
    final class Holder: @unchecked Sendable {
        private let guardLock = NSLock()
        private var lock: FileLock?
        init(_ lock: FileLock) { self.lock = lock }
        func release() { guardLock.withLock { lock = nil } }
    }

    @Test(arguments: cases)
    func waitsThenTakesTheLockOrNamesItsHolder(_ c: Case) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path + "/.lock"
        let holder = c.held ? Holder(try FileLock(path, writingPID: c.holderWritesPID)) : nil
        defer { holder?.release() }
        if let holder, let after = c.releaseAfter {
            DispatchQueue.global().asyncAfter(deadline: .now() + after) { holder.release() }
        }
        let start = Date()
        if c.acquires {
            let ran = try FileLock.holding(path, waitingAtMost: c.wait, writingPID: true) { true }
            #expect(ran)
            #expect(FileLock.holder(of: path) == getpid())
        } else {
            let failure = try #require(throws: AtomicFile.Failure.self) {
                try FileLock.holding(path, waitingAtMost: c.wait) { Issue.record("ran without the lock") }
            }
            #expect(failure.isLockHeld)
            #expect(failure.path == path)
            let pid = c.holderWritesPID ? getpid() : nil
            #expect(failure.holder == pid)
            #expect(
                failure.description == "cannot lock \(path): process \(pid.map(String.init) ?? "(unknown)") holds it")
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed >= c.atLeast)
        #expect(elapsed < c.atLeast + 3)
    }

    @Test func holdingReleasesTheLockAndPassesErrorsThrough() throws {
        struct Stop: Error {}
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path + "/.lock"
        #expect(throws: Stop.self) { try FileLock.holding(path) { throw Stop() } }
        // Released although the body threw: taken again without waiting.
        #expect(try FileLock.holding(path, waitingAtMost: 0) { 7 } == 7)
    }

    @Test func aLockFileThatCannotBeOpenedSaysSo() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let path = folder.path + "/missing/.lock"
        let failure = try #require(throws: AtomicFile.Failure.self) { try FileLock(path) }
        #expect(!failure.isLockHeld)
        #expect(failure.operation == "open the lock")
        #expect(failure.description == "cannot open the lock \(path): No such file or directory")
    }
}
