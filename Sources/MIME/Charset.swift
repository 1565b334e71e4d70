#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Charset conversion to Swift strings: fast paths for UTF-8, ASCII, Latin-1 and Windows-1252, and
/// iconv for every other charset (RFC 2046 section 4.1.2, RFC 2978 names with common aliases).
///
/// Unknown charsets never drop text: the bytes decode as UTF-8 when valid, else as Windows-1252,
/// and the result says the charset was not known so that the caller can add a note.
enum Charset {
    enum Kind: Equatable {
        case utf8, ascii, latin1, windows1252
        case iconv(String)
        case unknown
    }

    /// The spellings seen on nearly every message, looked up before any normalisation work.
    private static let common: [String: Kind] = {
        var d = [String: Kind]()
        for label in [
            "utf-8", "us-ascii", "iso-8859-1", "windows-1252", "iso-8859-15", "iso-8859-2", "koi8-r",
            "shift_jis", "iso-2022-jp", "gb2312", "big5", "euc-kr", "euc-jp", "windows-1251", "utf8", "ascii",
        ] {
            for spelling in [label, label.uppercased(), "\"\(label)\"", "\"\(label.uppercased())\""] {
                d[spelling] = slowKind(spelling)
            }
        }
        d["Windows-1252"] = .windows1252
        d["Utf-8"] = .utf8
        return d
    }()

    /// Normalises a charset label: lowercase, quotes and whitespace removed, aliases mapped.
    static func kind(_ label: String) -> Kind {
        // The labels on nearly every part, compared before any hashing (short strings compare in a step
        // or two; hashing a label for the dictionary cost more than the lookup it served).
        switch label {
        case "utf-8", "UTF-8": return .utf8
        case "us-ascii", "US-ASCII": return .ascii
        case "iso-8859-1", "ISO-8859-1": return .latin1
        case "windows-1252", "Windows-1252": return .windows1252
        default: break
        }
        if let k = common[label] { return k }
        return slowKind(label)
    }

    private static func slowKind(_ label: String) -> Kind {
        var name = label.lowercased()
        name.removeAll { $0 == "\"" || $0 == "'" || $0 == " " || $0 == "\t" }
        switch name {
        case "", "utf-8", "utf8", "x-utf-8", "unicode-1-1-utf-8", "unicode-2-0-utf-8": return .utf8
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "iso-ir-6", "cp367", "ibm367", "646":
            return .ascii
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100", "cp819", "ibm819",
            "iso_8859-1:1987", "8859-1", "iso8859_1":
            return .latin1
        case "windows-1252", "cp1252", "x-cp1252", "cp-1252", "win-1252", "ms-ansi": return .windows1252
        case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "x-euc-cn", "csgb2312", "chinese", "gb_2312-80":
            return .iconv("GB18030")
        case "gb18030": return .iconv("GB18030")
        case "big5", "big-5", "x-big5", "cn-big5", "csbig5": return .iconv("BIG5-HKSCS")
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932",
            "x-ms-cp932":
            return .iconv("CP932")
        case "euc-jp", "x-euc-jp", "eucjp", "cseucpkdfmtjapanese": return .iconv("EUC-JP")
        case "iso-2022-jp", "csiso2022jp", "iso-2022-jp-2", "iso-2022-jp-1": return .iconv("ISO-2022-JP-2")
        case "euc-kr", "ks_c_5601-1987", "ks_c_5601", "ksc5601", "cp949", "x-windows-949", "korean",
            "csksc56011987", "iso-ir-149", "ks_c_5601-1989", "csueckr":
            return .iconv("CP949")
        case "iso-2022-kr": return .iconv("ISO-2022-KR")
        case "koi8-r", "koi8r", "cskoi8r", "koi": return .iconv("KOI8-R")
        case "koi8-u", "koi8u", "koi8-ru": return .iconv("KOI8-U")
        case "utf-7", "utf7", "unicode-1-1-utf-7", "x-unicode-2-0-utf-7", "csunicode11utf7": return .iconv("UTF-7")
        case "utf-16", "utf16": return .iconv("UTF-16")
        case "utf-16le", "utf-16be", "utf-32", "utf-32le", "utf-32be", "ucs-2", "ucs-4":
            return .iconv(name.uppercased())
        case "iso-8859-8-i", "iso-8859-8-e", "logical", "visual": return .iconv("ISO-8859-8")
        case "iso-8859-6-i", "iso-8859-6-e": return .iconv("ISO-8859-6")
        case "tis-620", "tis620", "windows-874", "cp874", "iso-8859-11": return .iconv("CP874")
        case "x-mac-roman", "macintosh", "mac", "macroman", "x-mac": return .iconv("MACINTOSH")
        case "x-user-defined", "unknown-8bit", "x-unknown", "unknown", "default", "charset", "x-unknown-8bit":
            return .unknown
        default:
            break
        }
        if name.hasPrefix("iso") {
            // iso8859-2, iso_8859-15, iso-8859-15:1998 ... -> ISO-8859-N
            let digits = name.drop { !$0.isNumber }
            if digits.hasPrefix("8859") {
                let rest = digits.dropFirst(4).drop { $0 == "-" || $0 == "_" }
                let n = rest.prefix { $0.isNumber }
                if n == "1" { return .latin1 }
                if !n.isEmpty { return .iconv("ISO-8859-\(n)") }
            }
        }
        if name.hasPrefix("windows-") || name.hasPrefix("cp") || name.hasPrefix("x-cp") || name.hasPrefix("win") {
            let n = name.drop { !$0.isNumber }
            if n == "1252" { return .windows1252 }
            if n.count >= 3, n.allSatisfy(\.isNumber) { return .iconv("CP\(n)") }
        }
        return .iconv(name.uppercased())
    }

