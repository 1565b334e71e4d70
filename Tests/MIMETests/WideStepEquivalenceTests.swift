import Testing

@testable import MIME

#if canImport(Glibc)
    import Glibc
#endif

/// The 32-byte steps over ASCII runs (UTF-8 validation, single-byte charset tables), CJK conversion
/// that passes short ASCII runs to iconv, and the parameter list that replaced a dictionary
/// (issue 16) must give exactly what the plain ways give. The inputs put the byte that ends a run at
/// every offset around the step sizes, since a wide step that overruns or stops short shows only there.
struct WideStepEquivalenceTests {
    /// An ASCII run of `length` with `odd` written at `offset` (when it fits), then a tail.
    static func run(_ length: Int, odd: [UInt8], at offset: Int, tail: [UInt8] = []) -> [UInt8] {
        var bytes = (0..<length).map { UInt8(0x61 + $0 % 26) }
        if offset + odd.count <= length { bytes.replaceSubrange(offset..<(offset + odd.count), with: odd) }
        return bytes + tail
    }

    /// Valid two-, three- and four-byte sequences, and the kinds of invalid UTF-8 (lone continuation,
    /// overlong, surrogate, past U+10FFFF, truncated).
    static let utf8Pieces: [[UInt8]] = [
        [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0x9F, 0xBF], [0x80], [0xC0, 0xAF],
        [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF],
    ]

    @Test(arguments: [0, 1, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 100])
    func utf8ValidityMatchesTheStandardLibrary(_ length: Int) {
        for piece in Self.utf8Pieces {
            for offset in 0...max(length, 0) {
                for tail in [[], Array("xyz".utf8), piece] {
                    let bytes = Self.run(length, odd: piece, at: offset, tail: tail)
                    let validity = bytes.withUnsafeBufferPointer { UTF8Text.validity($0) }
                    let expected: UTF8Text.Validity =
                        String(validating: bytes, as: UTF8.self) == nil
                        ? .invalid : bytes.allSatisfy { $0 < 0x80 } ? .ascii : .valid
                    #expect(validity == expected, "\(bytes)")
                    let text = bytes.withUnsafeBufferPointer { UTF8Text.string($0) }
                    #expect(text == String(decoding: bytes, as: UTF8.self))
                }
            }
        }
    }

