import Foundation

/// RFC 5322 section 3.3 date-time, computed with integer calendar arithmetic (no Calendar, no locale).
enum OutgoingMailDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Sun, 29 Nov 2026 08:42:37 +0100": the wall-clock time at `offsetSeconds` east of UTC
    /// (rounded to whole minutes, as the format has no seconds field in the zone).
    static func rfc5322(_ date: Date, offsetSeconds: Int) -> String {
        let offset = (offsetSeconds / 60) * 60
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let day = floorDiv(seconds, 86400)
        let secondOfDay = seconds - day * 86400
        let (year, month, dayOfMonth) = civil(fromDays: day)
        let weekday = days[floorMod(day + 4, 7)]  // 1970-01-01 was a Thursday
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(weekday), \(dayOfMonth) \(months[month - 1]) \(pad(year, 4)) "
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)) "
            + "\(sign)\(pad(minutes / 60, 2))\(pad(minutes % 60, 2))"
    }

    /// Days since 1970-01-01 to a proleptic Gregorian (year, month 1–12, day 1–31)
    /// (H. Hinnant, "chrono-compatible low-level date algorithms").
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    private static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
