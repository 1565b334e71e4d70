import Community
import Foundation
import Testing

@testable import LearnMailCLI

/// Runs the real executable, as a person would.
func learnmail(_ arguments: [String], environment: [String: String]? = nil) throws -> CommunityRun.Result {
    let process = Process()
    process.executableURL = CommunityRun.executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return .init(
        status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
        died: process.terminationReason == .uncaughtSignal)
}

/// The package's own samples folder, found from this file.
let samplesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples").path

@Suite("Demo and command line")
struct DemoAndUsageTests {
    @Test func theDemoTellsTheWholeStoryFromTheSamples() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-demo-\(UUID().uuidString)").path
        let result = try learnmail(["demo", "--folder", folder, "--samples", samplesFolder])
        #expect(result.status == 0, "\(result.output)")
        for expected in [
            "10 items made, 2 messages made no item", "ignored: Auto-Submitted: auto-replied",
            "carries no moderation token: nothing changed", "held as #10",
            "moderation of #1 by facilitator@example.org: reject", "now rejected",
            "moderation of #8 by facilitator@example.org: edit area Health online (done), "
                + "set Champions in different settings (",
            "approve (done); now approved", "4. Knowledge hub", "/site/index.html",
            "3 item(s) to 2 subscriber(s)", "/data/digests/",
        ] {
            #expect(result.output.contains(expected), "the story mentions: \(expected)")
        }
        // The committed samples were copied, never changed.
        #expect(FileManager.default.fileExists(atPath: folder + "/maildir/cur"))
        let spool = try Spool(directory: folder + "/data")
        let statuses = spool.loadItems().map(\.status)
        #expect(statuses.filter { $0 == .published }.count == 3)
        #expect(statuses.filter { $0 == .rejected }.count == 1)
        #expect(statuses.filter { $0 == .held }.count == 1)
        let digests = try FileManager.default.contentsOfDirectory(atPath: folder + "/data/digests")
        #expect(digests.contains { $0.hasSuffix(".txt") } && digests.contains { $0.hasSuffix(".html") })
        // The hub was built after the digest; item 8 is in the learning set the facilitator named.
        #expect(try spool.loadItem(8).learningSet == "Champions in different settings")
        let setPage = try String(
            contentsOfFile: folder + "/site/sets/champions-in-different-settings.html", encoding: .utf8)
        #expect(setPage.contains("Pharmacy pop-up"))
        #expect(FileManager.default.fileExists(atPath: folder + "/site/feed.xml"))

        // queue list --json is a JSON array of items with the documented keys.
        let list = try learnmail(["--config", folder + "/learnmail.json", "queue", "list", "--json"])
        #expect(list.status == 0)
        let array = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]]
        #expect(array?.count == 10)
        for key in ["id", "status", "title", "contributor", "learningArea", "summary", "body", "receivedAt", "history"]
        {
            #expect(array?.first?[key] != nil, "queue list --json has \(key)")
        }
    }

    @Test(arguments: [
        (["frobnicate"], Int32(2), "unknown command"),
        (["queue"], 2, "queue needs an action"),
        (["queue", "show", "abc", "--config", "/nonexistent/learnmail.json"], 1, "cannot read the config file"),
        (["parse"], 2, "parse needs at least one FILE"),
        (["parse", "/nonexistent.eml"], 1, "cannot read /nonexistent.eml"),
        (["run", "--bogus"], 2, "unknown option --bogus"),
        (["help"], 0, "run [--once]"),
    ])
    func usageErrorsExitTwoAndBadInputOne(arguments: [String], status: Int32, message: String) throws {
        let result = try learnmail(arguments)
        #expect(result.status == status, "\(result.output)")
        #expect(result.output.contains(message), "\(result.output)")
    }

    @Test func aConfigErrorNamesTheFileAndTheKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-cfg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/learnmail.json"
        try Data(
            #"{"community": {"name": "C", "address": "l@example.org"}, "mailbox": {"maildir": "m"}, "sender": {"outbox": "o"}, "moderators": ["f@example.org"], "digest": {"weekday": "someday"}}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: file))
        let result = try learnmail(["status"], environment: ["LEARNMAIL_CONFIG": file])
        #expect(result.status == 1)
        #expect(result.output.contains("\(file): key 'digest.weekday'"), "\(result.output)")
    }

    @Test func argumentsSeparateOptionsFlagsAndPositionals() throws {
        let parsed = try Arguments(
            ["reject", "4", "--reason", "too vague", "--json"], options: ["reason"], flags: ["json"])
        #expect(parsed.positionals == ["reject", "4"])
        #expect(parsed.options["reason"] == "too vague")
        #expect(parsed.has("json"))
        #expect(throws: UsageError.self) { try Arguments(["--reason"], options: ["reason"], flags: []) }
    }
}

@Suite("Daemon")
struct DaemonTests {
    /// `learnmail run` polls, processes what arrives, and stops cleanly on SIGTERM.
    @Test func theDaemonProcessesMailAndStopsOnSIGTERM() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-daemon-\(UUID().uuidString)")
            .path
        for sub in ["maildir/new", "maildir/cur", "maildir/tmp"] {
            try FileManager.default.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: samplesFolder + "/learnmail.json", toPath: folder + "/learnmail.json")
        let sample = try FileManager.default.contentsOfDirectory(atPath: samplesFolder + "/maildir/new").sorted()[0]
        try FileManager.default.copyItem(
            atPath: "\(samplesFolder)/maildir/new/\(sample)", toPath: "\(folder)/maildir/new/\(sample)")

        let process = Process()
        process.executableURL = CommunityRun.executable
        process.arguments = ["run", "--config", folder + "/learnmail.json"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let spool = try Spool(directory: folder + "/data")
        let deadline = Date().addingTimeInterval(20)
        while spool.itemIds().isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(spool.itemIds() == [1], "the daemon made an item of the waiting mail")
        process.terminate()  // SIGTERM
        let stopBy = Date().addingTimeInterval(10)
        while process.isRunning && Date() < stopBy { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "stopped within 10 s of SIGTERM")
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(log.contains("stopped"), "\(log)")
    }
}
