import Synchronization

/// A single-byte charset (ISO-8859-N, KOI8-R/U, Windows-125x, ...) decoded through a 256-entry table
/// of UTF-8 sequences instead of iconv.
///
/// glibc iconv converts every byte twice (charset to UCS-4, UCS-4 to UTF-8) behind a generic step
/// machine, which costs several times more than a table lookup. The table is built once per charset
/// *from iconv itself*, one byte at a time, so the text is exactly what iconv gives, U+FFFD for
/// unmapped bytes included. A charset qualifies only when every byte converts on its own to at most
/// one short sequence and bytes 0x00-0x7F are ASCII; multi-byte and stateful charsets (ISO-2022, UTF-7,
/// CP1255's combining, ...) fail that probe and stay with iconv.
struct SingleByteCharset: Sendable {
    /// UTF-8 of each byte, packed little-endian in the low `length` bytes.
    private let utf8: [UInt32]
    private let length: [UInt8]

    /// The tables probed so far (nil: not single-byte), bounded since charset names come from mail.
    private static let cache = Mutex<[String: SingleByteCharset?]>([:])
    private static let maxCached = 64

    /// Windows-1252 as WHATWG defines it (the decoder for ISO-8859-1 labels and for text that is not
    /// UTF-8): Latin-1 except 0x80-0x9F. Built here rather than from iconv, whose CP1252 leaves five
    /// bytes unmapped.
    static let windows1252: SingleByteCharset = {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var utf8 = [UInt32](repeating: 0, count: 256)
        var length = [UInt8](repeating: 1, count: 256)
        for b in 0..<256 {
            let scalar = b < 0x80 ? UInt32(b) : b < 0xA0 ? high[b - 0x80] : UInt32(b)
            let encoded = Array(String(Unicode.Scalar(scalar)!).utf8)
            for (k, c) in encoded.enumerated() { utf8[b] |= UInt32(c) << (8 * UInt32(k)) }
            length[b] = UInt8(encoded.count)
        }
        return SingleByteCharset(utf8: utf8, length: length)
    }()

    /// The table for an iconv charset name, or nil when the charset is not a plain single-byte one.
    static func table(_ iconvName: String) -> SingleByteCharset? {
        if let known = cache.withLock({ $0[iconvName] }) { return known }
        let table = probe(iconvName)
        cache.withLock { if $0.count < maxCached { $0[iconvName] = table } }
        return table
    }

    private static func probe(_ name: String) -> SingleByteCharset? {
        // Stateful 7-bit charsets pass plain ASCII through but not their shift sequences: ISO-2022
        // escapes, UTF-7 '+', HZ '~{'.
        let ascii = (0..<128).map { UInt8($0) } + Array("\u{1B}$B\u{1B}(B+AGE-~{!!~}".utf8)
        guard let low = ascii.withUnsafeBufferPointer({ Iconv.convertBytes($0, from: name, failOnIncomplete: true) }),
            low == ascii
        else {
            return nil
        }
        var utf8 = [UInt32](repeating: 0, count: 256)
        var length = [UInt8](repeating: 1, count: 256)
        for b in 0..<128 { utf8[b] = UInt32(b) }
        for b in 128..<256 {
            let one = [UInt8(b)]
            // A lone byte that iconv cannot finish (a lead byte, a held base letter) means not single-byte.
            // An unmapped byte comes out as U+FFFD, as in Iconv.convert.
            guard let out = one.withUnsafeBufferPointer({ Iconv.convertBytes($0, from: name, failOnIncomplete: true) }),
                !out.isEmpty, out.count <= 4,
                out.withUnsafeBufferPointer({ UTF8Text.validity($0) }) != .invalid
            else { return nil }
            var v: UInt32 = 0
            for (k, c) in out.enumerated() { v |= UInt32(c) << (8 * UInt32(k)) }
            utf8[b] = v
            length[b] = UInt8(out.count)
        }
        // A charset that maps hardly any high byte is a 7-bit one that the probe above missed.
        let unmapped = (128..<256).filter { utf8[$0] == 0xBD_BFEF && length[$0] == 3 }.count
        guard unmapped <= 64 else { return nil }
        return SingleByteCharset(utf8: utf8, length: length)
    }

    /// Decodes the bytes to a String in one pass into a scratch buffer with room for the longest
    /// output: ASCII words (most of any mail text) are copied eight bytes at a time, and each other byte
    /// stores its whole packed sequence (four bytes, little-endian) and advances by its length, with no
    /// branch on the length.
    func decode(_ p: UnsafeBufferPointer<UInt8>) -> String {
        guard let src = p.baseAddress, !p.isEmpty else { return "" }
        let raw = UnsafeRawPointer(src)
        let n = p.count
        let high: UInt64 = 0x8080_8080_8080_8080
        let dst = UnsafeMutableRawPointer.allocate(byteCount: n * 4, alignment: 8)
        defer { dst.deallocate() }
        var o = 0
        var i = 0
        var ascii = true
        length.withUnsafeBufferPointer { length in
            utf8.withUnsafeBufferPointer { utf8 in
                while i < n {
                    if i + 8 <= n {
                        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        if w & high == 0 {
                            dst.storeBytes(of: w, toByteOffset: o, as: UInt64.self)
                            o += 8
                            i += 8
                            continue
                        }
                    }
                    let c = Int(src[i])
                    i += 1
                    if c < 0x80 {
                        dst.storeBytes(of: UInt8(c), toByteOffset: o, as: UInt8.self)
                        o += 1
                        continue
                    }
                    ascii = false
                    // Every entry is at most four bytes and n * 4 bytes were allocated: this always fits.
                    dst.storeBytes(of: utf8[c].littleEndian, toByteOffset: o, as: UInt32.self)
                    o += Int(length[c])
                }
            }
        }
        // Every table entry is valid UTF-8 (checked in `probe`), so the text is too.
        let bytes = UnsafeBufferPointer(start: dst.assumingMemoryBound(to: UInt8.self), count: o)
        return UTF8Text.string(valid: bytes, isASCII: ascii)
    }
}
