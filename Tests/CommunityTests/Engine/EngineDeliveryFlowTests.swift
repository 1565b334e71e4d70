import CommunityFakes
import Foundation
import MIME
import Testing

@testable import Community

/// Sending and what comes back: refusals at RCPT and bounce reports disable a subscriber, and a
/// digest cut short mid-send reaches every subscriber once.
@Suite("Engine flow: delivery")
struct EngineDeliveryFlowTests {
    /// Postfix's DSN for an unknown user, sent back to the subscriber's VERP address on three days:
    /// the subscriber is disabled and the facilitator told; a bounce never becomes an item.
    @Test func repeatedHardBouncesDisableTheSubscriber() throws {
        let setup = try EngineFlow()
        let engine = try setup.engine()
        _ = try engine.subscriptions.add("ann.old@examplehousing.org.uk")
        let spool = try Spool(directory: setup.config.dataDirectory)
        let token = try #require(
            try spool.loadSubscribers().subscriber(address: "ann.old@examplehousing.org.uk")?.bounceToken)
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("bounces/postfix-user-unknown.eml")
        let dsn = try String(contentsOf: fixture, encoding: .utf8).replacingOccurrences(
            of: "k3mbq7zx4wd2ypta", with: token)
        for day in 0..<3 {
            setup.at("2026-11-2\(3 + day)T10:00:00Z")
            setup.source.add("\(day).bounce.test", Array(dsn.utf8))
            let report = setup.round(engine)
            guard case .bounce(let address, _) = report.entries.first?.outcome else {
                Issue.record("expected a bounce, got \(report.entries)")
                return
            }
            #expect(address == "ann.old@examplehousing.org.uk")
        }
        #expect(try spool.loadSubscribers().subscriber(address: "ann.old@examplehousing.org.uk")?.status == .disabled)
        #expect(spool.itemIds().isEmpty)
        let notes = setup.mail(to: "facilitator@example.org")
        #expect(notes.count == 1)
        #expect(notes.first?.textBody?.contains("ann.old@examplehousing.org.uk") == true)
    }

    @Test func aDigestCopyRefusedAtRCPTCountsAsAHardBounce() throws {
        let setup = try EngineFlow(at: "2026-11-23T08:00:00Z", extraConfig: #", "limits": {"hardBouncesToDisable": 1}"#)
        let engine = try setup.digestQueued(to: ["gone@example.net", "fine@example.net"])
        let sink = RefusingSink(setup.sink, refusing: ["gone@example.net"])
        let report = try engine.delivery.sendQueued(through: sink)
        #expect(report.refusals.map(\.address) == ["gone@example.net"])
        let subscribers = try engine.spool.loadSubscribers()
        #expect(subscribers.subscriber(address: "gone@example.net")?.status == .disabled)
        #expect(subscribers.subscriber(address: "fine@example.net")?.status == .active)
        // The facilitator hears of it with the next delivery.
        _ = try engine.delivery.sendQueued(through: setup.sink)
        #expect(setup.mail(to: "facilitator@example.org").contains { $0.subject?.contains("disabled") == true })
    }

    @Test func aDigestCutShortMidSendReachesEverySubscriberOnce() throws {
        let setup = try EngineFlow(at: "2026-11-23T08:00:00Z")
        let readers = (1...120).map { "reader\($0)@example.net" }
        let engine = try setup.digestQueued(to: readers)
        // A queued entry per 50 subscribers, not a file per subscriber.
        #expect(
            engine.outbox.pending().filter { $0.kind == .digest }.map(\.id) == [
                "digest-2026-W48-1", "digest-2026-W48-2", "digest-2026-W48-3",
            ])
        // 70 copies go out, then the process "dies" part-way through the second batch of 50.
        let sink = DyingSink(setup.sink, messages: 70)
        #expect(throws: FakeMailError.self) { try engine.delivery.sendQueued(through: sink) }
        #expect(engine.outbox.pending().map(\.id).first == "digest-2026-W48-2")
        // A reader who leaves before their copy goes out gets none.
        _ = try engine.subscriptions.remove("reader120@example.net")
        let restarted = try setup.engine()
        let report = try restarted.delivery.sendQueued(through: setup.sink)
        // The 20 the server took before the "crash" are not sent again (outbox/.accepted).
        #expect(report.sent == 49 + 1)  // and the contributor's "published" notice
        var messageIds: Set<String> = []
        for reader in readers.dropLast() {
            let copies = setup.mail(to: reader)
            #expect(copies.count == 1, "\(reader)")
            messageIds.formUnion(copies.compactMap(\.messageId))
            // Each copy carries the reader's own unsubscribe address.
            #expect(copies.first?.headers["List-Unsubscribe"]?.contains("unsubscribe-") == true)
        }
        #expect(messageIds.count == 119 && messageIds.allSatisfy { $0.hasPrefix("digest-2026-W48-") })
        #expect(setup.mail(to: "reader120@example.net").isEmpty)
        let done = restarted.outbox.entries(in: "sent")
        #expect(done.first { $0.id == "digest-2026-W48-3" }?.recipients.last?.state == .cancelled)
        // A copy made again is the same mail: what a crash-resend would put on the wire.
        let record = try #require(try restarted.spool.loadJSON(DigestRecord.self, at: "digests/2026-W48.json"))
        let subscriber = try #require(try restarted.spool.loadSubscribers().subscriber(address: "reader7@example.net"))
        let template = try #require(record.template)
        #expect(
            restarted.delivery.digestCopy(template, of: record, for: subscriber)
                == restarted.delivery.digestCopy(template, of: record, for: subscriber))
    }
}