    /// Whether text in this charset is converted properly (false: it would be decoded leniently).
    static func isKnown(_ label: String) -> Bool {
        isKnown(kind(label))
    }

    static func isKnown(_ kind: Kind) -> Bool {
        switch kind {
        case .unknown: return false
        case .iconv(let name): return Iconv.canConvert(from: name)
        default: return true
        }
    }

    /// Decodes bytes in the named charset. `known` is false when the charset was not recognised and
    /// the text was decoded leniently instead.
    static func decode(_ bytes: [UInt8], charset: String?) -> (text: String, known: Bool) {
        bytes.withUnsafeBufferPointer { decode($0, charset: charset) }
    }

    static func decode(_ p: UnsafeBufferPointer<UInt8>, charset: String?) -> (text: String, known: Bool) {
        decode(p, kind: charset.map(kind) ?? .ascii)
    }

    /// The same, with the charset already looked up (a body part looks it up once).
    static func decode(_ p: UnsafeBufferPointer<UInt8>, kind: Kind) -> (text: String, known: Bool) {
        switch kind {
        case .utf8:
            return (UTF8Text.string(p), true)
        case .ascii:
            // Mislabelled 8-bit text is common: prefer valid UTF-8, else Windows-1252.
            return (Bytes.headerString(p), true)
        case .latin1, .windows1252:
            return (decodeWindows1252(p), true)
        case .iconv(let name):
            if Bytes.isASCII(p) && !name.hasPrefix("UTF-16") && !name.hasPrefix("UTF-32") && name != "UTF-7"
                && !name.hasPrefix("ISO-2022") && !name.hasPrefix("UCS")
            {
                return (UTF8Text.string(valid: p, isASCII: true), true)
            }
            if let table = SingleByteCharset.table(name) { return (table.decode(p), true) }
            if let s = Iconv.convert(p, from: name) { return (s, true) }
            return (lenient(p), false)
        case .unknown:
            return (lenient(p), false)
        }
    }

    /// True for charsets where bytes below 0x80 mean ASCII (so CR and LF bytes are line ends).
    static func isASCIICompatible(_ charset: String?) -> Bool {
        guard let charset else { return true }
        switch kind(charset) {
        case .utf8, .ascii, .latin1, .windows1252, .unknown: return true
        case .iconv(let name):
            return
                !(name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") || name.hasPrefix("UCS") || name == "UTF-7"
                || name.hasPrefix("ISO-2022"))
        }
    }

    /// True when CR and LF are single bytes 0x0D 0x0A in this charset (all but UTF-16/32 and UCS-2/4), so
    /// line ends can be normalised on the bytes before decoding.
    static func hasByteLineEnds(_ charset: String?) -> Bool {
        hasByteLineEnds(charset.map(kind) ?? .ascii)
    }

    static func hasByteLineEnds(_ kind: Kind) -> Bool {
        guard case .iconv(let name) = kind else { return true }
        return !(name.hasPrefix("UTF-16") || name.hasPrefix("UTF-32") || name.hasPrefix("UCS"))
    }

    /// UTF-8 when valid, else Windows-1252: the fallback for unknown charsets.
    static func lenient(_ p: UnsafeBufferPointer<UInt8>) -> String {
        UTF8Text.validString(p) ?? decodeWindows1252(p)
    }

    /// Windows-1252 differs from Latin-1 only in 0x80-0x9F; decoding ISO-8859-1 labels as
    /// Windows-1252 is what every mail client does (WHATWG Encoding). The five bytes it leaves
    /// undefined map to the C1 controls, as in WHATWG's table.
    static func decodeWindows1252(_ p: UnsafeBufferPointer<UInt8>) -> String {
        SingleByteCharset.windows1252.decode(p)
    }
}
