import CommunityFakes
import DurableFiles
import Foundation
import MIME
import Testing

@testable import Community
@testable import LearnMailCLI

/// The items index (`data/items.index` and its journal): what the everyday commands read instead of
/// every item folder. It is a copy, never the truth: missing, damaged or out of step after a crash,
/// it is rebuilt from the items and the rebuild is logged; kept in step by every change.
@Suite("Items index")
struct ItemIndexTests {
    typealias Log = SpoolIntegrityTests.Log

    /// A spool with three items (#1 and #2 pending, #3 held: not from a partner).
    static func spoolWithItems() throws -> MaildirFlow.Setup {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.test", MaildirFlow.contribution(1))
        try setup.deliver("2.M2.test", MaildirFlow.contribution(2))
        try setup.deliver(
            "3.M3.test",
            """
            From: Someone <someone@elsewhere.example>
            To: learning@example.org
            Subject: Lesson 3: a stranger's tip
            Message-ID: <three@elsewhere.example>
            Content-Type: text/plain; charset=utf-8

            A tip about\tlibraries, with a tab and a backslash \\ in it.
            """)
        _ = try setup.round(try setup.engine())
        return setup
    }

    static func engine(_ setup: MaildirFlow.Setup, log: Log, check: ItemCheck = .trustIndex) throws -> Engine {
        try Engine(
            config: setup.config, clock: setup.clock, random: SplitMix64(seed: 7), log: log.add, itemCheck: check)
    }

    /// The summaries as the item folders have them.
    static func fromFolders(_ spool: Spool) -> [ItemSummary] {
        spool.itemIds().compactMap { id in
            guard let item = try? spool.loadItem(id), let source = spool.loadSource(id) else { return nil }
            return ItemSummary(item, source: source)
        }
    }

    static func indexPath(_ spool: Spool) -> String { spool.path(ItemIndexFile.name) }
    static func journalPath(_ spool: Spool) -> String { spool.path(ItemIndexFile.journalName) }

