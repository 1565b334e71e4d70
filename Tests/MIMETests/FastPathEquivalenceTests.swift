import Testing

@testable import MIME

/// The fast paths must give exactly what the plain ways give, on valid and on broken input: charset
/// tables against iconv itself, ASCII-skipping CJK conversion against one iconv call over everything,
/// the one-pass quoted-printable decoder and the word-at-a-time CR removal against simple reference
/// versions written for clarity. Inputs are generated (seeded), mixing text with hostile bytes.
struct FastPathEquivalenceTests {
    static let singleByte = [
        "ISO-8859-2", "ISO-8859-5", "ISO-8859-7", "ISO-8859-3", "KOI8-R", "KOI8-U", "CP1251", "CP1250", "CP874",
    ]

    @Test(arguments: singleByte)
    func singleByteTablesMatchIconv(_ charset: String) throws {
        let table = try #require(SingleByteCharset.table(charset))
        var gen = XorShift(state: 0x9E37_79B9_7F4A_7C15 ^ UInt64(charset.utf8.count))
        for length in [0, 1, 7, 8, 9, 31, 64, 1000, 5000] {
            let input = gen.text(length, specials: [])
            let fast = input.withUnsafeBufferPointer { table.decode($0) }
            let iconv = input.withUnsafeBufferPointer {
                Iconv.convertBytes($0, from: charset, failOnIncomplete: false)
            }
            #expect(Array(fast.utf8) == iconv, "\(charset) \(length)")
        }
    }

    @Test(arguments: ["ISO-2022-JP-2", "UTF-7", "CP932", "GB18030", "UTF-16", "EUC-JP", "CP949", "BIG5-HKSCS"])
    func statefulAndMultiByteCharsetsHaveNoTable(_ charset: String) {
        #expect(SingleByteCharset.table(charset) == nil)
    }

    @Test(arguments: ["GB18030", "CP932", "EUC-JP", "CP949", "BIG5-HKSCS"])
    func asciiSkippingMatchesOneIconvCall(_ charset: String) throws {
        var gen = XorShift(state: 0xD1B5_4A32_D192_ED03 ^ UInt64(charset.utf8.count))
        for length in [1, 2, 3, 10, 100, 1000, 5000] {
            // Valid text in the charset (from iconv's own output of it), then broken bytes mixed in.
            let input = gen.text(length, specials: [0x40, 0x5C, 0x7E, 0x30, 0x39, 0xA1, 0x81])
            let fast = try #require(input.withUnsafeBufferPointer { Iconv.convert($0, from: charset) })
            let whole = input.withUnsafeBufferPointer {
                Iconv.convertBytes($0, from: charset, failOnIncomplete: false)
            }
            #expect(Array(fast.utf8) == whole, "\(charset) \(length)")
        }
    }

    /// ISO-2022-JP bodies: ASCII, JIS X 0208 pairs after ESC $ B, JIS-Roman after ESC ( J, and broken
    /// forms (a lone ESC, an unfinished escape, an odd byte in a JIS run, no return to ASCII at the end,
    /// a high byte, G2 sequences that make it convert the whole body).
    @Test(arguments: ["ISO-2022-JP-2", "ISO-2022-JP"])
    func iso2022JPBetweenEscapesMatchesOneIconvCall(_ charset: String) throws {
        var gen = XorShift(state: 0x5851_F42D_4C95_7F2D ^ UInt64(charset.utf8.count))
        let pieces: [[UInt8]] = [
            Array("\u{1B}$B".utf8), Array("\u{1B}(B".utf8), Array("\u{1B}(J".utf8), Array("\u{1B}$@".utf8),
            [0x24, 0x33, 0x24, 0x73], [0x46, 0x7C, 0x4B, 0x5C], [0x21], [0x1B], [0x1B, 0x24], Array("\r\n".utf8),
            Array("plain words ".utf8),
        ]
        let wholeBodyOnly: [[UInt8]] = [[0x9A], Array("\u{1B}.A\u{1B}NA".utf8)]
        for length in [1, 2, 5, 20, 100, 1000] {
            for _ in 0..<20 {
                var input = [UInt8]()
                while input.count < length {
                    let r = gen.next() % 100
                    // Mostly well-formed: into JIS, pairs, back to ASCII, text.
                    if r < 1 {
                        input += wholeBodyOnly[Int(gen.next() % 2)]
                    } else if r < 12 {
                        input += pieces[Int(gen.next() % UInt64(pieces.count))]
                    } else if r < 40 {
                        input += pieces[0] + pieces[4] + pieces[5] + pieces[1]
                    } else {
                        input += pieces[10]
                    }
                }
                let fast = try #require(input.withUnsafeBufferPointer { Iconv.convert($0, from: charset) })
                let whole = input.withUnsafeBufferPointer {
                    Iconv.convertBytes($0, from: charset, failOnIncomplete: false)
                }
                #expect(Array(fast.utf8) == whole, "\(charset) \(input)")
            }
        }
    }

