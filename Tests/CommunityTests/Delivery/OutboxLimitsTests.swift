import Foundation
import SMTP
import Testing

@testable import Community

/// A clock that moves only when told to or when asked to wait, so that pacing and token expiry are
/// tested without waiting (the limits and OAuth tests share it).
final class ManualClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private(set) var waits: [(from: Date, until: Date)] = []

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    var now: Date { lock.withLock { current } }

    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
    func advance(_ seconds: TimeInterval) { advance(by: seconds) }
    func set(_ date: Date) { lock.withLock { current = date } }

    func sleep(until deadline: Date) {
        lock.withLock {
            waits.append((current, deadline))
            current = max(current, deadline)
        }
    }
}

/// A submission server in miniature: it takes at most `perWindow` messages in each fixed window of
/// `window` seconds (Postfix's anvil counts this way) and answers `450 4.7.1` beyond that; at most
/// `perTransaction` recipients per message (`452 4.5.3` for the rest); each message takes `duration`
/// seconds of the clock. It keeps every copy it took, so that tests can count them.
final class ThrottlingSink: MailSink {
    let clock: ManualClock
    var perWindow = Int.max
    var window: TimeInterval = 10
    var perTransaction = Int.max
    var duration: TimeInterval = 0
    /// Answer this many messages, then fail as a crashed process would (the flush sees an error).
    var crashAfter: Int?
    private var windowStart: Date?
    private var inWindow = 0
    private(set) var taken: [(at: Date, recipient: String)] = []
    private(set) var attempts: [Date] = []
    private(set) var throttleAnswers = 0

    init(clock: ManualClock) { self.clock = clock }

    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        try deliver(envelopes, moreToFollow: false, answered: { _, _ in })
    }

    func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]] {
        var all: [[RecipientStatus]] = []
        for (index, envelope) in envelopes.enumerated() {
            if let crashAfter, attempts.count >= crashAfter { throw CocoaError(.fileWriteUnknown) }
            let now = clock.now
            attempts.append(now)
            if windowStart.map({ now.timeIntervalSince($0) >= window }) ?? true {
                windowStart = now
                inWindow = 0
            }
            var outcomes: [RecipientStatus]
            if inWindow >= perWindow {
                throttleAnswers += 1
                outcomes = envelope.recipients.map { _ in
                    .failed(.refused(Reply(code: 450, text: "4.7.1 Error: too much mail")))
                }
            } else {
                inWindow += 1
                outcomes = envelope.recipients.enumerated().map { position, recipient in
                    guard position < perTransaction else {
                        return .failed(.refused(Reply(code: 452, text: "4.5.3 Too many recipients")))
                    }
                    taken.append((now, recipient))
                    return .accepted
                }
            }
            clock.advance(by: duration)
            answered(index, outcomes)
            all.append(outcomes)
        }
        return all
    }

    func copies(of recipient: String) -> Int { taken.filter { $0.recipient == recipient }.count }
}

@Suite("Outbox within the provider's limits")
struct OutboxLimitsTests {
    static let london = TimeZone(identifier: "Europe/London")!

    static func readers(_ count: Int) -> [String] { (1...count).map { "reader\($0)@example.org" } }

    /// A digest to `readers`, queued as personalised parts of 50 (as the engine queues one).
    static func queueDigest(_ outbox: Outbox, readers: [String], at now: Date) throws {
        try outbox.enqueue(
            id: "digest-2026-W13", kind: .digest, template: "digests/2026-W13.json", envelopeFrom: "b@example.org",
            recipients: readers.map { ($0, "b+\($0)@example.org") }, at: now)
    }

    static func personalise(_ entry: Outbox.Entry, _ recipient: Outbox.Recipient) -> [UInt8]? {
        Array("To: \(recipient.address)\r\n\r\nx\r\n".utf8)
    }

    func gate(_ limits: SendingLimits, _ clock: ManualClock, _ spool: Spool, wait: TimeInterval = 3600) -> SendingGate {
        SendingGate(limits: limits, timeZone: Self.london, clock: clock, spool: spool, waitLimit: wait)
    }

