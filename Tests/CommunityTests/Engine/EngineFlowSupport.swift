import CommunityFakes
import Foundation
import MIME
import SMTP
import SampleCommunity

@testable import Community

/// The engine on mail in memory, with time and randomness fixed: the flows of the demo checked step
/// by step without the CLI or its adapters (Engine*FlowTests). A new engine per `engine()` stands for
/// a restarted process; the source, the sink, the clock and the data folder outlive it.
final class EngineFlow {
    let folder: String
    let config: Config
    let clock: ManualClock
    let source = MemoryMailSource()
    let sink = MemoryMailSink()
    private var seed: UInt64 = 1

    init(at time: String = "2026-11-23T08:00:00Z", extraConfig: String = "") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-flow-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The mailbox and sender the config names are the CLI's business; the engine is handed
        // `source` and `sink`.
        let json = SampleCommunity.config(extra: extraConfig)
        try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/learnmail.json"))
        config = try Config.load(file: folder + "/learnmail.json")
        clock = ManualClock(Self.date(time))
    }

    static func date(_ iso: String) -> Date { ISO8601UTC.date(from: iso)! }

    /// Moves the clock to `iso` (an ISO 8601 UTC instant).
    func at(_ iso: String) { clock.set(Self.date(iso)) }

    /// A new engine, as a restarted process makes: its own seed, one after the last.
    func engine() throws -> Engine {
        seed += 1
        return try Engine(config: config, clock: clock, random: SplitMix64(seed: seed))
    }

    /// Puts a message (written with LF, stored with CRLF as mail is) in the mailbox as `name`.
    func deliver(_ name: String, _ text: String) {
        source.add(name, Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    }

    func round(_ engine: Engine) -> RunReport { engine.runOnce(source: source, sink: sink) }

    /// Where the digest delivery tests begin: one approved item, `readers` subscribed, and the
    /// week's digest recorded and queued on Monday at 09:30.
    func digestQueued(to readers: [String]) throws -> Engine {
        deliver("1.M1.test", Self.contribution(1))
        let engine = try engine()
        _ = round(engine)
        _ = try engine.moderation.applyFromConsole([.approve], item: 1, by: "test")
        for reader in readers { _ = try engine.subscriptions.add(reader) }
        at("2026-11-23T09:30:00Z")
        _ = try engine.digests.sendNow()
        return engine
    }

    /// The delivered messages whose To is `address`, in the order they were sent.
    func mail(to address: String) -> [Message] {
        sink.delivered.map { Message($0.data) }.filter { $0.to.contains { $0.address == address } }
    }

    /// Contribution `n` of the sample community (SampleCommunity.contribution).
    static func contribution(_ n: Int, from sender: String = "helen@examplehousing.org.uk") -> String {
        SampleCommunity.contribution(n, from: sender)
    }
}

/// A mailbox in memory: messages wait, in the order added, until marked handled.
final class MemoryMailSource: MailSource {
    private(set) var waiting: [(key: SourceKey, data: [UInt8])] = []
    private(set) var handled: [(key: SourceKey, data: [UInt8])] = []

    func add(_ name: String, _ data: [UInt8]) { waiting.append((SourceKey("memory-" + name), data)) }

    /// As if the mark never reached the server (a crash before it): the message waits again.
    func putBack(_ key: SourceKey) {
        guard let index = handled.firstIndex(where: { $0.key == key }) else { return }
        waiting.append(handled.remove(at: index))
    }

    func pendingKeys() throws -> [SourceKey] { waiting.map(\.key) }

    func fetch(_ keys: [SourceKey], into store: (SourceKey, [UInt8]) throws -> Void) throws {
        for key in keys {
            guard let message = waiting.first(where: { $0.key == key }) else {
                throw FakeMailError("the memory mailbox no longer holds \(key)")
            }
            try store(key, message.data)
        }
    }

    func markHandled(_ keys: [SourceKey]) throws {
        handled += waiting.filter { keys.contains($0.key) }
        waiting.removeAll { keys.contains($0.key) }
    }
}

/// A sink that takes every message, keeping each envelope in the order sent.
final class MemoryMailSink: MailSink {
    private(set) var delivered: [Envelope] = []

    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        delivered += envelopes
        return envelopes.map { $0.recipients.map { _ in .accepted } }
    }
}

/// A sink that delivers `budget` messages, then fails part-way through a batch, as if the process
/// had died there: what it delivered was answered one by one, as SMTP answers.
final class DyingSink: MailSink {
    let inner: MailSink
    var budget: Int

    init(_ inner: MailSink, messages: Int) {
        self.inner = inner
        budget = messages
    }

    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        try deliver(envelopes, moreToFollow: false, answered: { _, _ in })
    }

    func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]] {
        var outcomes: [[RecipientStatus]] = []
        for (index, envelope) in envelopes.enumerated() {
            guard budget > 0 else { throw FakeMailError("gone") }
            budget -= 1
            outcomes += try inner.deliver([envelope])
            answered(index, outcomes[index])
        }
        return outcomes
    }
}

/// What the fakes throw.
struct FakeMailError: Error, CustomStringConvertible {
    var description: String
    init(_ text: String) { description = text }
}
