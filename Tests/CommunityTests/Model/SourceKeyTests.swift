import Foundation
import Testing

@testable import Community

@Suite("Source keys")
struct SourceKeyTests {
    /// Keys learnmail makes: built, parsed back, and named on disk by their own bytes.
    @Test(arguments: [
        (
            SourceKey.imap(validity: 1_700_000_000, uid: 42), "imap-1700000000-42",
            SourceKey.Origin.imap(validity: 1_700_000_000, uid: 42)
        ),
        (.imap(validity: 0, uid: UInt32.max), "imap-0-4294967295", .imap(validity: 0, uid: UInt32.max)),
        (.maildir("1.M1.test"), "maildir-1.M1.test", .maildir("1.M1.test")),
        (
            .maildir("1700000000.M5P9Q1.host,S=4096"), "maildir-1700000000.M5P9Q1.host,S=4096",
            .maildir("1700000000.M5P9Q1.host,S=4096")
        ),
        (SourceKey("cli-add-7"), "cli-add-7", .console("add-7")),
    ])
    func madeKeysRoundTrip(key: SourceKey, raw: String, origin: SourceKey.Origin) throws {
        #expect(key.rawValue == raw)
        #expect("\(key)" == raw)
        #expect(SourceKey(raw).origin == origin)
        #expect(SourceKey(fileName: key.fileName).fileName == key.fileName)
        // Stored as the plain string it always was.
        let json = try JSONEncoder().encode(["key": key])
        #expect(
            String(decoding: json, as: UTF8.self) == "{\"key\":\"\(raw.replacingOccurrences(of: "/", with: "\\/"))\"}")
        #expect(try JSONDecoder().decode([String: SourceKey].self, from: json)["key"] == key)
    }

    /// The file name of a safe key is the key itself: incoming/, processed/ and quarantine/ keep
    /// the names they always had.
    @Test(arguments: ["imap-7-12", "maildir-1.M1.test", "cli-1"])
    func safeKeysAreTheirOwnFileNames(raw: String) {
        #expect(SourceKey(raw).fileName == raw)
        #expect(SourceKey(raw).fileName == Spool.safeKey(raw))
    }

    /// Keys a hostile or broken source could hand over: never a path out of the spool, never a
    /// hidden file, and never read as a key learnmail made.
    @Test(arguments: [
        ("maildir-../../etc/passwd", "maildir-.._.._etc_passwd", SourceKey.Origin.maildir("../../etc/passwd")),
        ("../x", "_x", .unknown),
        ("...", "", .unknown),
        (".hidden", "hidden", .unknown),
        ("imap-1-2-3", "imap-1-2-3", .unknown),
        ("imap--2", "imap--2", .unknown),
        ("imap-+1-2", "imap-_1-2", .unknown),
        ("imap-4294967296-1", "imap-4294967296-1", .unknown),
        ("imap-1-x", "imap-1-x", .unknown),
        ("maildir-", "maildir-", .unknown),
        ("cli-", "cli-", .unknown),
        ("", "", .unknown),
        ("imap-1-2\n", "imap-1-2_", .unknown),
        ("maildir-é\u{0}", "maildir-__", .maildir("é\u{0}")),
    ])
    func hostileKeys(raw: String, fileName: String, origin: SourceKey.Origin) {
        let key = SourceKey(raw)
        #expect(key.fileName == fileName)
        #expect(!key.fileName.contains("/") && !key.fileName.hasPrefix("."))
        #expect(key.origin == origin)
    }

    @Test(arguments: [
        ("imap-1-2", true), ("maildir-1.M1", true), ("maildir-a b", false), ("cli-1", false), ("sending", false),
    ])
    func logWordsThatAreKeys(word: String, isKey: Bool) {
        #expect(SourceKey.looksLikeKey(word[...]) == isKey)
    }
}
