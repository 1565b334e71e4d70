/// A set of UIDs written as an IMAP `sequence-set` (RFC 3501 §9): `1:5,7,9:12`. Lets one command
/// (MOVE, COPY, STORE, EXPUNGE) act on many messages, saving a round trip per message.
public struct UIDSet: Sendable, Equatable, CustomStringConvertible {
    /// Ascending, non-overlapping, non-adjacent ranges.
    public private(set) var ranges: [ClosedRange<UInt32>]

    public init(_ uids: some Sequence<UID>) {
        var ranges: [ClosedRange<UInt32>] = []
        for value in uids.map(\.value).sorted() {
            if let last = ranges.last, value <= last.upperBound { continue }
            if let last = ranges.last, last.upperBound < UInt32.max, value == last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...value
            } else {
                ranges.append(value...value)
            }
        }
        self.ranges = ranges
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// Number of UIDs in the set.
    public var count: Int { ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 } }

    // sequence-set = (seq-number / seq-range) ["," sequence-set]
    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound):\($0.upperBound)" }
            .joined(separator: ",")
    }

    /// Splits `uids` into sets whose text stays within `maxLength` bytes, so that every command line
    /// stays short (servers limit lines; RFC 7162 §4 recommends accepting at least 8192 octets), and
    /// of at most `maxCount` UIDs, so that the replies stay short too (a MOVE answers with a line per
    /// message, and libcurl 7.88 gives up on more than 300 KiB of response lines for one command).
    public static func chunks(_ uids: some Sequence<UID>, maxLength: Int = 4000, maxCount: Int = 500) -> [UIDSet] {
        let whole = UIDSet(uids)
        var result: [UIDSet] = []
        var current: [ClosedRange<UInt32>] = []
        var length = 0
        var count = 0
        var pieces: [ClosedRange<UInt32>] = []
        let limit = UInt32(max(1, maxCount))
        for range in whole.ranges {
            // Long ranges are cut into pieces of at most maxCount UIDs first.
            var low = range.lowerBound
            while range.upperBound - low >= limit {
                pieces.append(low...(low + limit - 1))
                low += limit
            }
            pieces.append(low...range.upperBound)
        }
        for range in pieces {
            let size = Int(range.upperBound - range.lowerBound) + 1
            let text =
                range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound):\(range.upperBound)"
            if !current.isEmpty && (length + 1 + text.utf8.count > maxLength || count + size > maxCount) {
                result.append(UIDSet(ranges: current))
                current = []
                length = 0
                count = 0
            }
            length += (current.isEmpty ? 0 : 1) + text.utf8.count
            count += size
            current.append(range)
        }
        if !current.isEmpty { result.append(UIDSet(ranges: current)) }
        return result
    }

    private init(ranges: [ClosedRange<UInt32>]) {
        self.ranges = ranges
    }
}
