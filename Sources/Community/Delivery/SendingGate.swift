import Foundation
import SMTP

/// Decides when the outbox may send, under `sender.limits` and after the server asked it to
/// slow down: the pace (`SendPacer`), the day's recipient budget (`DayBudget`, counted in the
/// community's `digest.timeZone`) and the wait after a throttling answer. Its count is kept in
/// `data/sending.json`, written durably *before* a batch goes out (the batch's recipients are
/// reserved, then what the server did not take is given back), so that a crash can only make the
/// count too high, never reset it or let the day take more than its budget.
///
/// Time and waiting come from the `Clock`: tests move a clock, production sleeps.
public final class SendingGate {
    /// `data/sending.json`.
    public struct Record: Codable, Sendable, Equatable {
        /// The community's local date the count is for.
        public var day: String?
        /// Recipients sent to (or reserved for a batch in flight) on `day`.
        public var recipients: Int = 0
        /// When the last few messages went, for the pace across rounds and restarts.
        public var recentSends: [Date] = []
        /// After a throttling answer: nothing goes before this.
        public var throttledUntil: Date?
        /// Throttling answers in a row (the wait doubles with each; a message taken resets it).
        public var throttles: Int = 0
        /// The last throttling reply as one line (`450 4.7.1 …`).
        public var lastThrottle: String?
    }

    public static let file = "sending.json"
    /// The wait after the first throttling answer in a row; it doubles with each one after, up to `longestWait`.
    public static let firstWait: TimeInterval = 5
    public static let longestWait: TimeInterval = 600

    public let limits: SendingLimits
    let clock: any Clock
    let spool: Spool?
    let budget: DayBudget?
    /// A flush waits (for its pace or after a throttle) only up to here; what is left waits for the next round.
    let waitsUntil: Date
    public private(set) var record: Record
    private var pacer: SendPacer?
    private var waitedUntil: Date = .distantPast

    /// `spool` nil keeps nothing (a flush with no limits given). `waitLimit`: how long one flush
    /// may spend waiting, in total, before it leaves the rest queued for the next round.
    public init(
        limits: SendingLimits, timeZone: TimeZone, clock: any Clock, spool: Spool?, waitLimit: TimeInterval = 300
    ) {
        self.limits = limits
        self.clock = clock
        self.spool = spool
        budget = limits.recipientsPerDay.map { DayBudget(recipientsPerDay: $0, timeZone: timeZone) }
        waitsUntil = clock.now + waitLimit
        record = (try? spool?.loadJSON(Record.self, at: Self.file)) ?? Record()
        pacer = limits.messagesPerMinute.map { SendPacer(messagesPerMinute: $0, recent: record.recentSends) }
    }

    /// The clock, never behind the end of the last wait.
    public var now: Date { max(clock.now, waitedUntil) }

    /// Whether messages go one at a time (a per-minute limit is set).
    public var paces: Bool { pacer != nil }

    /// How many more recipients may go today (`Int.max` without a day limit).
    public func remainingToday(at instant: Date) -> Int {
        guard let budget else { return .max }
        return budget.remaining(used: record.recipients, on: record.day, at: instant)
    }

    /// Today's count and limit, for `status` (nil without a day limit).
    public func usedToday(at instant: Date) -> (day: String, used: Int, limit: Int)? {
        guard let budget else { return nil }
        let day = budget.day(of: instant)
        return (day, record.day == day ? record.recipients : 0, budget.recipientsPerDay)
    }

    /// When the next message may go, as far as the gate is concerned (nil: now): after a throttle,
    /// at the pace, or at the start of the next day when today's budget is spent.
    public func nextOpening(at instant: Date) -> Date? {
        var at = instant
        if let until = record.throttledUntil { at = max(at, until) }
        if let pacer { at = max(at, pacer.earliest(after: at)) }
        if remainingToday(at: at) == 0, let budget { at = budget.nextDayStart(after: at) }
        return at > instant ? at : nil
    }

    /// Waits for the next message's turn (throttle, pace); false when that is beyond what this
    /// flush may wait, or when today's budget is spent.
    func waitForTurn() -> Bool {
        let current = now
        guard let opening = nextOpening(at: current) else { return true }
        guard opening <= waitsUntil else { return false }
        clock.sleep(until: opening)
        // A wait cut short (the daemon is stopping) ends the flush; what is left stays queued. (A
        // sleep may end a hair early by the clock's reckoning: a millisecond is not cut short.)
        guard clock.now >= opening - 0.001 else { return false }
        waitedUntil = opening
        return remainingToday(at: now) > 0
    }

    /// Counts `count` recipients against today before they are sent, durably.
    func reserve(_ count: Int) throws {
        guard budget != nil, count > 0 else { return }
        roll(to: now)
        record.recipients += count
        try save()
    }

    /// After a batch: `attempted` messages went at `startedAt`; of `reserved` recipients the server
    /// took `accepted` (the rest are given back); `throttle` is the throttling answer if there was one.
    func settle(
        attempted: Int, startedAt: Date, reserved: Int, accepted: Int, throttle: Reply?
    ) throws {
        let before = record
        if budget != nil {
            roll(to: startedAt)
            record.recipients = max(0, record.recipients - (reserved - accepted))
        }
        if var pacer {
            for _ in 0..<attempted { pacer.record(startedAt) }
            self.pacer = pacer
            // The spool keeps whole seconds: rounded up, a restored pace is never early.
            record.recentSends = pacer.recent.map(Self.wholeSecondUp)
        }
        if let throttle {
            // In a row: a message taken since the last throttling answer starts the count again.
            record.throttles = accepted > 0 ? 1 : record.throttles + 1
            let wait = min(Self.longestWait, Self.firstWait * pow(2, Double(min(record.throttles - 1, 16))))
            record.throttledUntil = Self.wholeSecondUp(now + wait)
            record.lastThrottle = throttle.description
        } else if accepted > 0 {
            record.throttles = 0
            record.throttledUntil = nil
            record.lastThrottle = nil
        }
        if record != before { try save() }
    }

    static func wholeSecondUp(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970).rounded(.up))
    }

    private func roll(to instant: Date) {
        guard let budget else { return }
        let day = budget.day(of: instant)
        if record.day != day {
            record.day = day
            record.recipients = 0
        }
    }

    private func save() throws {
        try spool?.saveJSON(record, at: Self.file)
    }
}
