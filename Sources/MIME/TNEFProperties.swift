// MAPI property lists inside TNEF attributes (attMAPIProps, attAttachment): MS-OXTNEF section 2.1.3.5.

/// The properties of one attachment (or of the message) that TNEF.attachments needs.
struct TNEFProperties {
    var longFilename: String?  // PR_ATTACH_LONG_FILENAME 0x3707
    var filename: String?  // PR_ATTACH_FILENAME 0x3704
    var displayName: String?  // PR_DISPLAY_NAME 0x3001
    var mimeTag: String?  // PR_ATTACH_MIME_TAG 0x370E
    var contentId: String?  // PR_ATTACH_CONTENT_ID 0x3712
    var data: Range<Int>?  // PR_ATTACH_DATA_BIN / _OBJ 0x3701, a range of the TNEF bytes
    var dataIsObject = false  // PT_OBJECT: the value starts with a 16-byte interface GUID
    var attachMethod: UInt32?  // PR_ATTACH_METHOD 0x3705 (5 = embedded message)
    /// How many properties were read completely (for tests and diagnostics).
    var count = 0

    // Property types (MS-OXCDATA section 2.11.1).
    private static let multiValued: UInt16 = 0x1000
    private static let string8: UInt16 = 0x001E
    private static let unicode: UInt16 = 0x001F
    private static let binary: UInt16 = 0x0102
    private static let object: UInt16 = 0x000D

    /// Reads the property list in `cursor`; stops quietly at the first value that does not fit.
    static func read(_ cursor: inout TNEFCursor) -> TNEFProperties {
        var result = TNEFProperties()
        guard let declared = cursor.u32() else { return result }
        // Each property takes at least 4 bytes, so a bigger count is a lie that must not drive the loop.
        let count = min(Int(declared), cursor.remaining / 4)
        for _ in 0..<count {
            guard let type = cursor.u16(), let id = cursor.u16() else { break }
            if id >= 0x8000 {
                // Named property: GUID, kind, then a numeric id or a UTF-16 name (MS-OXTNEF 2.1.3.5).
                guard cursor.skip(16), let kind = cursor.u32() else { break }
                if kind == 0 {
                    guard cursor.u32() != nil else { break }
                } else {
                    guard let length = cursor.u32(), cursor.skip(Int(length)) else { break }
                    cursor.skipPadding(after: Int(length))
                }
            }
            let baseType = type & ~multiValued
            let isVariable = [string8, unicode, binary, object].contains(baseType)
            var values = 1
            if type & multiValued != 0 || isVariable {
                guard let n = cursor.u32() else { break }
                // Every value but PT_NULL's takes at least 4 bytes: bound the loop by what is left.
                values = min(Int(n), cursor.remaining / 4 + 1)
            }
            var ok = true
            var first: Range<Int>? = nil
            var value = 0
            while value < values {
                if isVariable {
                    guard let length = cursor.u32(), let range = cursor.take(Int(length)) else {
                        ok = false
                        break
                    }
                    cursor.skipPadding(after: Int(length))
                    if first == nil { first = range }
                } else {
                    guard let size = fixedSize(baseType), let range = cursor.take(size) else {
                        ok = false
                        break
                    }
                    cursor.skipPadding(after: size)
                    if first == nil { first = range }
                }
                value += 1
            }
            guard ok else { break }
            result.count += 1
            guard let range = first else { continue }
            result.store(id: id, type: baseType, range: range, bytes: cursor.bytes)
        }
        return result
    }

    private mutating func store(id: UInt16, type: UInt16, range: Range<Int>, bytes: [UInt8]) {
        func text() -> String? {
            switch type {
            case Self.unicode: return TNEFText.utf16(bytes[range])
            case Self.string8: return TNEFText.eightBit(bytes[range])
            default: return nil
            }
        }
        switch id {
        case 0x3707: longFilename = text()
        case 0x3704: filename = text()
        case 0x3001: displayName = text()
        case 0x370E: mimeTag = text()
        case 0x3712: contentId = text()
        case 0x3701:
            data = range
            dataIsObject = type == Self.object
        case 0x3705:
            if range.count >= 4 {
                attachMethod = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[range.lowerBound + $1]) << (8 * $1) }
            }
        default: break
        }
    }

    /// Sizes of the fixed-length types; nil for unknown types (whose length cannot be known).
    private static func fixedSize(_ type: UInt16) -> Int? {
        switch type {
        case 0x0000, 0x0001: return 0  // PT_UNSPECIFIED, PT_NULL
        case 0x0002, 0x000B: return 2  // PT_SHORT, PT_BOOLEAN (padded to 4)
        case 0x0003, 0x0004, 0x000A: return 4  // PT_LONG, PT_FLOAT, PT_ERROR
        case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040: return 8  // DOUBLE, CURRENCY, APPTIME, I8, SYSTIME
        case 0x0048: return 16  // PT_CLSID
        default: return nil
        }
    }
}

/// Text values in TNEF: UTF-16LE for PT_UNICODE, 8-bit (UTF-8 or Windows-1252) otherwise; trailing NULs cut.
enum TNEFText {
    static func utf16(_ s: ArraySlice<UInt8>) -> String? {
        var units: [UInt16] = []
        units.reserveCapacity(s.count / 2)
        var i = s.startIndex
        while i + 1 < s.endIndex {
            units.append(UInt16(s[i]) | UInt16(s[i + 1]) << 8)
            i += 2
        }
        while units.last == 0 { units.removeLast() }
        let text = String(decoding: units, as: UTF16.self)
        return text.isEmpty ? nil : text
    }

    static func eightBit(_ s: ArraySlice<UInt8>) -> String? {
        var bytes = Array(s)
        if let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
        guard !bytes.isEmpty else { return nil }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { windows1252($0) }))
    }

    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    private static func windows1252(_ b: UInt8) -> Unicode.Scalar {
        let value = b >= 0x80 && b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
