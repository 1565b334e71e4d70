/// The UIDs (or sequence numbers) of `SEARCH` (RFC 3501 §7.2.5) and `ESEARCH` (RFC 4731) responses.
///
/// Kept as ranges so that a hostile `ALL 1:4294967295` costs nothing until `uids(in:)` clamps it.
/// Server quirks (docs/SERVERS.md): `UID SEARCH UID n:*` returns the highest UID even when it is below n
/// (Dovecot, Cyrus: `*` means "the largest UID", RFC 3501 §6.4.8) and Courier may answer an empty
/// `* SEARCH`; callers therefore always filter with `uids(in:)`.
public struct SearchResponse: Sendable, Equatable {
    /// Ranges as the server sent them, in order (single numbers are one-element ranges).
    public var ranges: [ClosedRange<UInt32>]

    public init(ranges: [ClosedRange<UInt32>]) {
        self.ranges = ranges
    }

    /// Merges every SEARCH and ESEARCH response in `bytes`; nil when there is none at all
    /// (which differs from an empty `* SEARCH`, a valid "nothing matched").
    public static func parse(_ bytes: [UInt8]) -> SearchResponse? {
        var ranges: [ClosedRange<UInt32>] = []
        var sawResponse = false
        ResponseCursor.forEachUntagged(in: bytes) { cursor in
            if let found = parseSearch(&cursor) ?? parseESearch(&cursor) {
                sawResponse = true
                ranges.append(contentsOf: found)
            }
        }
        return sawResponse ? SearchResponse(ranges: ranges) : nil
    }

    /// The UIDs inside `range`, ascending and without duplicates; at most `limit` of them (the lowest), so a
    /// hostile `ALL 1:4294967295` cannot exhaust memory. The rest are found by the next, higher search.
    public func uids(in range: ClosedRange<UID>, limit: Int = 1 << 20) -> [UID] {
        var result: [UID] = []
        var next: UInt32 = range.lowerBound.value  // everything below is already in `result`
        var exhausted = false
        for sent in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !exhausted {
            let low = Swift.max(sent.lowerBound, next)
            let high = Swift.min(sent.upperBound, range.upperBound.value)
            guard low <= high, result.count < limit else { continue }
            let take = Swift.min(UInt64(high - low) + 1, UInt64(limit - result.count))
            let last = low + UInt32(take - 1)
            result.reserveCapacity(result.count + Int(take))
            for value in low...last { result.append(UID(value)) }
            if last == UInt32.max { exhausted = true } else { next = last + 1 }
        }
        return result
    }

    // mailbox-data =/ "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]  ; RFC 7162
    static func parseSearch(_ cursor: inout ResponseCursor) -> [ClosedRange<UInt32>]? {
        let saved = cursor
        guard cursor.consumeWord("SEARCH") else { return nil }
        var ranges: [ClosedRange<UInt32>] = []
        while cursor.skipSpaces(), !cursor.isAtLineEnd {
            if cursor.peek == UInt8(ascii: "(") {
                guard cursor.skipValue() else { break }
                continue
            }
            guard let value = cursor.number() else {
                cursor = saved
                return nil
            }
            ranges.append(value...value)
        }
        return ranges
    }

    // esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
    // search-return-data = "MIN" SP nz-number / "MAX" SP nz-number / "ALL" SP sequence-set / "COUNT" SP number
    static func parseESearch(_ cursor: inout ResponseCursor) -> [ClosedRange<UInt32>]? {
        guard cursor.consumeWord("ESEARCH") else { return nil }
        var ranges: [ClosedRange<UInt32>] = []
        while cursor.skipSpaces() {
            if cursor.peek == UInt8(ascii: "(") {
                guard cursor.skipValue() else { break }  // search-correlator = "(TAG" SP tag-string ")"
                continue
            }
            guard let name = cursor.atom() else { break }
            switch ResponseCursor.text(name).uppercased() {
            case "UID":
                continue
            case "ALL":
                guard cursor.skipSpaces(), let set = sequenceSet(&cursor) else { return ranges }
                ranges.append(contentsOf: set)
            case "MIN", "MAX":
                guard cursor.skipSpaces(), let value = cursor.number() else { return ranges }
                ranges.append(value...value)
            default:
                // COUNT, MODSEQ, or an extension: skip its value.
                cursor.skipSpaces()
                _ = cursor.skipValue()
            }
        }
        return ranges
    }

    // sequence-set = (seq-number / seq-range) ["," sequence-set] ; seq-range = seq-number ":" seq-number
    static func sequenceSet(_ cursor: inout ResponseCursor) -> [ClosedRange<UInt32>]? {
        var ranges: [ClosedRange<UInt32>] = []
        repeat {
            guard let first = seqNumber(&cursor) else { return ranges.isEmpty ? nil : ranges }
            var last = first
            if cursor.consume(UInt8(ascii: ":")) {
                guard let second = seqNumber(&cursor) else { return nil }
                last = second
            }
            ranges.append(Swift.min(first, last)...Swift.max(first, last))
        } while cursor.consume(UInt8(ascii: ","))
        return ranges
    }

    // seq-number = nz-number / "*" ; "*" is not valid in responses but tolerated as the largest value
    static func seqNumber(_ cursor: inout ResponseCursor) -> UInt32? {
        if cursor.consume(UInt8(ascii: "*")) { return UInt32.max }
        return cursor.number()
    }
}
