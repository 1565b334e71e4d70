// A bounds-checked little-endian reader over a byte range: every read either succeeds inside the range
// or returns nil, so hostile lengths and counts can never read past the end or trap.

struct TNEFCursor {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.end = min(max(end ?? bytes.count, 0), bytes.count)
        self.position = min(max(start, 0), self.end)
    }

    var remaining: Int { end - position }
    var isAtEnd: Bool { position >= end }

    mutating func u8() -> UInt8? {
        guard remaining >= 1 else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16() -> UInt16? {
        guard remaining >= 2 else { return nil }
        defer { position += 2 }
        return UInt16(bytes[position]) | UInt16(bytes[position + 1]) << 8
    }

    mutating func u32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        defer { position += 4 }
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[position + k]) << (8 * k) }
        return v
    }

    /// The next `count` bytes as a range of `bytes`, or nil when fewer remain.
    mutating func take(_ count: Int) -> Range<Int>? {
        guard count >= 0, count <= remaining else { return nil }
        defer { position += count }
        return position..<(position + count)
    }

    /// Skips `count` bytes; false (and at the end) when fewer remain.
    @discardableResult
    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= remaining else {
            position = end
            return false
        }
        position += count
        return true
    }

    /// MAPI values are padded to a multiple of 4 bytes (MS-OXTNEF section 2.1.3.4).
    mutating func skipPadding(after length: Int) {
        let pad = (4 - length % 4) % 4
        skip(min(pad, remaining))
    }
}
