import Foundation
import Testing

@testable import DurableFiles

#if canImport(Glibc)
    import Glibc
#endif

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("lm-durable-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    func names() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

@Suite struct AtomicFileTests {
    enum Mode: String, CaseIterable { case durable, batchedFolderSync, notDurable, inGroupCommit }

    @Test(arguments: Mode.allCases)
    func writeReplacesTheFileWholeAndLeavesNoTemporary(_ mode: Mode) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let target = folder.path + "/state.json"
        for n in 0..<5 {
            let bytes = Array("{\"n\": \(n)}\n".utf8)
            switch mode {
            case .durable: try AtomicFile.write(bytes, to: target)
            case .batchedFolderSync:
                try AtomicFile.write(bytes, to: target, syncDirectory: false)
                try AtomicFile.syncDirectory(folder.path)
            case .notDurable: try AtomicFile.write(bytes, to: target, durable: false)
            case .inGroupCommit:
                try AtomicFile.groupCommit(syncing: folder.path) {
                    #expect(AtomicFile.inGroupCommit)
                    try AtomicFile.write(bytes, to: target)
                }
            }
        }
        #expect(!AtomicFile.inGroupCommit)
        #expect(try AtomicFile.read(target) == Array("{\"n\": 4}\n".utf8))
        #expect(folder.names() == ["state.json"])
    }

    @Test func newFilesGetTheirModeFromCreation() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let previous = umask(0o022)
        defer { umask(previous) }
        for (name, mode) in [("token.json", mode_t(0o600)), ("state.json", 0o640), ("page.html", 0o644)] {
            try AtomicFile.write(Array("x".utf8), to: folder.path + "/" + name, mode: mode)
            var info = stat()
            #expect(stat(folder.path + "/" + name, &info) == 0)
            #expect(info.st_mode & 0o777 == mode, "\(name)")
        }
    }

    /// The temporary name is hidden, says which file it was for (the directory outbox removes
    /// `.eml.tmp` leftovers by that) and stays under NAME_MAX for a long name.
    @Test(arguments: [
        ("state.json", "-state.json.tmp"),
        ("1700000000-abc.eml", "-1700000000-abc.eml.tmp"),
        (String(repeating: "n", count: 250) + ".eml", String(repeating: "n", count: 196) + ".eml.tmp"),
    ])
    func temporaryNamesAreHiddenAndEndWithTheTarget(_ name: String, _ ending: String) {
        let temporary = AtomicFile.temporaryName(for: name)
        #expect(temporary.hasPrefix(".tmp-\(getpid())-"))
        #expect(temporary.hasSuffix(ending))
        #expect(temporary.utf8.count < 255)
        #expect(AtomicFile.temporaryName(for: name) != temporary)
    }

    @Test func writeInPlaceAndMoveIntoPlace() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try AtomicFile.makeDirectory(folder.path + "/.building")
        try AtomicFile.writeInPlace(Array("one".utf8), to: folder.path + "/.building/item.json")
        try AtomicFile.move(folder.path + "/.building", to: folder.path + "/42")
        #expect(try AtomicFile.read(folder.path + "/42/item.json") == Array("one".utf8))
        #expect(folder.names() == ["42"])
    }

    /// Every failure names the file the caller asked about (not a temporary) and the step.
    @Test(arguments: [
        "write into a file", "write into a missing folder", "move a missing file", "sync a missing folder",
        "group commit on a missing path", "read a missing file", "read a folder", "list a missing folder",
        "write in place into a missing folder", "make a folder in a missing one",
    ])
    func failuresNameTheFileAndTheStep(_ situation: String) throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let plainFile = folder.path + "/plain"
        FileManager.default.createFile(atPath: plainFile, contents: Data("x".utf8))
        let missing = folder.path + "/missing"
        let expected: (path: String, operation: String, code: Int32)
        let failure: AtomicFile.Failure
        switch situation {
        case "write into a file":
            expected = (plainFile + "/state.json", "create", ENOTDIR)
            failure = try #require(throws: AtomicFile.Failure.self) { try AtomicFile.write([1], to: expected.path) }
        case "write into a missing folder":
            expected = (missing + "/state.json", "create", ENOENT)
            failure = try #require(throws: AtomicFile.Failure.self) { try AtomicFile.write([1], to: expected.path) }
        case "move a missing file":
            expected = (missing, "move to \(folder.path)/b", ENOENT)
            failure = try #require(throws: AtomicFile.Failure.self) {
                try AtomicFile.move(missing, to: folder.path + "/b")
            }
        case "sync a missing folder":
            expected = (missing, "open folder", ENOENT)
            failure = try #require(throws: AtomicFile.Failure.self) { try AtomicFile.syncDirectory(missing) }
        case "group commit on a missing path":
            // The body's writes happen; the flush at the end fails and says where.
            expected = (missing, "open", ENOENT)
            failure = try #require(throws: AtomicFile.Failure.self) {
                try AtomicFile.groupCommit(syncing: missing) { try AtomicFile.write([1], to: folder.path + "/a") }
            }
            #expect(FileManager.default.fileExists(atPath: folder.path + "/a"))
        case "read a missing file":
            expected = (missing, "read", ENOENT)
            failure = try #require(throws: AtomicFile.Failure.self) { try AtomicFile.read(missing) }
        case "read a folder":
            expected = (folder.path, "read", EISDIR)
            failure = try #require(throws: AtomicFile.Failure.self) { try AtomicFile.read(folder.path) }
        case "list a missing folder":
            expected = (missing, "list", ENOENT)
            failure = try #require(throws: AtomicFile.Failure.self) { try AtomicFile.list(missing) }
        case "write in place into a missing folder":
            expected = (missing + "/item.json", "create", ENOENT)
            failure = try #require(throws: AtomicFile.Failure.self) {
                try AtomicFile.writeInPlace([1], to: expected.path)
            }
        default:
            expected = (missing + "/sub", "create directory", ENOENT)
            failure = try #require(throws: AtomicFile.Failure.self) { try AtomicFile.makeDirectory(expected.path) }
        }
        #expect(failure.path == expected.path)
        #expect(failure.operation == expected.operation)
        #expect(failure.code == expected.code)
        #expect(failure.description.hasPrefix("cannot \(expected.operation) \(expected.path): "))
        // Nothing half-written is left behind.
        #expect(!folder.names().contains { $0.hasPrefix(".tmp") })
    }

    @Test func fullDiskErrorNamesTheFileAndSaysWhatToDo() throws {
        let full = AtomicFile.Failure(path: "/var/lib/learnmail/state.json", operation: "write", code: ENOSPC)
        #expect(
            full.description
                == "cannot write /var/lib/learnmail/state.json: No space left on device — free space on that file "
                + "system; nothing was half-written and the next round retries")
        let other = AtomicFile.Failure(path: "/var/lib/learnmail/state.json", operation: "create", code: EACCES)
        #expect(other.description == "cannot create /var/lib/learnmail/state.json: Permission denied")
    }

    @Test func foldersListedWithOrWithoutHiddenNames() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try AtomicFile.write([1], to: folder.path + "/a.eml")
        FileManager.default.createFile(atPath: folder.path + "/.a.eml.tmp", contents: nil)
        try AtomicFile.makeDirectory(folder.path + "/cur")
        try AtomicFile.makeDirectory(folder.path + "/cur")  // again: already there is fine
        #expect(try AtomicFile.list(folder.path).sorted() == ["a.eml", "cur"])
        #expect(try AtomicFile.list(folder.path, includingHidden: true).sorted() == [".a.eml.tmp", "a.eml", "cur"])
        #expect(AtomicFile.exists(folder.path + "/a.eml"))
        #expect(AtomicFile.remove(folder.path + "/.a.eml.tmp"))
        #expect(!AtomicFile.remove(folder.path + "/.a.eml.tmp"))
    }

    @Test(arguments: [("/a/b/c", "/a/b"), ("/c", "/"), ("c", "."), ("a/c", "a")])
    func parentFolders(_ path: String, _ parent: String) {
        #expect(AtomicFile.parent(of: path) == parent)
    }
}
