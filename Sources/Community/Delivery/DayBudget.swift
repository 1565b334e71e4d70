import Foundation

/// The day's recipient budget (`sender.limits.recipientsPerDay`): how many recipients were
/// sent to on the community's day (`digest.timeZone`), and when the next day begins. Pure: the
/// count is kept by `SendingGate` in the spool.
public struct DayBudget: Sendable, Equatable {
    public let recipientsPerDay: Int
    public let timeZone: TimeZone

    public init(recipientsPerDay: Int, timeZone: TimeZone) {
        self.recipientsPerDay = max(1, recipientsPerDay)
        self.timeZone = timeZone
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The local date of `instant` in the community's zone, as `YYYY-MM-DD`: the key the count is kept under.
    public func day(of instant: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The first instant of the local day after the one holding `instant` (midnight, or the first
    /// hour that exists where a DST change skips midnight). A day is 23, 24 or 25 hours long.
    public func nextDayStart(after instant: Date) -> Date {
        let start = calendar.startOfDay(for: instant)
        // Noon tomorrow always exists; its day's start is the answer.
        let noon = calendar.date(byAdding: .hour, value: 36, to: start) ?? start + 36 * 3600
        return calendar.startOfDay(for: noon)
    }

    /// How many more recipients may go on the day of `instant`, given that `used` went on `day`.
    public func remaining(used: Int, on day: String?, at instant: Date) -> Int {
        day == self.day(of: instant) ? max(0, recipientsPerDay - used) : recipientsPerDay
    }
}
