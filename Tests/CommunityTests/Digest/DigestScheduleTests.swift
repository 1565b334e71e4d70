import Foundation
import Testing

@testable import Community

private func utc(_ s: String) -> Date { ISO8601UTC.date(from: s)! }
private let london = TimeZone(identifier: "Europe/London")!

@Suite struct DigestScheduleTests {
    let monday9 = DigestSchedule.standard

    @Test(arguments: [
        // (instant, zone, expected ISO week)
        ("2026-11-23T09:15:00Z", "Europe/London", "2026-W48"),
        ("2026-12-31T12:00:00Z", "Europe/London", "2026-W53"),
        ("2027-01-03T23:59:59Z", "Europe/London", "2026-W53"),
        ("2027-01-04T00:00:00Z", "Europe/London", "2027-W01"),
        ("2021-01-03T12:00:00Z", "UTC", "2020-W53"),
        ("2024-12-30T12:00:00Z", "UTC", "2025-W01"),
        // Sunday 23:30 UTC is already Monday 00:30 BST: the community's zone decides the week.
        ("2026-04-19T23:30:00Z", "Europe/London", "2026-W17"),
        ("2026-04-19T23:30:00Z", "UTC", "2026-W16"),
        ("2026-11-22T13:30:00Z", "Pacific/Auckland", "2026-W48"),
    ])
    func isoWeekInZone(instant: String, zone: String, week: String) {
        #expect(ISOWeek(containing: utc(instant), in: TimeZone(identifier: zone)!).id == week)
    }

    @Test func isoWeekParsesAndOrders() {
        #expect(ISOWeek("2026-W48") == ISOWeek(year: 2026, week: 48))
        #expect(ISOWeek("2026-W5") == nil)
        #expect(ISOWeek("2026-48") == nil)
        #expect(ISOWeek("2026-W54") == nil)
        #expect(ISOWeek("2026-W53")! < ISOWeek("2027-W01")!)
        #expect(ISOWeek("2026-W53")!.next.id == "2027-W01")
        #expect(ISOWeek("2026-W09")!.id == "2026-W09")
    }

