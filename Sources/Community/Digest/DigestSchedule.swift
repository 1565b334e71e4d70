import Foundation

/// A digest that should go out now: for which week, when it was due, and how late it is.
public struct DigestDue: Sendable, Equatable {
    /// ISO week id in the community's zone, e.g. `2026-W48`; record it as sent.
    public var week: String
    /// The instant the digest was (or will be) due.
    public var dueAt: Date
    /// How long after `dueAt` it is being sent (0 or more; large after downtime: a catch-up).
    public var lateBy: TimeInterval
}

/// When the weekly digest goes out (DESIGN flow 6): a weekday and local time in an IANA zone,
/// default Monday 09:00 Europe/London. At most one digest per ISO week, weeks counted in the
/// community's zone. A daemon that was down at the due time sends once when it is back, but only
/// for the current week: a week that passed entirely while it was down is not sent afterwards
/// (its items go out in the next digest).
///
/// Local times that do not exist (the skipped hour when clocks go forward, e.g. 01:30 on the last
/// Sunday of March in London) move forward by the gap (to 02:30 BST); local times that happen twice
/// (the repeated hour on the last Sunday of October) use the first occurrence (BST).
public struct DigestSchedule: Sendable, Equatable {
    /// 1 = Sunday … 7 = Saturday, as `Calendar` and `Config.Digest` number them.
    public var weekday: Int
    public var hour: Int
    public var minute: Int
    public var timeZone: TimeZone

    public init(weekday: Int = 2, hour: Int = 9, minute: Int = 0, timeZone: TimeZone) {
        self.weekday = weekday
        self.hour = hour
        self.minute = minute
        self.timeZone = timeZone
    }

    /// Monday 09:00 Europe/London.
    public static var standard: DigestSchedule {
        DigestSchedule(timeZone: TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)!)
    }

    /// From the config's words: `weekday` a day name (`monday`, `Mon`), `time` `HH:MM` (24 h),
    /// `timeZone` an IANA identifier (`Europe/London`).
    public init(weekday: String, time: String, timeZone: String) throws(DigestScheduleError) {
        let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        let w = weekday.lowercased()
        guard w.count >= 3, let day = names.firstIndex(where: { $0.hasPrefix(w) }) else {
            throw .weekday(weekday)
        }
        let hm = time.split(separator: ":", omittingEmptySubsequences: false)
        guard hm.count == 2, hm[1].count == 2, (1...2).contains(hm[0].count), let h = Int(hm[0]), let m = Int(hm[1]),
            (0..<24).contains(h), (0..<60).contains(m)
        else { throw .time(time) }
        guard let zone = TimeZone(identifier: timeZone) else { throw .timeZone(timeZone) }
        self.init(weekday: day + 1, hour: h, minute: m, timeZone: zone)
    }

    public static func == (a: DigestSchedule, b: DigestSchedule) -> Bool {
        (a.weekday, a.hour, a.minute, a.timeZone.identifier) == (b.weekday, b.hour, b.minute, b.timeZone.identifier)
    }

    // MARK: Deciding

    /// The ISO week `now` falls in, in the community's zone.
    public func week(containing now: Date) -> ISOWeek { ISOWeek(containing: now, in: timeZone) }

    /// The instant the digest of `week` is due.
    public func dueAt(week: ISOWeek) -> Date {
        let isoDay = weekday == 1 ? 7 : weekday - 1
        let day = week.monday + Int64(isoDay - 1)
        return instant(localSeconds: day * 86_400 + Int64(hour * 3600 + minute * 60))
    }

    /// The digest to send now, or nil: due when this week's time has come and this week was not
    /// sent yet. `lastSentWeek` is the last week sent (`2026-W47`), nil when none ever was; an
    /// id that does not parse counts as none.
    public func due(now: Date, lastSentWeek: String?) -> DigestDue? {
        let week = week(containing: now)
        if let last = lastSentWeek.flatMap(ISOWeek.init), last >= week { return nil }
        let at = dueAt(week: week)
        guard now >= at else { return nil }
        return DigestDue(week: week.id, dueAt: at, lateBy: now.timeIntervalSince(at))
    }

    /// The next digest for `learnmail status`: this week's when it was not sent yet (possibly
    /// already overdue, i.e. `dueAt <= now`: it goes out on the next tick), else next week's.
    public func nextDue(after now: Date, lastSentWeek: String? = nil) -> DigestDue {
        var week = week(containing: now)
        if let last = lastSentWeek.flatMap(ISOWeek.init), last >= week { week = week.next }
        let at = dueAt(week: week)
        return DigestDue(week: week.id, dueAt: at, lateBy: max(0, now.timeIntervalSince(at)))
    }

    /// The UTC instant of a local wall-clock time (seconds since 1970 as if local were UTC).
    /// Tries the zone's offsets a day either side: a valid reading is one whose offset is the zone's
    /// offset at that instant; of two (repeated hour) the earlier wins; of none (skipped hour) the
    /// offset before the gap is used, which moves the time forward by the gap.
    func instant(localSeconds local: Int64) -> Date {
        func offset(_ utc: Int64) -> Int64 {
            Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc))))
        }
        let before = offset(local - 86_400)
        let after = offset(local + 86_400)
        let valid = [before, after].map { local - $0 }.filter { local - offset($0) == $0 }
        guard let first = valid.min() else { return Date(timeIntervalSince1970: Double(local - before)) }
        return Date(timeIntervalSince1970: Double(first))
    }
}

/// A digest schedule in the config that cannot be used.
public enum DigestScheduleError: Error, Sendable, Equatable, CustomStringConvertible {
    case weekday(String)
    case time(String)
    case timeZone(String)

    public var description: String {
        switch self {
        case .weekday(let w): return "digest.weekday \"\(w)\" is not a day: use monday … sunday"
        case .time(let t): return "digest.time \"\(t)\" is not a time: use HH:MM in 24 hours, e.g. 09:00"
        case .timeZone(let z): return "digest.timeZone \"\(z)\" is not an IANA time zone: use e.g. Europe/London"
        }
    }
}
