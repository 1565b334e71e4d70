import Community
import Foundation
import MIME
import Testing

@testable import LearnMailCLI

/// A message that really kills the process (the debug build's LEARNMAIL_DEBUG_CRASH_ON_SUBJECT
/// switch traps on it, as a parser bug would): the built `learnmail` runs on a Maildir with a
/// folder sink, dies twice, and on the third run sets the message aside and goes on with the rest.
@Suite("Poison messages")
struct PoisonMessageTests {
    /// Runs the binary with `extra` added to this process's environment.
    static func run(_ arguments: [String], extra: [String: String] = [:]) throws -> CommunityRun.Result {
        try learnmail(arguments, environment: ProcessInfo.processInfo.environment.merging(extra) { $1 })
    }

    static let poison = """
        From: Mallory <mallory@examplehousing.org.uk>
        To: learning@example.org
        Subject: Lesson POISON-TRAP: this one kills the parser
        Date: Mon, 23 Nov 2026 07:52:00 +0000
        Message-ID: <poison@examplehousing.org.uk>
        Content-Type: text/plain; charset=utf-8

        Whatever is in here, learnmail dies on it.

        """

    /// The names and sizes of the files in a folder tree, to see that a run changed nothing.
    static func snapshot(_ folder: String) -> [String: Int] {
        var files: [String: Int] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: folder)?.allObjects ?? [] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            if attributes?[.type] as? FileAttributeType == .typeRegular, !name.hasSuffix(".lock") {
                files[name] = (attributes?[.size] as? Int) ?? -1
            }
        }
        return files
    }

    @Test func aMessageThatKillsTheProcessTwiceIsQuarantinedAndTheRestGoesOn() throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.test", MaildirFlow.contribution(1))
        try setup.deliver("2.M2.test", Self.poison)
        try setup.deliver("3.M3.test", MaildirFlow.contribution(3))
        let config = setup.folder + "/learnmail.json"
        let trap = ["LEARNMAIL_DEBUG_CRASH_ON_SUBJECT": "POISON-TRAP"]
        let spool = try Spool(directory: setup.config.dataDirectory)

        // Runs 1 and 2 die on the poison message; nothing is marked handled, nothing is sent.
        let first = try Self.run(["--config", config, "run", "--once"], extra: trap)
        #expect(first.died, "run 1 should die on the message: \(first.output)")
        let second = try Self.run(["--config", config, "run", "--once"], extra: trap)
        #expect(second.died, "run 2 should die on the message again: \(second.output)")
        #expect(second.output.contains("learnmail stopped while processing this message"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.folder + "/maildir/new").count == 3)
        #expect(try setup.mail(to: "facilitator@example.org").isEmpty)

        // Run 3 sets it aside before touching it, and processes the others.
        let third = try Self.run(["--config", config, "run", "--once"], extra: trap)
        #expect(!third.died && third.status == 0, "run 3 should finish: \(third.output)")
        #expect(third.output.contains("maildir-2.M2.test: quarantined: learnmail stopped 2 times on it"))
        #expect(third.output.contains("maildir-3.M3.test: new item #2"))
        #expect(spool.itemIds() == [1, 2])
        let kept = spool.path("quarantine", "maildir-2.M2.test.eml")
        #expect(
            try readFile(kept) == Array(Self.poison.replacingOccurrences(of: "\n", with: "\r\n").utf8),
            "the quarantined message is kept byte for byte")
        let reason = try String(contentsOfFile: spool.path("quarantine", "maildir-2.M2.test.reason"), encoding: .utf8)
        #expect(reason.contains("stopped 2 times"))
        // One note to the facilitator, beside the two items' notifications.
        let notes = try setup.mail(to: "facilitator@example.org").filter {
            $0.subject == "A message was set aside by Test Community"
        }
        #expect(notes.count == 1)
        #expect(notes.first?.textBody?.contains("Lesson POISON-TRAP") == true)
        #expect(notes.first?.textBody?.contains(kept) == true)
        #expect(try setup.mail(to: "facilitator@example.org").count == 3)
        // Handled on the server (the Maildir's new/ is empty), and no crash count left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.folder + "/maildir/new").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: spool.path("intake-crashes.json")))
        #expect(spool.quarantinedMessages().map(\.name) == ["maildir-2.M2.test.eml"])

        // Further runs, with the trap still set or not, change nothing.
        let before = (Self.snapshot(setup.folder + "/outbox"), Self.snapshot(spool.root))
        for extra in [trap, [:]] {
            let again = try Self.run(["--config", config, "run", "--once"], extra: extra)
            #expect(!again.died && again.status == 0, "\(again.output)")
            #expect(again.output.contains("0 message(s) processed; sent 0"))
        }
        let after = (Self.snapshot(setup.folder + "/outbox"), Self.snapshot(spool.root))
        #expect(after.0 == before.0)
        #expect(after.1.filter { $0.key != "state.json" } == before.1.filter { $0.key != "state.json" })
    }

    /// One crash is not enough: a message whose processing was cut short once (a kill -9 in the
    /// middle of a batch) is simply processed by the next run, and its count forgotten.
    @Test func oneCrashIsForgivenAndOnlyTheMessageInHandIsBlamed() throws {
        let setup = try MaildirFlow.Setup()
        try setup.deliver("1.M1.test", MaildirFlow.contribution(1))
        try setup.deliver("2.M2.test", Self.poison)
        try setup.deliver("3.M3.test", MaildirFlow.contribution(3))
        let config = setup.folder + "/learnmail.json"
        let first = try Self.run(
            ["--config", config, "run", "--once"], extra: ["LEARNMAIL_DEBUG_CRASH_ON_SUBJECT": "POISON-TRAP"])
        #expect(first.died)
        let spool = try Spool(directory: setup.config.dataDirectory)
        // The marker names the message in hand, not its batch.
        let marker = try String(contentsOfFile: spool.path("processing"), encoding: .utf8)
        #expect(marker.hasPrefix("maildir-2.M2.test\t"))
        let second = try Self.run(["--config", config, "run", "--once"])
        #expect(second.status == 0, "\(second.output)")
        #expect(second.output.contains("maildir-2.M2.test: new item #2"))
        #expect(second.output.contains("maildir-3.M3.test: new item #3"))
        #expect(spool.quarantinedMessages().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: spool.path("intake-crashes.json")))
        #expect(try String(contentsOfFile: spool.path("processing"), encoding: .utf8).isEmpty)
    }
}
