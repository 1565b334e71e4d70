import CommunityFakes
import Foundation
import MIME
import SMTP
import SampleCommunity
import Testing

@testable import Community
@testable import LearnMailCLI
@testable import MailAdapters

/// A clock the test moves by hand.
final class TestClock: Clock, @unchecked Sendable {
    var now: Date
    init(_ iso: String) { now = ISO8601UTC.date(from: iso)! }
}

/// The engine on a real Maildir and a real folder sink (MailAdapters), with time and randomness
/// fixed, for the suites here that run the built binary or the CLI's pieces on the same folders.
/// The engine's own flows are tested on mail in memory: CommunityTests/Engine/Engine*FlowTests.
enum MaildirFlow {
    struct Setup {
        let folder: String
        let config: Config
        let clock: TestClock

        init(at time: String = "2026-11-23T08:00:00Z", extraConfig: String = "") throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-flow-\(UUID().uuidString)").path
            for sub in ["maildir/new", "maildir/cur", "maildir/tmp", "outbox"] {
                try FileManager.default.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true)
            }
            let json = SampleCommunity.config(extra: extraConfig)
            try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/learnmail.json"))
            config = try Config.load(file: folder + "/learnmail.json")
            clock = TestClock(time)
        }

        func engine() throws -> Engine {
            // A new seed per engine: each stands for a restarted process.
            try Engine(config: config, clock: clock, random: SplitMix64(seed: UInt64.random(in: 0...UInt64.max)))
        }

        func deliver(_ name: String, _ text: String) throws {
            let bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/maildir/new/\(name)"))
        }

        func round(_ engine: Engine) throws -> RunReport {
            engine.runOnce(
                source: MaildirMailSource(path: folder + "/maildir"),
                sink: try DirectoryMailSink(path: folder + "/outbox"))
        }

        /// Where the digest delivery tests begin: one approved item, `readers` subscribed, and the
        /// week's digest recorded and queued on Monday at 09:30.
        func digestQueued(to readers: [String]) throws -> Engine {
            try deliver("1.M1.test", MaildirFlow.contribution(1))
            let engine = try engine()
            _ = try round(engine)
            _ = try engine.moderation.applyFromConsole([.approve], item: 1, by: "test")
            for reader in readers { _ = try engine.subscriptions.add(reader) }
            clock.now = ISO8601UTC.date(from: "2026-11-23T09:30:00Z")!
            _ = try engine.digests.sendNow()
            return engine
        }

        /// The delivered messages whose To is `address`.
        func mail(to address: String) throws -> [Message] {
            try FileManager.default.contentsOfDirectory(atPath: folder + "/outbox").sorted().filter {
                $0.hasSuffix(".eml")
            }
            .map { Message(try readFile(folder + "/outbox/" + $0)) }
            .filter { $0.to.contains { $0.address == address } }
        }
    }

    /// Contribution `n` of the sample community (SampleCommunity.contribution).
    static func contribution(_ n: Int, from sender: String = "helen@examplehousing.org.uk") -> String {
        SampleCommunity.contribution(n, from: sender)
    }
}
