import Foundation
import Testing

@testable import Community

/// The pure parts of sending within the provider's limits: the pace, the day, the answers.
@Suite("Sending limits")
struct SendingLimitsTests {
    // MARK: Pacing

    /// Sends as fast as the pacer allows for five minutes, each message taking `duration` seconds.
    static func simulate(rate: Int, duration: TimeInterval, seconds: TimeInterval = 300) -> [TimeInterval] {
        var pacer = SendPacer(messagesPerMinute: rate)
        let zero = Date(timeIntervalSince1970: 1_800_000_000)
        var t = zero
        var sent: [TimeInterval] = []
        while true {
            t = pacer.earliest(after: t)
            guard t.timeIntervalSince(zero) < seconds else { break }
            pacer.record(t)
            sent.append(t.timeIntervalSince(zero))
            t += duration
        }
        return sent
    }

    /// The most messages in any half-open window of `length` seconds.
    static func busiest(_ times: [TimeInterval], over length: TimeInterval) -> Int {
        // The busiest window starts at a send; times are in order, so one pass with two ends does.
        let sorted = times.sorted()
        var most = 0
        var end = 0
        for start in sorted.indices {
            while end < sorted.count && sorted[end] < sorted[start] + length { end += 1 }
            most = max(most, end - start)
        }
        return most
    }

    @Test(
        "pacing: never more than a sixth of the per-minute rate in any ten seconds, nor the rate in any minute",
        arguments: [
            // rate, time each send takes, most in ten seconds, least sent in five minutes
            (1, 0.0, 1, 5), (5, 0.0, 1, 25), (6, 0.0, 1, 30), (7, 0.0, 1, 30), (30, 0.0, 5, 150),
            (30, 1.5, 5, 150), (30, 3.0, 4, 100), (100, 0.0, 16, 480), (600, 0.0, 100, 3000),
            (600, 0.05, 100, 3000), (1200, 0.0, 200, 6000),
        ] as [(Int, Double, Int, Int)])
    func pacing(rate: Int, duration: Double, mostInTenSeconds: Int, leastInFiveMinutes: Int) {
        let times = Self.simulate(rate: rate, duration: duration)
        #expect(Self.busiest(times, over: 10) == mostInTenSeconds)
        #expect(Self.busiest(times, over: 10) <= max(1, rate / 6))
        #expect(Self.busiest(times, over: 60) <= rate)
        #expect(times.count >= leastInFiveMinutes)
        // Even: no two messages closer than the spacing (no burst, even at the start).
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 >= 60 / Double(rate) - 1e-6 })
    }

    @Test func noBurstAfterAnIdleSpellAndThePaceOutlivesARestart() {
        let zero = Date(timeIntervalSince1970: 1_800_000_000)
        var pacer = SendPacer(messagesPerMinute: 30)
        pacer.record(zero)
        #expect(pacer.earliest(after: zero) == zero + 2)
        // An hour idle saves nothing up: one now, the next two seconds later.
        let later = zero + 3600
        #expect(pacer.earliest(after: later) == later)
        pacer.record(later)
        #expect(pacer.earliest(after: later) == later + 2)
        // A new process restores the pace from the recent sends kept in the spool.
        let restored = SendPacer(messagesPerMinute: 30, recent: pacer.recent)
        #expect(restored.earliest(after: later + 1) == later + 2)
    }

    // MARK: The day's budget

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test(
        "the day is the community's local day, across DST changes",
        arguments: [
            // zone, an instant, its local day, the next day's first instant (UTC)
            ("Europe/London", "2026-03-28T23:30:00Z", "2026-03-28", "2026-03-29T00:00:00Z"),
            // 29 March 2026 is 23 hours long in London: the next day starts at 23:00 UTC.
            ("Europe/London", "2026-03-29T12:00:00Z", "2026-03-29", "2026-03-29T23:00:00Z"),
            ("Europe/London", "2026-03-29T23:30:00Z", "2026-03-30", "2026-03-30T23:00:00Z"),
            // 25 October 2026 is 25 hours long.
            ("Europe/London", "2026-10-24T23:30:00Z", "2026-10-25", "2026-10-26T00:00:00Z"),
            ("Europe/London", "2026-10-25T23:59:00Z", "2026-10-25", "2026-10-26T00:00:00Z"),
            // São Paulo skipped midnight on 4 November 2018: that day began at 01:00 local (03:00 UTC).
            ("America/Sao_Paulo", "2018-11-03T12:00:00Z", "2018-11-03", "2018-11-04T03:00:00Z"),
            ("Asia/Tokyo", "2026-12-03T15:30:00Z", "2026-12-04", "2026-12-04T15:00:00Z"),
            ("America/New_York", "2026-12-04T03:00:00Z", "2026-12-03", "2026-12-04T05:00:00Z"),
        ] as [(String, String, String, String)])
    func dayBoundaries(zone: String, instant: String, day: String, next: String) throws {
        let budget = DayBudget(recipientsPerDay: 100, timeZone: try #require(TimeZone(identifier: zone)))
        #expect(budget.day(of: Self.utc(instant)) == day)
        #expect(budget.nextDayStart(after: Self.utc(instant)) == Self.utc(next))
    }

    @Test func theCountBelongsToItsDay() {
        let budget = DayBudget(recipientsPerDay: 100, timeZone: TimeZone(identifier: "Europe/London")!)
        let evening = Self.utc("2026-03-29T22:59:00Z")
        #expect(budget.remaining(used: 70, on: "2026-03-29", at: evening) == 30)
        #expect(budget.remaining(used: 130, on: "2026-03-29", at: evening) == 0)
        // One minute later it is 30 March in London (BST): a fresh budget.
        #expect(budget.remaining(used: 100, on: "2026-03-29", at: evening + 60) == 100)
    }

    // MARK: Config

    static func config(_ limits: String) -> String {
        """
        {"community": {"name": "C", "address": "learning@example.org"},
         "mailbox": {"maildir": "m"}, "sender": {"outbox": "o", "limits": \(limits)},
         "moderators": ["f@example.org"]}
        """
    }

    @Test func limitsAreReadAndPresetsFillWhatIsLeftOut() throws {
        let config = try Config.parse(Data(Self.config(#"{"recipientsPerDay": 500}"#).utf8), file: "/x/c.json")
        #expect(config.senderLimits == SendingLimits(recipientsPerDay: 500))
        #expect(
            config.senderLimits.filling(from: .preset(provider: "microsoft"))
                == SendingLimits(messagesPerMinute: 30, recipientsPerDay: 500))
        let none = try Config.parse(Data(ConfigTests.minimal.utf8), file: "/x/c.json")
        #expect(none.senderLimits.isEmpty)
    }

    @Test(
        "limit errors name the key",
        arguments: [
            (#"{"messagesPerMinute": 0}"#, "key 'sender.limits.messagesPerMinute': expected a number from 1"),
            (#"{"messagesPerMinute": "30"}"#, "key 'sender.limits.messagesPerMinute': expected a whole number"),
            (#"{"recipientsPerDay": 2.5}"#, "key 'sender.limits.recipientsPerDay': expected a whole number"),
            (#"{"recipientsPerHour": 5}"#, "key 'sender.limits.recipientsPerHour': unknown key"),
            (#"30"#, "key 'sender.limits': expected a JSON object"),
        ])
    func limitErrors(limits: String, expected: String) {
        #expect {
            try Config.parse(Data(Self.config(limits).utf8), file: "/x/c.json")
        } throws: { error in
            "\(error)".contains(expected)
        }
    }
}