    /// The DST cases: (schedule weekday 1=Sun…7=Sat, "HH:MM", ISO week, expected due instant in UTC).
    @Test(arguments: [
        // Monday 09:00 on both sides of the spring transition (Sunday 29 March 2026, 01:00 GMT -> 02:00 BST).
        (2, "09:00", "2026-W13", "2026-03-23T09:00:00Z"),
        (2, "09:00", "2026-W14", "2026-03-30T08:00:00Z"),
        // ... and of the autumn one (Sunday 25 October 2026, 02:00 BST -> 01:00 GMT).
        (2, "09:00", "2026-W43", "2026-10-19T08:00:00Z"),
        (2, "09:00", "2026-W44", "2026-10-26T09:00:00Z"),
        // Sunday 01:30 on the spring-forward day does not exist: it moves forward by the gap, to 02:30 BST.
        (1, "01:30", "2026-W13", "2026-03-29T01:30:00Z"),
        // Sunday 01:00 (the first skipped minute) becomes 02:00 BST.
        (1, "01:00", "2026-W13", "2026-03-29T01:00:00Z"),
        // Sunday 00:59 is still GMT; 02:00 is already BST.
        (1, "00:59", "2026-W13", "2026-03-29T00:59:00Z"),
        (1, "02:00", "2026-W13", "2026-03-29T01:00:00Z"),
        // Sunday 01:30 on the fall-back day happens twice: the first (BST) one counts.
        (1, "01:30", "2026-W43", "2026-10-25T00:30:00Z"),
        (1, "01:00", "2026-W43", "2026-10-25T00:00:00Z"),
        (1, "02:00", "2026-W43", "2026-10-25T02:00:00Z"),
        // Saturday 23:30 before each transition, and a New Year week.
        (7, "23:30", "2026-W13", "2026-03-28T23:30:00Z"),
        (7, "23:30", "2026-W43", "2026-10-24T22:30:00Z"),
        (2, "09:00", "2027-W01", "2027-01-04T09:00:00Z"),
    ])
    func dueInstantAcrossTransitions(weekday: Int, time: String, week: String, expected: String) throws {
        let s = try DigestSchedule(
            weekday: ["", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"][weekday],
            time: time, timeZone: "Europe/London")
        #expect(s.dueAt(week: ISOWeek(week)!) == utc(expected))
    }

    /// Other zones' transitions (the code is not London-specific): (zone, weekday name, time, week, due).
    @Test(arguments: [
        // New York springs forward on Sunday 8 March 2026 at 02:00: 02:30 becomes 03:30 EDT.
        ("America/New_York", "sunday", "02:30", "2026-W10", "2026-03-08T07:30:00Z"),
        ("America/New_York", "monday", "09:00", "2026-W11", "2026-03-09T13:00:00Z"),
        // Sydney falls back on Sunday 5 April 2026 at 03:00: the first 02:30 (AEDT, +11) counts.
        ("Australia/Sydney", "sunday", "02:30", "2026-W14", "2026-04-04T15:30:00Z"),
        ("Australia/Sydney", "monday", "09:00", "2026-W15", "2026-04-05T23:00:00Z"),
        // A zone without DST and a half-hour offset.
        ("Asia/Kolkata", "monday", "09:00", "2026-W48", "2026-11-23T03:30:00Z"),
    ])
    func otherZones(zone: String, weekday: String, time: String, week: String, expected: String) throws {
        let s = try DigestSchedule(weekday: weekday, time: time, timeZone: zone)
        #expect(s.dueAt(week: ISOWeek(week)!) == utc(expected))
    }

    /// One tick of a daemon: (now, lastSentWeek, expected week or nil).
    @Test(
        arguments: [
            // Before, at and after the time on the Monday after the spring transition.
            ("2026-03-30T07:59:59Z", "2026-W13", nil),
            ("2026-03-30T08:00:00Z", "2026-W13", "2026-W14"),
            // A restart right after sending: nothing more this week, whatever the hour.
            ("2026-03-30T08:05:00Z", "2026-W14", nil),
            ("2026-04-05T22:59:59Z", "2026-W14", nil),
            // Sunday 23:00 UTC is Monday 00:00 BST: new week, but its time has not come yet.
            ("2026-04-05T23:00:00Z", "2026-W14", nil),
            ("2026-04-06T08:00:00Z", "2026-W14", "2026-W15"),
            // Autumn: 08:30 UTC on Monday 26 October is 08:30 GMT, before 09:00.
            ("2026-10-26T08:30:00Z", "2026-W43", nil),
            ("2026-10-26T09:00:00Z", "2026-W43", "2026-W44"),
            // Catch-up: down over Monday, back on Wednesday: sends once for the current week.
            ("2026-11-25T14:00:00Z", "2026-W47", "2026-W48"),
            ("2026-11-25T14:01:00Z", "2026-W48", nil),
            // Down for a whole week: the missed week is not sent afterwards, only the current one when due.
            ("2026-11-30T08:00:00Z", "2026-W47", nil),
            ("2026-11-30T09:00:00Z", "2026-W47", "2026-W49"),
            // Never sent before; a garbled record counts as never.
            ("2026-11-23T09:00:00Z", nil, "2026-W48"),
            ("2026-11-23T09:00:00Z", "last week", "2026-W48"),
            // The clock went back a week: never send a week older than the last one.
            ("2026-11-23T10:00:00Z", "2026-W49", nil),
            // New Year: 1 January 2027 is still in 2026-W53.
            ("2027-01-01T12:00:00Z", "2026-W53", nil),
            ("2027-01-04T09:00:00Z", "2026-W53", "2027-W01"),
        ] as [(String, String?, String?)])
    func dueTicks(now: String, lastSent: String?, expected: String?) {
        #expect(monday9.due(now: utc(now), lastSentWeek: lastSent)?.week == expected)
    }

    @Test func dueInSkippedHourSendsOnceAndCatchesUpAfterRestart() throws {
        let s = try DigestSchedule(weekday: "sunday", time: "01:30", timeZone: "Europe/London")
        // Spring: due at 01:30Z (02:30 BST); the daemon was down from 00:00Z to 05:00Z.
        #expect(s.due(now: utc("2026-03-29T01:29:00Z"), lastSentWeek: "2026-W12") == nil)
        let late = try #require(s.due(now: utc("2026-03-29T05:00:00Z"), lastSentWeek: "2026-W12"))
        #expect(late.week == "2026-W13")
        #expect(late.dueAt == utc("2026-03-29T01:30:00Z"))
        #expect(late.lateBy == 3.5 * 3600)
        #expect(s.due(now: utc("2026-03-29T05:00:01Z"), lastSentWeek: "2026-W13") == nil)
        // Autumn: 01:30 happens at 00:30Z and again at 01:30Z; only the first sends.
        let first = try #require(s.due(now: utc("2026-10-25T00:30:00Z"), lastSentWeek: "2026-W42"))
        #expect(first.week == "2026-W43")
        #expect(s.due(now: utc("2026-10-25T01:30:00Z"), lastSentWeek: "2026-W43") == nil)
    }

    @Test(arguments: [
        // (now, lastSent, next week, next due)
        ("2026-11-23T10:00:00Z", "2026-W48", "2026-W49", "2026-11-30T09:00:00Z"),
        ("2026-11-20T10:00:00Z", "2026-W47", "2026-W48", "2026-11-23T09:00:00Z"),
        // Not sent yet and overdue: this week's (the next tick sends it).
        ("2026-11-24T10:00:00Z", "2026-W47", "2026-W48", "2026-11-23T09:00:00Z"),
        // Across the spring transition the next Monday 09:00 is 08:00 UTC.
        ("2026-03-23T10:00:00Z", "2026-W13", "2026-W14", "2026-03-30T08:00:00Z"),
        // And across the autumn one, 09:00 UTC.
        ("2026-10-19T10:00:00Z", "2026-W43", "2026-W44", "2026-10-26T09:00:00Z"),
    ])
    func nextDue(now: String, lastSent: String, week: String, at: String) {
        let next = monday9.nextDue(after: utc(now), lastSentWeek: lastSent)
        #expect(next.week == week)
        #expect(next.dueAt == utc(at))
    }

    @Test func aSimulatedYearSendsExactlyOncePerWeek() {
        // Tick every 20 minutes through 2026, both DST transitions included; count digests.
        var last: String?
        var sent: [String] = []
        var t = utc("2026-01-01T00:00:00Z")
        while t < utc("2027-01-01T00:00:00Z") {
            if let due = monday9.due(now: t, lastSentWeek: last) {
                sent.append(due.week)
                last = due.week
                // Every send happens on a Monday at 09:00-09:20 London time.
                #expect(monday9.week(containing: t).id == due.week)
                #expect(sent.count == 1 || t.timeIntervalSince(due.dueAt) < 1200)
            }
            t += 1200
        }
        // 2026 has 53 ISO weeks; W01's Monday was in 2025, so the first tick catches it up at once.
        #expect(sent.count == 53)
        #expect(Set(sent).count == sent.count)
        #expect(sent.first == "2026-W01" && sent[1] == "2026-W02" && sent.last == "2026-W53")
    }

    @Test(
        arguments: [
            ("monday", "09:00", "Europe/London", nil),
            ("Mon", "9:05", "Europe/London", nil),
            ("fun-day", "09:00", "Europe/London", DigestScheduleError.weekday("fun-day")),
            ("monday", "9am", "Europe/London", DigestScheduleError.time("9am")),
            ("monday", "24:00", "Europe/London", DigestScheduleError.time("24:00")),
            ("monday", "09:00", "Europe/Londres", DigestScheduleError.timeZone("Europe/Londres")),
        ] as [(String, String, String, DigestScheduleError?)])
    func parsing(weekday: String, time: String, zone: String, expected: DigestScheduleError?) {
        do {
            _ = try DigestSchedule(weekday: weekday, time: time, timeZone: zone)
            #expect(expected == nil)
        } catch {
            #expect(error == expected)
            #expect(error.description.contains("digest."))
        }
    }
}