    /// Quoted-printable as RFC 2045 section 6.7 reads, a line at a time: the reference for the fast decoder.
    static func referenceQP(_ input: [UInt8], lineFeedsOnly: Bool) -> (bytes: [UInt8], dropped: Int) {
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x41...0x46: return c - 0x37
            case 0x61...0x66: return c - 0x57
            default: return nil
            }
        }
        var out = [UInt8]()
        var dropped = 0
        var lines = input.split(separator: 0x0A, omittingEmptySubsequences: false)[...]
        let endsWithLF = input.last == 0x0A
        if endsWithLF { lines = lines.dropLast() }
        for (n, var line) in lines.enumerated() {
            let isLast = n == lines.count - 1 && !endsWithLF
            let hadCR = !isLast && line.last == 0x0D
            if hadCR { line = line.dropLast() }
            while let c = line.last, c == 0x20 || c == 0x09 { line = line.dropLast() }
            let soft = line.last == 0x3D
            if soft { line = line.dropLast() }
            var i = line.startIndex
            while i < line.endIndex {
                if line[i] == 0x3D, i + 2 < line.endIndex, let h = hex(line[i + 1]), let l = hex(line[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                } else {
                    out.append(line[i])
                    i += 1
                }
            }
            if !soft && !isLast {
                if hadCR && lineFeedsOnly { dropped += 1 } else if hadCR { out.append(0x0D) }
                out.append(0x0A)
            }
        }
        return (out, dropped)
    }

    @Test(arguments: [false, true])
    func quotedPrintableMatchesTheReference(_ lineFeedsOnly: Bool) {
        var gen = XorShift(state: 0x2545_F491_4F6C_DD1D)
        let specials = Array("=3D=E2=80=99= =\r\n=\n=4=G=ab\t ".utf8)
        for length in [0, 1, 2, 3, 8, 9, 16, 77, 500, 4000] {
            for _ in 0..<20 {
                let input = gen.text(length, specials: specials)
                let fast = input.withUnsafeBufferPointer {
                    TransferDecoding.quotedPrintable($0, lineFeedsOnly: lineFeedsOnly)
                }
                let reference = Self.referenceQP(input, lineFeedsOnly: lineFeedsOnly)
                #expect(fast.bytes == reference.bytes && fast.droppedCRs == reference.dropped, "\(input)")
            }
        }
    }

    /// base64 one character at a time (RFC 2045 section 6.8, junk skipped, '=' ends a quantum).
    static func referenceBase64(_ input: [UInt8]) -> [UInt8] {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out = [UInt8]()
        var acc: UInt32 = 0
        var k = 0
        func finish() {
            if k == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
            if k == 3 { out += [UInt8(truncatingIfNeeded: acc >> 10), UInt8(truncatingIfNeeded: acc >> 2)] }
            acc = 0
            k = 0
        }
        for c in input {
            let v: UInt32? =
                c == 0x2D ? 62 : c == 0x5F ? 63 : alphabet.firstIndex(of: c).map { UInt32($0) }
            if let v {
                acc = acc << 6 | v
                k += 1
                if k == 4 {
                    out += [
                        UInt8(truncatingIfNeeded: acc >> 16), UInt8(truncatingIfNeeded: acc >> 8),
                        UInt8(truncatingIfNeeded: acc),
                    ]
                    acc = 0
                    k = 0
                }
            } else if c == 0x3D {
                finish()
            }
        }
        finish()
        return out
    }

    @Test func base64MatchesTheReference() {
        var gen = XorShift(state: 0x5851_F42D_4C95_7F2D)
        let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for length in [0, 1, 3, 4, 5, 8, 76, 78, 200, 5000] {
            for round in 0..<20 {
                var input = [UInt8]()
                while input.count < length {
                    let r = gen.next() % 100
                    if r < 90 || round < 5 {
                        input.append(digits[Int(gen.next() % 64)])
                    } else {
                        input +=
                            [[0x0D, 0x0A], [0x0A], [0x3D], [0x20], [0x2D, 0x5F], [0x80], [0x3D, 0x3D]][
                                Int(gen.next() % 7)]
                    }
                    if input.count % 78 == 76 && round % 2 == 0 { input += [0x0D, 0x0A] }
                }
                let fast = input.withUnsafeBufferPointer { TransferDecoding.base64($0) }
                #expect(fast == Self.referenceBase64(input), "\(input.count)")
                // In chunks too (the attachment path), split at every size.
                var chunked = [UInt8]()
                input.withUnsafeBufferPointer { p in
                    TransferDecoding.base64Chunks(p, chunk: 7) { chunked += $0 }
                }
                #expect(chunked == Self.referenceBase64(input), "chunks \(input.count)")
            }
        }
    }

    /// UTF-8 bodies decoded straight into a String give what bytes-then-String gives, broken UTF-8,
    /// lone CRs and odd line ends included.
    @Test(arguments: ["8bit", "quoted-printable", "base64"])
    func utf8TextMatchesTheGeneralPath(_ encoding: String) throws {
        var gen = XorShift(state: 0x0BAD_C0DE_1234_5678 ^ UInt64(encoding.utf8.count))
        for length in [0, 1, 5, 64, 700, 3000] {
            for _ in 0..<10 {
                var body = gen.text(length, specials: Array("=E2=80=99=3D=\r\n\u{E2}\u{82}\u{AC}".utf8))
                if encoding == "base64" {
                    body = Array(
                        OutgoingMailTransferEncoding.encode(body, as: .base64))
                }
                let head = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: \(encoding)\r\n\r\n"
                let message = Message(Array(head.utf8) + body)
                let part = message.root
                let direct = try #require(Message.utf8Text(part))
                let general = Message.withTextBytes(part, lineFeeds: true) { bytes, dropped in
                    (Charset.decode(bytes, charset: "utf-8").text, dropped)
                }
                #expect(direct.0 == general.0 && direct.1 == general.1, "\(encoding) \(length)")
            }
        }
    }

    @Test func crlfRemovalMatchesTheReferenceInPlaceAndCopied() {
        var gen = XorShift(state: 0x1234_5678_9ABC_DEF1)
        for length in [0, 1, 2, 7, 8, 9, 31, 32, 33, 70, 1000, 5000] {
            for _ in 0..<10 {
                let input = gen.text(length, specials: [0x0D, 0x0D, 0x0A])
                var reference = [UInt8]()
                var i = 0
                while i < input.count {
                    if input[i] == 0x0D {
                        reference.append(0x0A)
                        i += (i + 1 < input.count && input[i + 1] == 0x0A) ? 2 : 1
                    } else {
                        reference.append(input[i])
                        i += 1
                    }
                }
                let copied = input.withUnsafeBufferPointer { Bytes.crlfToLF($0) }
                var inPlace = input
                let kept = inPlace.withUnsafeMutableBufferPointer { p in
                    p.baseAddress.map { Bytes.crlfToLF(UnsafePointer($0), p.count, into: $0) } ?? 0
                }
                #expect(copied == reference)
                #expect(Array(inPlace[..<kept]) == reference)
            }
        }
    }
}

extension XorShift {
    /// Mostly ASCII text and line ends, with runs of high bytes and the special characters of each format.
    mutating func text(_ count: Int, specials: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count)
        while out.count < count {
            let r = next() % 100
            switch r {
            case 0..<60: out.append(UInt8(0x61 + next() % 26))
            case 60..<70: out.append(0x20)
            case 70..<76: out += [0x0D, 0x0A]
            case 76..<78: out.append(0x0A)
            case 78..<79: out.append(0x0D)
            case 79..<90: for _ in 0..<(1 + next() % 6) { out.append(UInt8(0x80 + next() % 128)) }
            default: out.append(specials.isEmpty ? 0x2E : specials[Int(next() % UInt64(specials.count))])
            }
        }
        return out
    }
}