    @Test func aThrottlingServerSlowsTheFlushDownAndEveryReaderGetsOneCopy() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        let clock = ManualClock(SendingLimitsTests.utc("2026-12-03T10:00:00Z"))
        let readers = Self.readers(150)
        try Self.queueDigest(outbox, readers: readers, at: clock.now)
        let sink = ThrottlingSink(clock: clock)
        sink.perWindow = 40
        sink.duration = 0.05
        let report = try outbox.flush(
            through: sink, at: clock.now, personalise: Self.personalise, gate: gate(.none, clock, spool))
        #expect(sink.throttleAnswers > 0, "the server did throttle")
        // The sink answered the rest of a throttled batch with 450 too: one slow-down per batch.
        #expect(!report.throttled.isEmpty && report.throttled.count <= sink.throttleAnswers)
        #expect(readers.allSatisfy { sink.copies(of: $0) == 1 }, "each reader exactly once")
        #expect(report.sent == 150 && report.failed == 0 && report.refusals.isEmpty && report.failures.isEmpty)
        #expect(outbox.pending().isEmpty && outbox.count(in: "failed") == 0)
        // Throttled recipients were not charged an attempt: every one was sent at its first counted try.
        #expect(outbox.entries(in: "sent").flatMap(\.recipients).allSatisfy { $0.attempts == 1 && $0.state == .sent })
        // After each throttling answer the flush waited before it tried again.
        #expect(clock.waits.count >= report.throttled.count)
        #expect(clock.waits.allSatisfy { $0.until.timeIntervalSince($0.from) >= SendingGate.firstWait - 0.2 })
    }

    @Test func withoutAGateAThrottlingAnswerEndsTheFlushAndNobodyFails() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        let clock = ManualClock(SendingLimitsTests.utc("2026-12-03T10:00:00Z"))
        try outbox.enqueue(
            id: "note", kind: .note, envelopeFrom: "b@example.org", recipients: ["f@example.org"],
            message: Array("x\r\n".utf8), at: clock.now)
        let sink = ThrottlingSink(clock: clock)
        sink.perWindow = 0
        for round in 0..<8 {
            // However often the server throttles, the message never fails and never runs out of tries.
            let report = try outbox.flush(through: sink, at: clock.now + Double(round) * 86_400)
            #expect(report.failed == 0 && report.sent == 0 && report.throttled.count == 1)
        }
        let entry = try #require(outbox.pending().first)
        #expect(entry.recipients[0].state == .queued && entry.recipients[0].attempts == 0)
        #expect(entry.recipients[0].lastResponse == "450 4.7.1 Error: too much mail")
        sink.perWindow = .max
        #expect(try outbox.flush(through: sink, at: clock.now + 9 * 86_400).sent == 1)
        #expect(sink.copies(of: "f@example.org") == 1)
    }

    @Test func pacedDeliveryKeepsASixthOfTheRateInAnyTenSeconds() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        let clock = ManualClock(SendingLimitsTests.utc("2026-12-03T10:00:00Z"))
        let readers = Self.readers(40)
        try Self.queueDigest(outbox, readers: readers, at: clock.now)
        let sink = ThrottlingSink(clock: clock)
        sink.duration = 0.3
        let start = clock.now
        let report = try outbox.flush(
            through: sink, at: clock.now, personalise: Self.personalise,
            gate: gate(SendingLimits(messagesPerMinute: 30), clock, spool))
        #expect(report.sent == 40)
        let times = sink.attempts.map { $0.timeIntervalSince(start) }
        #expect(SendingLimitsTests.busiest(times, over: 10) == 5)
        #expect(SendingLimitsTests.busiest(times, over: 60) <= 30)
        // 40 messages, one every two seconds: 78 seconds from the first to the last.
        #expect(abs(times.last! - 78) < 0.001)
        #expect(readers.allSatisfy { sink.copies(of: $0) == 1 })
    }

    @Test func aFlushWaitsNoLongerThanItsLimitAndTheRestGoesNextRound() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        let clock = ManualClock(SendingLimitsTests.utc("2026-12-03T10:00:00Z"))
        let readers = Self.readers(20)
        try Self.queueDigest(outbox, readers: readers, at: clock.now)
        let sink = ThrottlingSink(clock: clock)
        let limits = SendingLimits(messagesPerMinute: 6)  // one every ten seconds
        var report = try outbox.flush(
            through: sink, at: clock.now, personalise: Self.personalise, gate: gate(limits, clock, spool, wait: 60))
        #expect(report.sent == 7)  // now, then six more within the minute it may wait
        #expect(report.waitingUntil == clock.now + 10)
        #expect(outbox.nextAttempt(at: clock.now, gate: gate(limits, clock, spool)) == clock.now + 10)
        // The next round, in a new process: the pace is remembered.
        report = try outbox.flush(
            through: sink, at: clock.now, personalise: Self.personalise, gate: gate(limits, clock, spool))
        #expect(report.sent == 13 && report.waitingUntil == nil)
        #expect(SendingLimitsTests.busiest(sink.attempts.map { $0.timeIntervalSince1970 }, over: 10) == 1)
        #expect(readers.allSatisfy { sink.copies(of: $0) == 1 })
    }

    @Test func aWaitCutShortEndsTheFlushAndLeavesTheRestQueued() throws {
        /// A clock whose waits end at once, as the daemon's do when SIGTERM arrives.
        struct StoppingClock: Clock {
            let now: Date
            func sleep(until deadline: Date) {}
        }
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        let clock = StoppingClock(now: SendingLimitsTests.utc("2026-12-03T10:00:00Z"))
        let readers = Self.readers(10)
        try Self.queueDigest(outbox, readers: readers, at: clock.now)
        let sink = ThrottlingSink(clock: ManualClock(clock.now))
        let gate = SendingGate(
            limits: SendingLimits(messagesPerMinute: 30), timeZone: Self.london, clock: clock, spool: spool)
        let report = try outbox.flush(through: sink, at: clock.now, personalise: Self.personalise, gate: gate)
        #expect(report.sent == 1 && report.failed == 0)
        #expect(outbox.waitingCount() == 9)
        #expect(report.waitingUntil == clock.now + 2)
    }

    @Test func whatTheDayCannotTakeWaitsForTheNextLocalDayAcrossTheClockChange() throws {
        // Each flush may wait a minute (for the pace): not the hours until the next day.
        func gate(_ limits: SendingLimits, _ clock: ManualClock, _ spool: Spool) -> SendingGate {
            self.gate(limits, clock, spool, wait: 60)
        }
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        // 22:00 on Saturday 28 March 2026 in London (GMT); the clocks go forward that night.
        let clock = ManualClock(SendingLimitsTests.utc("2026-03-28T22:00:00Z"))
        let readers = Self.readers(150)
        try Self.queueDigest(outbox, readers: readers, at: clock.now)
        // A notification to three moderators: a message with three recipients counts three.
        try outbox.enqueue(
            id: "item-9-notify", kind: .note, envelopeFrom: "b@example.org",
            recipients: ["m1@example.org", "m2@example.org", "m3@example.org"], message: Array("n\r\n".utf8),
            at: clock.now)
        let sink = ThrottlingSink(clock: clock)
        let limits = SendingLimits(recipientsPerDay: 62)
        var report = try outbox.flush(
            through: sink, at: clock.now, personalise: Self.personalise, gate: gate(limits, clock, spool))
        #expect(report.sent == 62)
        #expect(report.waitingUntil == SendingLimitsTests.utc("2026-03-29T00:00:00Z"))
        let status = gate(limits, clock, spool).usedToday(at: clock.now)
        #expect(status?.day == "2026-03-28" && status?.used == 62 && status?.limit == 62)
        // Later the same day: nothing goes.
        clock.set(SendingLimitsTests.utc("2026-03-28T23:50:00Z"))
        report = try outbox.flush(
            through: sink, at: clock.now, personalise: Self.personalise, gate: gate(limits, clock, spool))
        #expect(report.sent == 0 && sink.taken.count == 62)
        // Sunday 29 March, a 23-hour day: 62 more, and the next day starts at 23:00 UTC (midnight BST).
        clock.set(SendingLimitsTests.utc("2026-03-29T00:00:00Z"))
        report = try outbox.flush(
            through: sink, at: clock.now, personalise: Self.personalise, gate: gate(limits, clock, spool))
        #expect(report.sent == 62)
        #expect(report.waitingUntil == SendingLimitsTests.utc("2026-03-29T23:00:00Z"))
        clock.set(SendingLimitsTests.utc("2026-03-29T23:00:00Z"))
        report = try outbox.flush(
            through: sink, at: clock.now, personalise: Self.personalise, gate: gate(limits, clock, spool))
        #expect(report.sent == 29 && report.waitingUntil == nil)
        // Each reader and each moderator exactly once, nothing failed, and no day over its budget.
        for address in readers + ["m1@example.org", "m2@example.org", "m3@example.org"] {
            #expect(sink.copies(of: address) == 1, "\(address)")
        }
        #expect(outbox.pending().isEmpty && outbox.count(in: "failed") == 0)
        let budget = DayBudget(recipientsPerDay: 62, timeZone: Self.london)
        let perDay = Dictionary(grouping: sink.taken, by: { budget.day(of: $0.at) }).mapValues(\.count)
        #expect(perDay == ["2026-03-28": 62, "2026-03-29": 62, "2026-03-30": 29])
    }

    @Test func fourFiveThreeSplitsTheTransactionAndIsNoBounce() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        let clock = ManualClock(SendingLimitsTests.utc("2026-12-03T10:00:00Z"))
        let recipients = (1...5).map { "m\($0)@example.org" }
        try outbox.enqueue(
            id: "note", kind: .note, envelopeFrom: "b@example.org", recipients: recipients,
            message: Array("x\r\n".utf8), at: clock.now)
        let sink = ThrottlingSink(clock: clock)
        sink.perTransaction = 2
        let report = try outbox.flush(through: sink, at: clock.now, gate: gate(.none, clock, spool))
        #expect(report.sent == 5 && report.failed == 0 && report.refusals.isEmpty)
        #expect(sink.attempts.count == 3)  // 2 + 2 + 1
        #expect(recipients.allSatisfy { sink.copies(of: $0) == 1 })
    }

    @Test func aCrashBetweenSendAndRecordSendsNothingTwiceAndKeepsTheDayCount() throws {
        let spool = try temporarySpool()
        let outbox = Outbox(spool: spool)
        let clock = ManualClock(SendingLimitsTests.utc("2026-12-03T10:00:00Z"))
        let readers = Self.readers(30)
        try Self.queueDigest(outbox, readers: readers, at: clock.now)
        let limits = SendingLimits(recipientsPerDay: 100)
        let crashing = ThrottlingSink(clock: clock)
        crashing.crashAfter = 10
        // The server took ten, then the process died before the batch's state was saved.
        #expect(throws: (any Error).self) {
            try outbox.flush(
                through: crashing, at: clock.now, personalise: Self.personalise, gate: gate(limits, clock, spool))
        }
        #expect(crashing.taken.count == 10)
        // The count survived (the batch was reserved before it went): not reset, not lower than what went.
        let counted = try #require(gate(limits, clock, spool).usedToday(at: clock.now)?.used)
        #expect(counted >= 10)
        // The next process: the journal marks the ten sent; only the twenty others go.
        let sink = ThrottlingSink(clock: clock)
        let report = try outbox.flush(
            through: sink, at: clock.now, personalise: Self.personalise, gate: gate(limits, clock, spool))
        #expect(report.sent == 20)
        for reader in readers { #expect(crashing.copies(of: reader) + sink.copies(of: reader) == 1, "\(reader)") }
        let after = try #require(gate(limits, clock, spool).usedToday(at: clock.now)?.used)
        // At most one batch counted twice (the reservation of the batch the crash interrupted).
        #expect(after >= 30 && after <= 30 + 20)
    }
}

@Suite("Sending gate kept in the spool")
struct SendingGateRecordTests {
    @Test func aPaceRestoredFromTheSpoolIsNeverEarly() throws {
        let spool = try temporarySpool()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000.4))
        let limits = SendingLimits(messagesPerMinute: 30)
        let gate = SendingGate(limits: limits, timeZone: .gmt, clock: clock, spool: spool)
        try gate.settle(attempted: 1, startedAt: clock.now, reserved: 0, accepted: 1, throttle: nil)
        // The file keeps whole seconds (ISO 8601); the next process must not go before 2 s after the send.
        let restored = SendingGate(limits: limits, timeZone: .gmt, clock: clock, spool: spool)
        let opening = try #require(restored.nextOpening(at: clock.now))
        #expect(opening >= clock.now + 2)
        #expect(opening <= clock.now + 3)
    }
}
