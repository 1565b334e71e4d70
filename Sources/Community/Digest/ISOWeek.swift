import Foundation

/// An ISO 8601 week (`2026-W48`): weeks start on Monday and week 1 is the one holding the year's
/// first Thursday, so the week's year can differ from the calendar year around New Year
/// (`2026-12-31` is in `2026-W53`, `2027-01-01` too).
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var week: Int

    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// Parses `YYYY-Www`; nil for anything else.
    public init?(_ id: String) {
        let parts = id.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), parts[1].count == 3,
            parts[1].first == "W", let w = Int(parts[1].dropFirst()), (1...53).contains(w)
        else { return nil }
        self.init(year: y, week: w)
    }

    /// `2026-W48`
    public var id: String { "\(year)-W" + (week < 10 ? "0\(week)" : "\(week)") }
    public var description: String { id }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }

    /// The week holding the local calendar day `day` (days since 1970-01-01).
    public init(day: Int64) {
        let thursday = day - Int64(Self.isoWeekday(day)) + 4
        let (y, _, _) = ISO8601UTC.civil(fromDays: thursday)
        let dayOfYear = thursday - ISO8601UTC.days(fromCivil: y, 1, 1)
        self.init(year: Int(y), week: Int(dayOfYear / 7) + 1)
    }

    /// The week `date` falls in, in `timeZone`.
    public init(containing date: Date, in timeZone: TimeZone) {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: date))
        self.init(day: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// Days since 1970-01-01 of this week's Monday.
    public var monday: Int64 {
        let jan4 = ISO8601UTC.days(fromCivil: Int64(year), 1, 4)
        return jan4 - Int64(Self.isoWeekday(jan4) - 1) + Int64(week - 1) * 7
    }

    /// The following week.
    public var next: ISOWeek { ISOWeek(day: monday + 7) }

    /// 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    static func isoWeekday(_ day: Int64) -> Int {
        Int(((day % 7) + 7 + 3) % 7) + 1
    }
}
