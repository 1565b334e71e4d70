import Testing

@testable import MIME

/// Charset conversion: fast paths, iconv for the rest, aliases, and the lenient fallback for unknown names.
struct CharsetTests {
    @Test(
        arguments: [
            ("utf-8", [0x63, 0x61, 0x66, 0xC3, 0xA9], "café"),
            ("UTF8", [0x63, 0x61, 0x66, 0xC3, 0xA9], "café"),
            ("us-ascii", [0x61, 0x62, 0x63], "abc"),
            ("us-ascii", [0x63, 0x61, 0x66, 0xC3, 0xA9], "café"),  // mislabelled UTF-8
            ("us-ascii", [0x63, 0x61, 0x66, 0xE9], "café"),  // mislabelled Latin-1
            ("iso-8859-1", [0x63, 0x61, 0x66, 0xE9], "café"),
            ("latin1", [0x63, 0x61, 0x66, 0xE9], "café"),
            ("\"ISO_8859-1\"", [0x63, 0x61, 0x66, 0xE9], "café"),
            ("windows-1252", [0x93, 0x71, 0x75, 0x6F, 0x74, 0x65, 0x64, 0x94, 0x20, 0x96, 0x20, 0x80], "“quoted” – €"),
            (
                "utf-16",
                [0xFF, 0xFE, 0x47, 0x00, 0x72, 0x00, 0xFC, 0x00, 0xDF, 0x00, 0x65, 0x00, 0x20, 0x00, 0xAC, 0x20],
                "Grüße €"
            ),
            ("utf-16le", [0x47, 0x00, 0x72, 0x00, 0xFC, 0x00, 0xDF, 0x00, 0x65, 0x00], "Grüße"),
            ("utf-16be", [0x00, 0x47, 0x00, 0x72, 0x00, 0xFC, 0x00, 0xDF, 0x00, 0x65], "Grüße"),
            (
                "utf-32",
                [
                    0xFF, 0xFE, 0x00, 0x00, 0x47, 0x00, 0x00, 0x00, 0x72, 0x00, 0x00, 0x00, 0xFC, 0x00, 0x00, 0x00,
                    0xDF, 0x00, 0x00, 0x00, 0x65, 0x00, 0x00, 0x00,
                ], "Grüße"
            ),
            (
                "utf-7", [0x48, 0x69, 0x20, 0x4D, 0x6F, 0x6D, 0x20, 0x2D, 0x2B, 0x4A, 0x6A, 0x6F, 0x2D, 0x2D, 0x21],
                "Hi Mom -☺-!"
            ),
            ("iso-8859-2", [0x5A, 0x61, 0xBF, 0xF3, 0xB3, 0xE6], "Zażółć"),
            ("iso8859-15", [0xA4, 0x20, 0xBD], "€ œ"),
            ("windows-1251", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "Привет"),
            ("cp1251", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], "Привет"),
            ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
            ("koi8-u", [0xF0, 0xD2, 0xC9, 0xD7, 0xA6, 0xD4], "Привіт"),
            ("gb2312", [0xC4, 0xE3, 0xBA, 0xC3], "你好"),
            ("gbk", [0xC4, 0xE3, 0xBA, 0xC3], "你好"),
            ("gb18030", [0xC4, 0xE3, 0xBA, 0xC3, 0xA2, 0xE3], "你好€"),
            ("big5", [0xA7, 0x41, 0xA6, 0x6E], "你好"),
            ("shift_jis", [0x82, 0xB1, 0x82, 0xF1, 0x82, 0xC9, 0x82, 0xBF, 0x82, 0xCD], "こんにちは"),
            ("x-sjis", [0x82, 0xB1, 0x82, 0xF1, 0x82, 0xC9, 0x82, 0xBF, 0x82, 0xCD], "こんにちは"),
            ("euc-jp", [0xA4, 0xB3, 0xA4, 0xF3, 0xA4, 0xCB, 0xA4, 0xC1, 0xA4, 0xCF], "こんにちは"),
            (
                "iso-2022-jp",
                [0x1B, 0x24, 0x42, 0x24, 0x33, 0x24, 0x73, 0x24, 0x4B, 0x24, 0x41, 0x24, 0x4F, 0x1B, 0x28, 0x42],
                "こんにちは"
            ),
            ("euc-kr", [0xBE, 0xC8, 0xB3, 0xE7, 0xC7, 0xCF, 0xBC, 0xBC, 0xBF, 0xE4], "안녕하세요"),
            ("ks_c_5601-1987", [0xBE, 0xC8, 0xB3, 0xE7, 0xC7, 0xCF, 0xBC, 0xBC, 0xBF, 0xE4], "안녕하세요"),
        ] as [(String, [UInt8], String)])
    func decodes(_ charset: String, _ bytes: [UInt8], _ expected: String) {
        let (text, known) = Charset.decode(bytes, charset: charset)
        #expect(text == expected)
        #expect(known)
    }

    @Test(
        arguments: [
            ("x-made-up", [0x63, 0x61, 0x66, 0xC3, 0xA9], "café"),
            ("x-made-up", [0x63, 0x61, 0x66, 0xE9], "café"),
            ("unknown-8bit", [0x63, 0x61, 0x66, 0xE9], "café"),
        ] as [(String, [UInt8], String)])
    func unknownCharsetIsLenientAndFlagged(_ charset: String, _ bytes: [UInt8], _ expected: String) {
        let (text, known) = Charset.decode(bytes, charset: charset)
        #expect(text == expected)
        #expect(!known)
    }

    @Test func invalidBytesBecomeReplacementCharacters() {
        #expect(Charset.decode([0x61, 0xFF, 0x62], charset: "utf-8").text == "a\u{FFFD}b")
        #expect(Charset.decode([0x82, 0xB1, 0x82], charset: "shift_jis").text.hasPrefix("こ"))
    }

    @Test func unknownCharsetInAnyTextPartAddsNote() {
        let msg =
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
            + "--b\r\nContent-Type: text/plain; charset=x-nonsense; name=a.txt\r\n\r\nfile\r\n--b--\r\n"
        let m = Message(Array(msg.utf8))
        #expect(m.notes.contains { $0.contains("x-nonsense") })
        #expect(Charset.isKnown("koi8-r"))
        #expect(!Charset.isKnown("x-nonsense"))
    }

    @Test func unknownCharsetOnAPlainASCIIBodyStillAddsNote() {
        let m = Message(Array("Content-Type: text/plain; charset=x-foo\r\n\r\nplain".utf8))
        #expect(m.textBody == "plain")
        #expect(m.notes.contains { $0.contains("x-foo") })
    }

    @Test func unknownCharsetInBodyAddsNote() {
        let m = Message(Array("Content-Type: text/plain; charset=x-foo\r\n\r\ncaf\u{e9}".utf8))
        #expect(m.textBody == "café")
        #expect(m.notes.contains { $0.contains("x-foo") })
    }
}

