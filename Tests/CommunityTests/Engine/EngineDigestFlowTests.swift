import Foundation
import MIME
import Testing

@testable import Community

/// The week's digest across a crash: recorded, queued in parts, and completed without doubling.
@Suite("Engine flow: digest")
struct EngineDigestFlowTests {
    @Test func aDigestInterruptedAfterItsRecordIsCompletedNotDoubled() throws {
        let setup = try EngineFlow(at: "2026-11-23T08:00:00Z")
        _ = try setup.digestQueued(to: ["a@example.net", "b@example.net"])
        // As if the process died after queueing, before the state was saved: forget the week.
        let spool = try Spool(directory: setup.config.dataDirectory)
        var state = spool.loadState()
        state.lastDigestWeek = nil
        try spool.saveState(state)
        let report = setup.round(try setup.engine())
        #expect(report.digest != nil)
        #expect(setup.mail(to: "a@example.net").count == 1)
        #expect(setup.mail(to: "b@example.net").count == 1)
    }

    @Test func aDigestQueuedPartlyBeforeACrashIsQueuedTheSameWayAfterIt() throws {
        let setup = try EngineFlow(at: "2026-11-23T08:00:00Z")
        let readers = (1...120).map { "reader\($0)@example.net" }
        let engine = try setup.digestQueued(to: readers)
        // As if the process died after writing the first part only, and the state was not saved;
        // meanwhile reader3 vanished from the list altogether (a hand edit).
        let spool = engine.spool
        for part in ["digest-2026-W48-2.json", "digest-2026-W48-3.json"] {
            try FileManager.default.removeItem(atPath: spool.path("outbox", part))
        }
        var state = spool.loadState()
        state.lastDigestWeek = nil
        try spool.saveState(state)
        let list = try spool.loadSubscribers()
        try spool.saveSubscribers(SubscriberList(list.subscribers.filter { $0.address != "reader3@example.net" }))
        _ = setup.round(try setup.engine())
        for reader in readers where reader != "reader3@example.net" {
            #expect(setup.mail(to: reader).count == 1, "\(reader)")
        }
        #expect(setup.mail(to: "reader3@example.net").isEmpty)
    }

    @Test func aDigestWhoseRecordIsGoneStaysQueuedWithAClearError() throws {
        let setup = try EngineFlow(at: "2026-11-23T08:00:00Z")
        let engine = try setup.digestQueued(to: ["a@example.net"])
        try FileManager.default.removeItem(atPath: engine.spool.path("digests", "2026-W48.json"))
        let sink = setup.sink
        #expect(throws: DigestRecordMissing.self) { try engine.delivery.sendQueued(through: sink) }
        #expect(engine.outbox.pending().first { $0.kind == .digest }?.recipients.map(\.state) == [.queued])
        #expect(setup.mail(to: "a@example.net").isEmpty)
    }
}
