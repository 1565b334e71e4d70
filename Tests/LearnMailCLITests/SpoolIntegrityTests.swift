import CommunityFakes
import Foundation
import MIME
import MailAdapters
import Testing

@testable import Community
@testable import LearnMailCLI

/// Damaged spool files are set aside in `damaged/` with a reason and reported, never reset,
/// skipped or sent empty: `state.json`, outbox entries and item folders, each with the kinds of
/// damage a crash, a full disk or a careless hand leave behind.
@Suite("Spool integrity")
struct SpoolIntegrityTests {
    /// What can be wrong with a file the spool expects. (Permissions are not among them: the
    /// tests may run as root, who reads every file whatever its mode.)
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case empty, truncated, garbage, folder, otherShape, missing

        var testDescription: String { rawValue }

        /// Does this to the file at `path`.
        func apply(to path: String) throws {
            let original = FileManager.default.contents(atPath: path) ?? Data("{\"a\": 1}".utf8)
            try? FileManager.default.removeItem(atPath: path)
            switch self {
            case .empty: try Data().write(to: URL(fileURLWithPath: path))
            case .truncated: try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: path))
            case .garbage:
                try Data([0x00, 0xFF, 0xFE, 0x7B, 0x80, 0x00, 0x1B, 0x9C]).write(to: URL(fileURLWithPath: path))
            case .folder:
                try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
            case .otherShape: try Data("[1, 2, 3]\n".utf8).write(to: URL(fileURLWithPath: path))
            case .missing: break
            }
        }
    }

    /// Log lines, gathered.
    final class Log: @unchecked Sendable {
        var lines: [String] = []
        func add(_ line: String) { lines.append(line) }
        func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }
    }

    static func engine(_ setup: MaildirFlow.Setup, log: Log) throws -> Engine {
        try Engine(config: setup.config, clock: setup.clock, random: SplitMix64(seed: 7), log: log.add)
    }

    static func damaged(_ spool: Spool, prefix: String) -> [SetAsideEntry] {
        spool.damagedEntries().filter { $0.name.hasPrefix(prefix) }
    }

    // MARK: state.json

    @Test(arguments: Damage.allCases.filter { $0 != .missing })
    func aDamagedStateFileIsSetAsideAndRebuilt(damage: Damage) throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.test", MaildirFlow.contribution(1))
        _ = try setup.round(try setup.engine())  // one acknowledgement to Helen today
        let spool = try Spool(directory: setup.config.dataDirectory)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: spool.path("digests", "2026-W47.json")))
        try damage.apply(to: spool.path("state.json"))

        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(log.contains("state.json"), "\(log.lines)")
        let aside = Self.damaged(spool, prefix: "state-")
        #expect(aside.count == 1)
        #expect(aside.first?.reason.contains("state.json") == true)
        // Rebuilt from what the spool holds, and saved whole.
        #expect(engine.currentState.lastDigestWeek == "2026-W47")
        #expect(engine.currentState.repliesToday["helen@examplehousing.org.uk"] == 1)
        guard case .value(let saved) = spool.readState() else {
            Issue.record("the rebuilt state was not saved")
            return
        }
        #expect(saved == engine.currentState)
        #expect(log.contains("rebuilt: last digest week 2026-W47"))
    }

    /// Damage found while the daemon runs is handled at the start of its next round.
    @Test func aStateFileDamagedUnderARunningEngineIsSetAsideNextRound() throws {
        let setup = try MaildirFlow.Setup()
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        _ = try setup.round(engine)
        let spool = engine.spool
        try Damage.garbage.apply(to: spool.path("state.json"))
        let report = try setup.round(engine)
        #expect(report.errors.isEmpty)
        #expect(Self.damaged(spool, prefix: "state-").count == 1)
        #expect(log.contains("state.json is not what learnmail wrote"))
        #expect(spool.readState().problem == nil)
    }

    @Test func aMissingStateFileIsAFreshStartNotDamage() throws {
        let setup = try MaildirFlow.Setup()
        let log = Log()
        _ = try Self.engine(setup, log: log)
        let spool = try Spool(directory: setup.config.dataDirectory)
        #expect(spool.damagedEntries().isEmpty)
        #expect(log.lines.isEmpty)
    }

    // MARK: outbox entries

    enum OutboxDamage: String, CaseIterable, CustomTestStringConvertible {
        case stateEmpty, stateTruncated, stateGarbage, stateFolder, stateOtherShape
        case messageMissing, messageEmpty, messageFolder

        var testDescription: String { rawValue }

        var file: (suffix: String, damage: Damage) {
            switch self {
            case .stateEmpty: (".json", .empty)
            case .stateTruncated: (".json", .truncated)
            case .stateGarbage: (".json", .garbage)
            case .stateFolder: (".json", .folder)
            case .stateOtherShape: (".json", .otherShape)
            case .messageMissing: (".eml", .missing)
            case .messageEmpty: (".eml", .empty)
            case .messageFolder: (".eml", .folder)
            }
        }
    }

    @Test(arguments: OutboxDamage.allCases)
    func aDamagedOutboxEntryIsSetAsideAndNothingIsSentEmpty(damage: OutboxDamage) throws {
        let setup = try MaildirFlow.Setup()
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        for id in ["a-good-note", "b-bad-note"] {
            let message = engine.session.compose(
                to: ["facilitator@example.org"], subject: "Note \(id)", text: "About \(id).")
            try engine.outbox.enqueue(
                id: id, kind: .note, envelopeFrom: "learning+bounces@example.org",
                recipients: ["facilitator@example.org"], message: message, at: engine.now)
        }
        try damage.file.damage.apply(to: engine.spool.path("outbox", "b-bad-note" + damage.file.suffix))

        let report = engine.runOnce(source: nil, sink: try DirectoryMailSink(path: setup.folder + "/outbox"))
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.delivery.sent == 1)
        let delivered = try setup.mail(to: "facilitator@example.org")
        #expect(delivered.map(\.subject) == ["Note a-good-note"])
        for name in try FileManager.default.contentsOfDirectory(atPath: setup.folder + "/outbox") {
            let size = try FileManager.default.attributesOfItem(atPath: setup.folder + "/outbox/" + name)[.size] as? Int
            #expect(size ?? 0 > 0, "\(name) was delivered empty")
        }
        #expect(report.delivery.setAside.count == 1)
        #expect(report.delivery.setAside.first?.contains("outbox entry b-bad-note cannot be sent") == true)
        #expect(log.contains("b-bad-note"))
        let aside = Self.damaged(engine.spool, prefix: "outbox-b-bad-note-")
        #expect(aside.count == 1)
        #expect(!FileManager.default.fileExists(atPath: engine.spool.path("outbox", "b-bad-note.json")))
        if damage.file.suffix == ".eml" {
            // The state was readable: the reason names who is waiting for what.
            #expect(aside.first?.reason.contains("a note for facilitator@example.org") == true)
        }
        // The next round has nothing more to say.
        let again = engine.runOnce(source: nil, sink: try DirectoryMailSink(path: setup.folder + "/outbox"))
        #expect(again.delivery.setAside.isEmpty && again.delivery.sent == 0)
    }

    // MARK: item folders

    enum ItemDamage: String, CaseIterable, CustomTestStringConvertible {
        case itemEmpty, itemTruncated, itemGarbage, itemFolder, itemOtherShape, sourceMissing, folderIsAFile

        var testDescription: String { rawValue }
    }

    @Test(arguments: ItemDamage.allCases)
    func aDamagedItemFolderIsSetAsideWithItsReason(damage: ItemDamage) throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.test", MaildirFlow.contribution(1))
        try setup.deliver("2.M2.test", MaildirFlow.contribution(2))
        _ = try setup.round(try setup.engine())
        let spool = try Spool(directory: setup.config.dataDirectory)
        let folder = spool.itemFolder(2)
        switch damage {
        case .itemEmpty: try Damage.empty.apply(to: folder + "/item.json")
        case .itemTruncated: try Damage.truncated.apply(to: folder + "/item.json")
        case .itemGarbage: try Damage.garbage.apply(to: folder + "/item.json")
        case .itemFolder: try Damage.folder.apply(to: folder + "/item.json")
        case .itemOtherShape: try Damage.otherShape.apply(to: folder + "/item.json")
        case .sourceMissing: try FileManager.default.removeItem(atPath: folder + "/source.json")
        case .folderIsAFile:
            try FileManager.default.removeItem(atPath: folder)
            try Data("not a folder".utf8).write(to: URL(fileURLWithPath: folder))
        }

        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(log.contains("item folder #2 could not be read"), "\(log.lines)")
        #expect(spool.itemIds() == [1])
        let aside = Self.damaged(spool, prefix: "item-2-")
        #expect(aside.count == 1)
        #expect(aside.first?.reason.contains("Item #2 could not be read") == true)
        // Its message was processed long ago (it is in processed/): nothing is made again, and the
        // other item is untouched.
        let report = try setup.round(engine)
        #expect(report.entries.isEmpty)
        #expect(try spool.loadItem(1).contribution.title == "Lesson 1: tablets for tenants")
    }

    // MARK: status

    /// `status` and `status --json` list what was quarantined and what was set aside, with where.
    @Test func statusShowsQuarantinedAndDamagedEntries() throws {
        let setup = try MaildirFlow.Setup(extraConfig: #", "limits": {"maxMessageBytes": 2048}"#)
        try setup.deliver("1.M1.test", MaildirFlow.contribution(1))
        let big = MaildirFlow.contribution(2) + String(repeating: "All about tablets. ", count: 200) + "\n"
        try setup.deliver("2.M2.test", big)
        let engine = try setup.engine()
        try engine.outbox.enqueue(
            id: "lost-note", kind: .note, envelopeFrom: "learning+bounces@example.org",
            recipients: ["facilitator@example.org"], message: Array("Subject: x\r\n\r\nx\r\n".utf8), at: engine.now)
        try FileManager.default.removeItem(atPath: engine.spool.path("outbox", "lost-note.eml"))
        let report = try setup.round(engine)
        #expect(report.entries.map(\.key) == ["maildir-1.M1.test", "maildir-2.M2.test"])
        // Damaged after the round: `status` itself sets it aside, as nothing else holds the lock.
        try Damage.truncated.apply(to: engine.spool.path("state.json"))

        let config = setup.folder + "/learnmail.json"
        let human = try learnmail(["--config", config, "status"])
        #expect(human.status == 0, "\(human.output)")
        let data = engine.spool.root
        #expect(human.output.contains("Quarantined:  1 message(s) in \(data)/quarantine"))
        #expect(human.output.contains("  maildir-2.M2.test.eml: "))
        #expect(human.output.contains("is over the limit of 2048"))
        #expect(human.output.contains("Damaged:      2 set aside in \(data)/damaged"))
        #expect(human.output.contains("its message outbox/lost-note.eml is missing"))
        #expect(human.output.contains("state.json is not what learnmail wrote"))

        let json = try learnmail(["--config", config, "status", "--json"])
        #expect(json.status == 0, "\(json.output)")
        struct Status: Decodable {
            struct SetAside: Decodable {
                var folder: String
                var count: Int
                var entries: [SetAsideEntry]
            }
            var quarantine: SetAside
            var damaged: SetAside
        }
        let line = try #require(json.output.split(separator: "\n").last { $0.hasPrefix("{") })
        let status = try JSONDecoder().decode(Status.self, from: Data(line.utf8))
        #expect(status.quarantine.folder == data + "/quarantine")
        #expect(status.quarantine.count == 1)
        #expect(status.quarantine.entries.map(\.name) == ["maildir-2.M2.test.eml"])
        #expect(status.damaged.folder == data + "/damaged")
        #expect(status.damaged.count == 2)
        #expect(status.damaged.entries.map { $0.name.prefix(6) }.sorted() == ["outbox", "state-"])
        #expect(status.damaged.entries.allSatisfy { !$0.reason.isEmpty && $0.reason != "(no reason recorded)" })
    }
}