    /// Windows-1252 as WHATWG defines it, one byte at a time: the reference for the table decoder.
    static func referenceWindows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var text = ""
        for b in bytes {
            let scalar = b >= 0x80 && b < 0xA0 ? high[Int(b) - 0x80] : UInt32(b)
            text.unicodeScalars.append(Unicode.Scalar(scalar)!)
        }
        return text
    }

    @Test(arguments: [0, 1, 7, 8, 9, 31, 32, 33, 40, 64, 65, 97])
    func windows1252MatchesTheReference(_ length: Int) {
        for odd: [UInt8] in [[0x80], [0x9F, 0xE9], [0xFF], [0xA0, 0x93, 0x94]] {
            for offset in 0...length {
                let bytes = Self.run(length, odd: odd, at: offset, tail: offset % 3 == 0 ? [0x85] : [])
                let fast = bytes.withUnsafeBufferPointer { SingleByteCharset.windows1252.decode($0) }
                #expect(fast == Self.referenceWindows1252(bytes), "\(bytes)")
            }
        }
    }

    @Test(arguments: ["KOI8-R", "ISO-8859-2", "CP1251"])
    func singleByteTablesMatchIconvOnLongASCIIRuns(_ charset: String) throws {
        let table = try #require(SingleByteCharset.table(charset))
        for length in [31, 32, 33, 64, 65, 130] {
            for offset in 0..<length {
                let bytes = Self.run(length, odd: [0xC1, 0xE0], at: offset, tail: [0xF0])
                let fast = bytes.withUnsafeBufferPointer { table.decode($0) }
                let iconv = bytes.withUnsafeBufferPointer {
                    Iconv.convertBytes($0, from: charset, failOnIncomplete: false)
                }
                #expect(Array(fast.utf8) == iconv, "\(charset) \(bytes)")
            }
        }
    }

    /// CJK text with ASCII runs of every length up to 19 between the characters (line ends, spaces,
    /// English words), valid and with broken bytes: the converted text is what one iconv call over the
    /// whole body gives (also the check that output used without a UTF-8 check is right).
    @Test(arguments: ["CP932", "GB18030", "EUC-JP", "CP949", "BIG5-HKSCS"])
    func asciiSkippingMatchesOneIconvCallAroundTheRunLength(_ charset: String) throws {
        // A character of each charset (from iconv, so valid there) and a lead byte left alone.
        let character = try #require(iconvEncode("漢", to: charset))
        var gen = XorShift(state: 0xA076_1D64_78BD_642F ^ UInt64(charset.utf8.count))
        for runLength in 0...19 {
            for _ in 0..<8 {
                var input = [UInt8]()
                for _ in 0..<(1 + gen.next() % 6) {
                    input += character
                    if gen.next() % 5 == 0 { input.append(character[0]) }  // a broken character
                    input += (0..<runLength).map { UInt8(0x40 + ($0 % 20)) }
                    if gen.next() % 3 == 0 { input += [0x0D, 0x0A] }
                }
                let fast = try #require(input.withUnsafeBufferPointer { Iconv.convert($0, from: charset) })
                let whole = input.withUnsafeBufferPointer {
                    Iconv.convertBytes($0, from: charset, failOnIncomplete: false)
                }
                #expect(Array(fast.utf8) == whole, "\(charset) \(input)")
            }
        }
    }

    /// Output of converters that can produce values beyond Unicode (UCS-4 passes up to 0x7FFFFFFF on)
    /// is still checked, so the text is valid and what `String(decoding:)` makes of iconv's bytes.
    @Test(arguments: [
        [0x00, 0x11, 0x00, 0x00], [0x7F, 0xFF, 0xFF, 0xFF], [0x00, 0x00, 0xD8, 0x00], [0x00, 0x00, 0x00, 0x41],
    ])
    func untrustedConverterOutputIsChecked(_ scalar: [UInt8]) throws {
        let input: [UInt8] = [0x00, 0x00, 0x00, 0x61] + scalar + [0x00, 0x00, 0x00, 0x62]
        let text = try #require(input.withUnsafeBufferPointer { Iconv.convert($0, from: "UCS-4") })
        let bytes = try #require(
            input.withUnsafeBufferPointer {
                Iconv.convertBytes($0, from: "UCS-4", failOnIncomplete: false)
            })
        #expect(text == String(decoding: bytes, as: UTF8.self))
        #expect(String(validating: Array(text.utf8), as: UTF8.self) == text)
        #expect(!Iconv.trustedOutputCharsets.contains("UCS-4"))
    }

    /// The parameter list reads as the dictionary did: the first plain value of a name wins, an
    /// RFC 2231 value replaces a plain one, names are found whatever their case, and two lists are equal
    /// (and hash alike) whatever their order.
    @Test(
        arguments: [
            ("text/plain; charset=utf-8; charset=iso-8859-1", ["charset": "utf-8"]),
            ("text/plain; NAME=a.txt; name*=utf-8''b.txt", ["name": "b.txt"]),
            ("text/plain; name*=utf-8''b.txt; name=a.txt", ["name": "b.txt"]),
            (
                "text/plain; Format=Flowed; DelSp=Yes; charset=\"UTF-8\"",
                ["format": "Flowed", "delsp": "Yes", "charset": "UTF-8"]
            ),
            (
                "multipart/mixed; boundary=x; b=1; c=2; d=3; e=4; f=5; g=6; h=7",
                ["boundary": "x", "b": "1", "c": "2", "d": "3", "e": "4", "f": "5", "g": "6", "h": "7"]
            ),
        ] as [(String, [String: String])])
    func parameterListReadsAsTheDictionaryDid(_ raw: String, _ expected: [String: String]) throws {
        let ct = try #require(ContentType(raw: Array(raw.utf8)))
        #expect(ct.parameters == expected)
        for (name, value) in expected {
            #expect(ct[name] == value)
            #expect(ct[name.uppercased()] == value)
            #expect(ct.parameterList[name] == value)
        }
        #expect(ct["missing"] == nil)
        let rebuilt = ContentType(type: ct.type, subtype: ct.subtype, parameters: expected)
        #expect(rebuilt == ct)
        #expect(rebuilt.hashValue == ct.hashValue)
        var changed = ct
        changed.parameters["extra"] = "1"
        #expect(changed != ct)
        #expect(changed.parameters == expected.merging(["extra": "1"]) { a, _ in a })
    }
}

/// `text` in `charset`, by iconv (the test's own converter, the other way round from the module's).
private func iconvEncode(_ text: String, to charset: String) -> [UInt8]? {
    #if canImport(Glibc)
        let cd = iconv_open(charset, "UTF-8")
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: 64)
        let written = input.withUnsafeMutableBufferPointer { inBuf -> Int? in
            output.withUnsafeMutableBufferPointer { outBuf -> Int? in
                var inPtr = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr = outBuf.baseAddress
                var outLeft = outBuf.count
                guard iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 else { return nil }
                return outBuf.count - outLeft
            }
        }
        guard let written else { return nil }
        return output[..<written].map { UInt8(bitPattern: $0) }
    #else
        return nil
    #endif
}