    @Test func theIndexHoldsWhatTheFoldersHoldAndIsReadWithoutRebuilding() throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        #expect(FileManager.default.fileExists(atPath: Self.indexPath(spool)))
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(log.lines.isEmpty, "\(log.lines)")
        #expect(engine.itemSummaries == Self.fromFolders(spool))
        #expect(engine.itemSummaries.map(\.status) == [.pending, .pending, .held])
        #expect(engine.itemCounts == [.pending: 2, .held: 1])
        // Tabs and backslashes survive the file's escapes.
        let bytes = try AtomicFile.read(Self.indexPath(spool))
        guard case .success(let decoded) = ItemIndexFile.decode(bytes) else {
            Issue.record("the index file does not decode")
            return
        }
        #expect(decoded.entries.compactMap(\.summary) == Self.fromFolders(spool))
    }

    @Test func aMissingIndexIsRebuiltAndTheRebuildLogged() throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        try FileManager.default.removeItem(atPath: Self.indexPath(spool))
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(log.contains("items index (items.index) is missing: rebuilt from the 3 item folder(s)"), "\(log.lines)")
        #expect(engine.itemSummaries == Self.fromFolders(spool))
        // Written again on opening (nothing else held the lock): the next reader trusts it.
        #expect(FileManager.default.fileExists(atPath: Self.indexPath(spool)))
        let again = Log()
        _ = try Self.engine(setup, log: again)
        #expect(again.lines.isEmpty, "\(again.lines)")
    }

    enum FileDamage: String, CaseIterable, CustomTestStringConvertible {
        case empty, truncated, garbage, lineChanged, lineRemoved, otherHeader
        var testDescription: String { rawValue }
    }

    @Test(arguments: FileDamage.allCases)
    func aDamagedIndexIsNeverTrusted(damage: FileDamage) throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        let path = Self.indexPath(spool)
        let original = try AtomicFile.read(path)
        let text = String(decoding: original, as: UTF8.self)
        let damaged: [UInt8]
        switch damage {
        case .empty: damaged = []
        case .truncated: damaged = Array(original.prefix(original.count / 2))
        case .garbage: damaged = [0x00, 0xFF, 0xFE, 0x7B, 0x80, 0x00, 0x1B, 0x9C]
        // A status changed by hand: the checksum no longer matches.
        case .lineChanged: damaged = Array(text.replacingOccurrences(of: "\tpending\t", with: "\tapproved\t").utf8)
        case .lineRemoved:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            lines.remove(at: 2)
            damaged = Array(lines.joined(separator: "\n").utf8)
        case .otherHeader: damaged = Array(text.replacingOccurrences(of: "index 1", with: "index 9").utf8)
        }
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(log.contains("items index (items.index)"), "\(log.lines)")
        #expect(log.contains("rebuilt from the 3 item folder(s)"), "\(log.lines)")
        #expect(engine.itemSummaries == Self.fromFolders(spool))
        #expect(engine.itemSummaries.map(\.status) == [.pending, .pending, .held])
    }

    /// Every change by the console and by the digest leaves an index that a fresh reader trusts and
    /// that matches the folders.
    @Test func theIndexIsKeptInStepAcrossApproveRejectEditAndDigest() throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        let engine = try Self.engine(setup, log: Log())
        func check(_ step: String) throws {
            let log = Log()
            let reader = try Self.engine(setup, log: log)
            #expect(log.lines.isEmpty, "\(step): \(log.lines)")
            #expect(reader.itemSummaries == Self.fromFolders(spool), "\(step)")
        }
        _ = try engine.moderation.applyFromConsole([.approve], item: 1, by: "console")
        try check("approve")
        #expect(engine.itemSummaries.first?.status == .approved)
        _ = try engine.moderation.applyFromConsole([.reject(reason: "off topic")], item: 2, by: "console")
        try check("reject")
        _ = try engine.moderation.applyFromConsole([.edit(.title, "A better title")], item: 3, by: "console")
        try check("edit")
        #expect(engine.itemSummaries.last?.title == "A better title")
        // The console's changes are journal lines until there are enough to write the index afresh.
        #expect(FileManager.default.fileExists(atPath: Self.journalPath(spool)))
        _ = try engine.subscriptions.add("reader@example.net")
        _ = try engine.digests.sendNow()
        try check("digest")
        #expect(engine.itemSummaries.first?.status == .published)
        // The digest's group of changes is closed: a small one names its items in the journal.
        let journal = String(decoding: (try? AtomicFile.read(Self.journalPath(spool))) ?? [], as: UTF8.self)
        #expect(!journal.contains("open"), "\(journal)")
        #expect(journal.contains("touch 1\n"), "\(journal)")
        for n in 1...(ItemIndex.journalLimit + 2) {
            _ = try engine.moderation.applyFromConsole([.edit(.summary, "Summary \(n)")], item: 3, by: "console")
        }
        try check("many edits")
        let lines = ((try? AtomicFile.read(Self.journalPath(spool))) ?? []).filter { $0 == 0x0A }.count
        #expect(lines <= ItemIndex.journalLimit, "the journal is folded into the index past its limit")
    }

    /// A crash after an item was saved and before the index was written: the journal line written
    /// ahead names the item, which the next reader reads again.
    @Test func aCrashBetweenTheItemAndTheIndexLeavesTheItemToBeReadAgain() throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        var item = try spool.loadItem(2)
        item.status = .approved
        try ItemIndexFile.appendToJournal("touch 2", in: spool)
        try spool.saveItem(item)
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(engine.itemSummaries.map(\.status) == [.pending, .approved, .held])
        #expect(engine.itemSummaries == Self.fromFolders(spool))
        #expect(log.lines.isEmpty, "\(log.lines)")
    }

    /// A crash inside a group commit (intake, digest): the `open` line says the index cannot know
    /// what changed; the next reader rebuilds it from the folders, new items included, and logs it.
    @Test func aCrashInsideAGroupOfChangesRebuildsTheIndex() throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        try ItemIndexFile.appendToJournal("open", in: spool)
        var item = try spool.loadItem(1)
        item.status = .rejected
        try spool.saveItem(item)
        // An item made in the group, its raw message processed.
        try FileManager.default.copyItem(atPath: spool.itemFolder(2), toPath: spool.itemFolder(4))
        var copy = try spool.loadItem(4)
        copy.id = 4
        try spool.saveItem(copy)
        var source = try #require(spool.loadSource(4))
        source.key = "maildir-4.M4.test"
        try spool.saveJSON(source, at: "items/4/source.json")
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(log.contains("items index cannot say what changed"), "\(log.lines)")
        #expect(engine.itemSummaries.map(\.id) == [1, 2, 3, 4])
        #expect(engine.itemSummaries == Self.fromFolders(spool))
        // Written afresh under the lock on opening; the journal is gone with it.
        #expect(!FileManager.default.fileExists(atPath: Self.journalPath(spool)))
        let again = Log()
        #expect(try Self.engine(setup, log: again).itemSummaries == Self.fromFolders(spool))
        #expect(again.lines.isEmpty, "\(again.lines)")
    }

    /// Item folders made or removed by hand (or by a version without the index) change `items/`:
    /// the folder is listed again and what differs read.
    @Test func itemFoldersMadeOrRemovedOutsideLearnmailAreFound() throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        try FileManager.default.copyItem(atPath: spool.itemFolder(2), toPath: spool.itemFolder(7))
        var copy = try spool.loadItem(7)
        copy.id = 7
        try spool.saveItem(copy)
        try FileManager.default.removeItem(atPath: spool.itemFolder(1))
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(log.contains("2 item folder(s) made or removed outside learnmail"), "\(log.lines)")
        #expect(engine.itemSummaries.map(\.id) == [2, 3, 7])
        #expect(engine.itemSummaries == Self.fromFolders(spool))
        let again = Log()
        #expect(try Self.engine(setup, log: again).itemSummaries.map(\.id) == [2, 3, 7])
        #expect(again.lines.isEmpty, "\(again.lines)")
    }

    /// A journal line cut short by the crash (no newline): the item it named is unknown, so the
    /// index is rebuilt.
    @Test func aJournalLineCutShortRebuildsTheIndex() throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        try Data("touch 1\ntou".utf8).write(to: URL(fileURLWithPath: Self.journalPath(spool)))
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(log.contains("items index cannot say what changed"), "\(log.lines)")
        #expect(engine.itemSummaries == Self.fromFolders(spool))
    }

    /// An item folder damaged while a journal line names it is found when read again, and set aside
    /// as a full check would.
    @Test func aDamagedItemNamedInTheJournalIsSetAside() throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        try ItemIndexFile.appendToJournal("touch 2", in: spool)
        try Data().write(to: URL(fileURLWithPath: spool.itemFolder(2) + "/item.json"))
        let log = Log()
        let engine = try Self.engine(setup, log: log)
        #expect(log.contains("item folder #2 could not be read"), "\(log.lines)")
        #expect(engine.itemSummaries.map(\.id) == [1, 3])
        #expect(spool.itemIds() == [1, 3])
        let again = Log()
        #expect(try Self.engine(setup, log: again).itemSummaries.map(\.id) == [1, 3])
        #expect(again.lines.isEmpty, "\(again.lines)")
    }

    /// A moderation reply by mail (inside the intake's group commit) keeps the index in step, and the
    /// daemon's engine sees the console's changes made in between.
    @Test func aReplyByMailAndTheConsoleBetweenRoundsKeepTheIndexInStep() throws {
        let setup = try Self.spoolWithItems()
        let spool = try Spool(directory: setup.config.dataDirectory)
        let daemon = try Self.engine(setup, log: Log())
        let console = try Self.engine(setup, log: Log())
        _ = try console.moderation.applyFromConsole([.approve], item: 1, by: "console")
        let notification = try #require(
            try setup.mail(to: "facilitator@example.org").first { $0.subject?.contains("#2 ") == true })
        try setup.deliver(
            "5.M5.test",
            """
            From: facilitator@example.org
            To: \(notification.replyTo.first?.address ?? "")
            Subject: Re: \(notification.subject ?? "")
            Message-ID: <reply-2@example.org>
            Content-Type: text/plain; charset=utf-8

            reject Not about digital inclusion
            """)
        let report = try setup.round(daemon)
        #expect(report.entries.count == 1)
        // One reply is a small group: closed by naming #2 in the journal, not by writing the index.
        let journal = String(decoding: (try? AtomicFile.read(Self.journalPath(spool))) ?? [], as: UTF8.self)
        #expect(journal == "touch 1\ntouch 2\n", "\(journal)")
        #expect(daemon.itemSummaries.map(\.status) == [.approved, .rejected, .held])
        #expect(daemon.itemSummaries == Self.fromFolders(spool))
        let log = Log()
        #expect(try Self.engine(setup, log: log).itemSummaries == Self.fromFolders(spool))
        #expect(log.lines.isEmpty, "\(log.lines)")
    }
}