/// UTF8Text's validator and Strings agree with the standard library's, byte for byte.
struct UTF8TextTests {
    static let sixteenASCII: [UInt8] = Array("0123456789abcdef".utf8)

    @Test(
        arguments: [
            [], [0x61], [0xC3, 0xA9], [0xC3], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBB, 0xBF, 0x41], [0xFF],
            [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0xC3, 0xA9], [0xE2, 0x82], [0x80],
            // After a whole 16-byte ASCII block, and straddling the next one.
            sixteenASCII + [0xC3, 0xA9], sixteenASCII + [0xC3],
            sixteenASCII + Array(sixteenASCII.prefix(15)) + [0xE2, 0x82, 0xAC],
            sixteenASCII + Array(sixteenASCII.prefix(15)) + [0xE2, 0x82],
            sixteenASCII + sixteenASCII + [0xF5, 0x80, 0x80, 0x80],
            Array("Grüße aus Köln, Київ, 日本語 and 🌻 ".utf8) + sixteenASCII,
        ] as [[UInt8]])
    func matchesStandardLibrary(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { p in
            let valid = String(validating: p, as: UTF8.self) != nil
            let validity = UTF8Text.validity(p)
            #expect((validity != .invalid) == valid)
            #expect((validity == .ascii) == bytes.allSatisfy { $0 < 0x80 })
            #expect(Array(UTF8Text.string(p).utf8) == Array(String(decoding: p, as: UTF8.self).utf8))
            #expect(UTF8Text.validString(p) == String(validating: p, as: UTF8.self))
        }
    }

    /// Mostly-ASCII text with a few multi-byte characters, then single bytes overwritten with every
    /// kind of lead, trail and invalid byte at every offset: the same verdict and text each time.
    @Test func agreesOnMutatedText() {
        let text = Array("A line of text, then café and Київ; 日本語 and 🌻 at the end of the line.\r\n".utf8)
        let replacements: [UInt8] = [
            0x00, 0x41, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
        ]
        for offset in text.indices {
            for r in replacements {
                var bytes = text
                bytes[offset] = r
                bytes.withUnsafeBufferPointer { p in
                    #expect((UTF8Text.validity(p) != .invalid) == (String(validating: p, as: UTF8.self) != nil))
                    #expect(Array(UTF8Text.string(p).utf8) == Array(String(decoding: p, as: UTF8.self).utf8))
                }
            }
        }
    }
}
