import Foundation
import Testing

@testable import Transport

@Suite struct MaildirSourceTests {
    /// (folder, file name, pending?)
    static let layouts: [(String, String, Bool)] = [
        ("new", "1700000002.M1P1.host", true),
        ("new", "1700000001.M9P1.host", true),
        ("cur", "1700000003.M1P1.host:2,", true),
        ("cur", "1700000004.M1P1.host:2,RF", true),
        ("cur", "1700000005.M1P1.host:2,S", false),
        ("cur", "1700000006.M1P1.host:2,FRS", false),
        ("cur", "1700000007.M1P1.host!2,S", false),
        ("new", ".hidden-temp", false),
        ("tmp", "1700000000.M1P1.host", false),
    ]

    func makeMaildir() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for folder in ["new", "cur", "tmp"] { try directory.write("\(folder)/.keep", "") }
        for (folder, name, _) in Self.layouts {
            try directory.write("\(folder)/\(name)", "Subject: \(name)\r\n\r\nx\r\n")
        }
        return directory
    }

    @Test func listsPendingOldestFirst() throws {
        let directory = try makeMaildir()
        let pending = try MaildirSource(path: directory.path).pending()
        #expect(
            pending.map(\.name) == [
                "1700000001.M9P1.host", "1700000002.M1P1.host", "1700000003.M1P1.host:2,", "1700000004.M1P1.host:2,RF",
            ])
    }

    @Test func readsBytesExactly() throws {
        let directory = try TemporaryDirectory()
        let bytes: [UInt8] = Array("Subject: a\r\n\r\n.dot\r\n".utf8) + [0, 0xFF, 0x0D]
        try directory.write("new/.keep", "")
        try Data(bytes).write(to: URL(fileURLWithPath: directory.path + "/new/1.M1.host"))
        let source = MaildirSource(path: directory.path + "/")
        let entry = try #require(try source.pending().first)
        #expect(try source.read(entry) == bytes)
    }

    @Test(arguments: [
        ("new", "1700000001.M9P1.host", "1700000001.M9P1.host:2,S"),
        ("cur", "1700000004.M1P1.host:2,RF", "1700000004.M1P1.host:2,FRS"),
        ("cur", "1700000003.M1P1.host:2,", "1700000003.M1P1.host:2,S"),
    ])
    func markHandledMovesToCurWithSeen(_ folder: String, _ name: String, _ handled: String) throws {
        let directory = try makeMaildir()
        let source = MaildirSource(path: directory.path)
        let entry = MaildirEntry(folder: folder, name: name)
        try source.markHandled(entry)
        #expect(directory.list("cur").contains(handled))
        #expect(!directory.list(folder).contains(name))
        #expect(try !source.pending().contains { $0.uniqueName == entry.uniqueName })
        try source.markHandled(entry)  // again: harmless
    }

    @Test func missingMaildirSaysWhatToCheck() throws {
        let source = MaildirSource(path: "/nonexistent/learnmail-maildir")
        #expect(throws: TransportError.self) { try source.pending() }
        do {
            _ = try source.pending()
        } catch {
            #expect(error.description.contains("mailbox.maildir"))
        }
    }

    @Test func readOfVanishedFileIsAFileSystemError() throws {
        let directory = try makeMaildir()
        let source = MaildirSource(path: directory.path)
        #expect {
            try source.read(MaildirEntry(folder: "new", name: "gone"))
        } throws: { error in
            guard case .fileSystem(let path, _, _) = error as? TransportError else { return false }
            return path.hasSuffix("new/gone")
        }
    }

    @Test(arguments: [
        ("1.M1.h:2,RS", "1.M1.h", "RS", true), ("1.M1.h", "1.M1.h", "", false), ("1.M1.h:1,S", "1.M1.h", "", false),
        ("1.M1.h,S=623,W=641:2,", "1.M1.h,S=623,W=641", "", false),
    ])
    func parsesNames(_ name: String, _ unique: String, _ flags: String, _ handled: Bool) {
        let entry = MaildirEntry(folder: "cur", name: name)
        #expect(entry.uniqueName == unique)
        #expect(entry.flags == flags)
        #expect(entry.isHandled == handled)
    }
}
