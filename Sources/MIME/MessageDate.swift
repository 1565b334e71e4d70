import Foundation

/// A message date (RFC 5322 section 3.3) with the offset it was written in.
public struct MessageDate: Sendable, Hashable {
    /// The instant.
    public var date: Date
    /// The zone offset as written, in seconds east of UTC (`-0000` and missing zones count as 0).
    public var offsetSeconds: Int
    /// ISO 8601 in the message's own offset, e.g. `2026-11-23T09:15:00+00:00`.
    public var iso8601: String

    /// Builds a date from civil fields in the given offset; nil when a field is out of range.
    public init?(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetSeconds: Int) {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second), (0...9999).contains(year), abs(offsetSeconds) < 100 * 3600,
            day <= MessageDate.daysIn(month: month, year: year)
        else { return nil }
        let days = MessageDate.daysFromCivil(year, month, day)
        let local = days * 86400 + hour * 3600 + minute * 60 + min(second, 59)
        self.date = Date(timeIntervalSince1970: TimeInterval(local - offsetSeconds))
        self.offsetSeconds = offsetSeconds
        let off = abs(offsetSeconds)
        // Written digit by digit into one small string (25 bytes): no interpolation, no padding strings.
        self.iso8601 = String(unsafeUninitializedCapacity: 32) { out in
            var o = 0
            func put(_ v: Int, _ width: Int) {
                var k = width
                var v = v
                while k > 0 {
                    k -= 1
                    out[o + k] = UInt8(0x30 + v % 10)
                    v /= 10
                }
                o += width
            }
            func put(_ c: UInt8) {
                out[o] = c
                o += 1
            }
            let dash = UInt8(ascii: "-")
            let colon = UInt8(ascii: ":")
            put(year, 4)
            put(dash)
            put(month, 2)
            put(dash)
            put(day, 2)
            put(UInt8(ascii: "T"))
            put(hour, 2)
            put(colon)
            put(minute, 2)
            put(colon)
            put(min(second, 59), 2)
            put(offsetSeconds < 0 ? dash : UInt8(ascii: "+"))
            put(off / 3600, 2)
            put(colon)
            put(off % 3600 / 60, 2)
            return o
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}

extension MessageDate {
    /// Parses an RFC 5322 date with the obsolete and broken forms seen in real mail: no weekday,
    /// two- or three-digit years, missing seconds, named zones (UT, GMT, EST, ...), asctime order
    /// (`Tue Jul  1 10:52:37 2003`), ISO-like `2003-07-01`, numeric months, comments, junk after the zone,
    /// and a Received-style `... ; date` (only the part after the last ';' is read).
    public init?(parsing text: String) {
        var utf8 = Array(text.utf8)
        if let semi = utf8.lastIndex(of: 0x3B) { utf8.removeSubrange(...semi) }
        // Comments and commas become spaces.
        var depth = 0
        for i in utf8.indices {
            let c = utf8[i]
            if c == 0x28 {
                depth += 1
                utf8[i] = asciiSpace
            } else if c == 0x29 {
                if depth > 0 { depth -= 1 }
                utf8[i] = asciiSpace
            } else if depth > 0 || c == 0x2C || c == asciiTab || c == asciiCR || c == asciiLF {
                utf8[i] = asciiSpace
            }
        }
        let words = utf8.split(separator: asciiSpace)
        var numbers = [ArraySlice<UInt8>]()
        var month: Int?
        var time: (Int, Int, Int)?
        var offset: Int?
        for var w in words {
            guard let first = w.first else { continue }
            let isDigit = first >= 0x30 && first <= 0x39
            if time == nil, isDigit, w.contains(0x3A) {
                // 10:52:37, 10:52, 10:52:37+0200, 10:52:37.123
                var zonePart: ArraySlice<UInt8>?
                if let z = w.firstIndex(where: { $0 == 0x2B || $0 == 0x2D }) {
                    zonePart = w[z...]
                    w = w[..<z]
                }
                let comps = w.split(separator: 0x3A, omittingEmptySubsequences: false).map {
                    MessageDate.leadingInt($0)
                }
                guard comps.count >= 2, let h = comps[0], let m = comps[1] else { return nil }
                // Broken seconds ("10:00:t") read as 0, as mail-parser does.
                time = (h, m, comps.count > 2 ? (comps[2] ?? 0) : 0)
                if let zp = zonePart { offset = MessageDate.numericZone(zp) }
                continue
            }
            if first == 0x2B || first == 0x2D, w.count >= 3, let d = w.dropFirst().first, d >= 0x30 && d <= 0x39 {
                if time != nil {
                    if offset == nil { offset = MessageDate.numericZone(w) }
                    continue
                }
            }
            if isDigit {
                if w.contains(0x2D) || w.contains(0x2F) {
                    // 2003-07-01 or 01-Jul-2003
                    let parts = w.split(whereSeparator: { $0 == 0x2D || $0 == 0x2F })
                    if parts.count == 3, parts.allSatisfy({ $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
                        parts[0].count == 4
                    {
                        numbers.append(contentsOf: [parts[2], parts[0]])
                        month = MessageDate.leadingInt(parts[1])
                        continue
                    }
                    for p in parts {
                        if let m = MessageDate.monthNumber(p) { month = m } else { numbers.append(p) }
                    }
                    continue
                }
                numbers.append(w.prefix { $0 >= 0x30 && $0 <= 0x39 })
                continue
            }
            if month == nil, let m = MessageDate.monthNumber(w) {
                month = m
                continue
            }
            if time != nil, offset == nil, let z = MessageDate.namedZone(w) {
                offset = z
                continue
            }
        }
        if month == nil, numbers.count >= 3, let m = MessageDate.leadingInt(numbers[1]), (1...12).contains(m) {
            // Numeric month: "20 11 79".
            month = m
            numbers.remove(at: 1)
        }
        guard let month, let time, numbers.count >= 2 else { return nil }
        let yearText: ArraySlice<UInt8>
        let day: Int
        if numbers[0].count >= 3 {
            yearText = numbers[0]
            day = MessageDate.leadingInt(numbers[1]) ?? 0
        } else {
            day = MessageDate.leadingInt(numbers[0]) ?? 0
            yearText = numbers[1]
        }
        guard var year = MessageDate.leadingInt(yearText) else { return nil }
        if yearText.count <= 2 {
            year += year < 50 ? 2000 : 1900  // RFC 5322 section 4.3
        } else if yearText.count == 3 {
            year += 1900
        }
        self.init(
            year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2,
            offsetSeconds: offset ?? 0)
    }

    /// The form nearly every message uses, `[Mon, ]23 Nov 2026 09:15:00 +0000` (RFC 5322 section 3.3,
    /// one- or two-digit day, seconds optional, a comment after the zone allowed), read straight from
    /// the header bytes with no allocation. Nil for anything else, which `init(parsing:)` then reads;
    /// whenever this answers, `init(parsing:)` gives the same date.
    init?(canonical p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        var i = 0
        func skipBlanks() { while i < n && (p[i] == asciiSpace || p[i] == asciiTab) { i += 1 } }
        func number(_ width: ClosedRange<Int>) -> Int? {
            var v = 0
            let start = i
            while i < n && i - start < width.upperBound && p[i] >= 0x30 && p[i] <= 0x39 {
                v = v * 10 + Int(p[i] - 0x30)
                i += 1
            }
            guard width.contains(i - start), i == n || p[i] < 0x30 || p[i] > 0x39 else { return nil }
            return v
        }
        func key3() -> Int? {
            guard i + 3 <= n else { return nil }
            let key = Int(Bytes.lower(p[i])) << 16 | Int(Bytes.lower(p[i + 1])) << 8 | Int(Bytes.lower(p[i + 2]))
            i += 3
            return key
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < n && p[i] == c else { return false }
            i += 1
            return true
        }
        skipBlanks()
        if i < n && p[i] > 0x39 {
            // A weekday name (never a month name, which the general parser would take as the month).
            guard let day = key3(), MessageDate.weekdayKeys.contains(day), expect(0x2C) else { return nil }
            skipBlanks()
        }
        guard let day = number(1...2), expect(asciiSpace), let monthKey = key3(),
            let monthIndex = MessageDate.monthKeys.firstIndex(of: monthKey), expect(asciiSpace),
            let year = number(4...4)
        else { return nil }
        skipBlanks()
        guard let hour = number(2...2), expect(0x3A), let minute = number(2...2) else { return nil }
        var second = 0
        if expect(0x3A) {
            guard let s = number(2...2) else { return nil }
            second = s
        }
        skipBlanks()
        guard i < n, p[i] == 0x2B || p[i] == 0x2D else { return nil }
        let sign = p[i] == 0x2D ? -1 : 1
        i += 1
        guard let zone = number(4...4), zone % 100 < 60 else { return nil }
        skipBlanks()
        if expect(0x28) {
            // A trailing comment, "(UTC)": nothing nested, nothing after it.
            while i < n && p[i] != 0x29 && p[i] != 0x28 { i += 1 }
            guard expect(0x29) else { return nil }
            skipBlanks()
        }
        guard i == n else { return nil }
        self.init(
            year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second,
            offsetSeconds: sign * (zone / 100 * 3600 + zone % 100 * 60))
    }

    private static let weekdayKeys: [Int] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map { name in
        name.utf8.reduce(0) { $0 << 8 | Int($1) }
    }

    static func leadingInt(_ w: ArraySlice<UInt8>) -> Int? {
        var v = 0
        var n = 0
        for c in w {
            guard c >= 0x30 && c <= 0x39, n < 9 else { break }
            v = v * 10 + Int(c - 0x30)
            n += 1
        }
        return n > 0 ? v : nil
    }

    static func monthNumber(_ w: ArraySlice<UInt8>) -> Int? {
        guard w.count >= 3 else { return nil }
        let i = w.startIndex
        // The three lowercase letters as one number: no string per word.
        let key = Int(Bytes.lower(w[i])) << 16 | Int(Bytes.lower(w[i + 1])) << 8 | Int(Bytes.lower(w[i + 2]))
        return monthKeys.firstIndex(of: key).map { $0 + 1 }
    }

    private static let monthKeys: [Int] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .map { name in name.utf8.reduce(0) { $0 << 8 | Int($1) } }

    /// `+hhmm`, `-hhmm`, `+hh:mm`, `+hh`: seconds east of UTC.
    static func numericZone(_ w: ArraySlice<UInt8>) -> Int? {
        let sign = w.first == 0x2D ? -1 : 1
        let digits = w.dropFirst().filter { $0 != 0x3A }.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard let v = leadingInt(digits[...]) else { return nil }
        switch digits.count {
        case 1, 2: return sign * v * 3600
        case 3, 4:
            let h = v / 100
            let m = v % 100
            guard m < 60 else { return nil }
            return sign * (h * 3600 + m * 60)
        default: return nil
        }
    }

    /// RFC 5322 section 4.3 zone names, plus a few common non-standard ones.
    static func namedZone(_ w: ArraySlice<UInt8>) -> Int? {
        let upper = String(decoding: w.map { ($0 >= 0x61 && $0 <= 0x7A) ? $0 - 0x20 : $0 }, as: UTF8.self)
        let hours: Int
        switch upper {
        case "UT", "UTC", "GMT", "Z", "WET", "UCT": hours = 0
        case "EST": hours = -5
        case "EDT": hours = -4
        case "CST": hours = -6
        case "CDT": hours = -5
        case "MST": hours = -7
        case "MDT": hours = -6
        case "PST": hours = -8
        case "PDT": hours = -7
        case "AKST": hours = -9
        case "AKDT": hours = -8
        case "HST": hours = -10
        case "AST": hours = -4
        case "ADT": hours = -3
        case "BST", "CET", "MET", "WEST": hours = 1
        case "CEST", "MEST", "EET", "MESZ", "SAST": hours = 2
        case "EEST", "MSK": hours = 3
        case "IST": return 5 * 3600 + 1800
        case "JST", "KST": hours = 9
        case "HKT", "SGT", "AWST": hours = 8
        case "AEST": hours = 10
        case "AEDT": hours = 11
        case "NZST": hours = 12
        case "NZDT": hours = 13
        default:
            if w.count > 3, upper.hasPrefix("GMT") || upper.hasPrefix("UTC") {
                return numericZone(w.dropFirst(3))
            }
            // POSIX-style "EST5EDT": the standard-time name leads.
            let letters = w.prefix { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
            if letters.count >= 3, letters.count < w.count { return namedZone(letters) }
            return nil
        }
        return hours * 3600
    }
}
