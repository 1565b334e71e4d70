/// A read cursor over IMAP response bytes (RFC 3501 §9 formal syntax).
///
/// Every rule is a `mutating` method that either consumes what it matched and returns it, or returns nil
/// and leaves the cursor where it was, so callers can backtrack by simply trying the next rule.
/// Parsing stays on bytes; only names and atoms become `String`, at the edge.
struct ResponseCursor {
    let bytes: [UInt8]
    var index: Int

    /// Nested parentheses deeper than this are treated as malformed (hostile input).
    static let maximumDepth = 32
    /// A literal larger than this is treated as malformed: no name or capability is that long.
    static let maximumLiteral = 1 << 20

    init(_ bytes: [UInt8], index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// True at CR, LF or the end: the end of one response line.
    var isAtLineEnd: Bool {
        guard let byte = peek else { return true }
        return byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// Matches an ASCII keyword case-insensitively (IMAP keywords are case-insensitive, RFC 3501 §9 note 3).
    mutating func consumeKeyword(_ keyword: String) -> Bool {
        var probe = index
        for expected in keyword.utf8 {
            guard probe < bytes.count, Self.upper(bytes[probe]) == Self.upper(expected) else { return false }
            probe += 1
        }
        index = probe
        return true
    }

    /// Like `consumeKeyword`, but only when the keyword ends there (followed by a space, `(`, `)`, `[`, `]` or line end).
    mutating func consumeWord(_ keyword: String) -> Bool {
        let saved = index
        guard consumeKeyword(keyword) else { return false }
        if let next = peek, !Self.isDelimiter(next) {
            index = saved
            return false
        }
        return true
    }

    /// Skips one or more spaces; lenient about servers that send two.
    @discardableResult
    mutating func skipSpaces() -> Bool {
        let start = index
        while peek == UInt8(ascii: " ") { index += 1 }
        return index > start
    }

    /// Moves past the end of the current line (CRLF or a bare LF).
    mutating func skipLine() {
        while let byte = peek, byte != UInt8(ascii: "\n") { index += 1 }
        if peek == UInt8(ascii: "\n") { index += 1 }
    }

    // number = 1*DIGIT ; unsigned 32-bit integer
    mutating func number() -> UInt32? {
        var value: UInt64 = 0
        var probe = index
        while probe < bytes.count, let digit = Self.digit(bytes[probe]) {
            value = value * 10 + UInt64(digit)
            guard value <= UInt64(UInt32.max) else { return nil }
            probe += 1
        }
        guard probe > index else { return nil }
        index = probe
        return UInt32(value)
    }

    // number64 = 1*DIGIT (RFC 9051), used for MODSEQ and counts that may exceed 32 bits
    mutating func number64() -> UInt64? {
        var value: UInt64 = 0
        var probe = index
        while probe < bytes.count, let digit = Self.digit(bytes[probe]) {
            let (product, overflowed) = value.multipliedReportingOverflow(by: 10)
            guard !overflowed, product <= UInt64.max - UInt64(digit) else { return nil }
            value = product + UInt64(digit)
            probe += 1
        }
        guard probe > index else { return nil }
        index = probe
        return value
    }

    // atom = 1*ATOM-CHAR ; here also accepting `\` (flags) and `]`-free resp-specials handled by callers
    mutating func atom() -> [UInt8]? {
        let start = index
        while let byte = peek, Self.isAtomChar(byte) { index += 1 }
        return index > start ? Array(bytes[start..<index]) : nil
    }

    // quoted = DQUOTE *QUOTED-CHAR DQUOTE ; QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials
    mutating func quoted() -> [UInt8]? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        var probe = index + 1
        var result: [UInt8] = []
        while probe < bytes.count {
            let byte = bytes[probe]
            switch byte {
            case UInt8(ascii: "\""):
                index = probe + 1
                return result
            case UInt8(ascii: "\\"):
                guard probe + 1 < bytes.count else { return nil }
                result.append(bytes[probe + 1])
                probe += 2
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                return nil
            default:
                result.append(byte)
                probe += 1
            }
        }
        return nil
    }

    // literal = "{" number "}" CRLF *CHAR8 ; the number is the count of bytes that follow
    mutating func literal() -> [UInt8]? {
        let saved = index
        guard consume(UInt8(ascii: "{")), let count = number(), count <= Self.maximumLiteral else {
            index = saved
            return nil
        }
        _ = consume(UInt8(ascii: "+"))  // LITERAL+ form, should a server echo it
        guard consume(UInt8(ascii: "}")) else {
            index = saved
            return nil
        }
        _ = consume(UInt8(ascii: "\r"))
        guard consume(UInt8(ascii: "\n")), index + Int(count) <= bytes.count else {
            index = saved
            return nil
        }
        let value = Array(bytes[index..<index + Int(count)])
        index += Int(count)
        return value
    }

    // string = quoted / literal
    mutating func string() -> [UInt8]? {
        quoted() ?? literal()
    }

    // astring = 1*ASTRING-CHAR / string ; ASTRING-CHAR = ATOM-CHAR / resp-specials ("]")
    mutating func astring() -> [UInt8]? {
        if let value = string() { return value }
        let start = index
        while let byte = peek, Self.isAtomChar(byte) || byte == UInt8(ascii: "]") { index += 1 }
        return index > start ? Array(bytes[start..<index]) : nil
    }

    // nstring = string / nil
    mutating func nstring() -> [UInt8]?? {
        if consumeWord("NIL") { return .some(nil) }
        if let value = string() { return .some(value) }
        return nil
    }

    /// Skips one balanced parenthesized list, or one atom/string, with a depth limit against hostile nesting.
    mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < Self.maximumDepth else { return false }
        if consume(UInt8(ascii: "(")) {
            while true {
                skipSpaces()
                if consume(UInt8(ascii: ")")) { return true }
                if isAtLineEnd { return false }
                guard skipValue(depth: depth + 1) else { return false }
            }
        }
        return astring() != nil
    }

    static func upper(_ byte: UInt8) -> UInt8 {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) ? byte - 32 : byte
    }

    static func digit(_ byte: UInt8) -> UInt8? {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) ? byte - UInt8(ascii: "0") : nil
    }

    // ATOM-CHAR = <any CHAR except atom-specials> ; atom-specials = "(" / ")" / "{" / SP / CTL / "%" / "*" / DQUOTE / "\" / "]"
    // `\` and `%`/`*` are accepted here because flags (`\Seen`) and LIST wildcards reuse this rule.
    static func isAtomChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "\""),
            UInt8(ascii: "]"):
            return false
        default:
            return true  // 8-bit bytes: some servers send raw UTF-8 names (RFC 6855)
        }
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            return true
        default:
            return false
        }
    }

    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension ResponseCursor {
    /// Calls `body` once per untagged response (`"*" SP ...`, RFC 3501 §7) in `bytes`, with the cursor placed
    /// after `"* "`. Lines that are not untagged (tagged status, continuation, garbage) are skipped. A literal
    /// the body consumed is not scanned again as lines, so a name containing `* ` cannot fake a response.
    static func forEachUntagged(in bytes: [UInt8], _ body: (inout ResponseCursor) -> Void) {
        var cursor = ResponseCursor(bytes)
        while !cursor.isAtEnd {
            let lineStart = cursor.index
            if cursor.consume(UInt8(ascii: "*")) && cursor.consume(UInt8(ascii: " ")) {
                var inner = cursor
                body(&inner)
                cursor.index = Swift.max(cursor.index, inner.index)
            } else {
                cursor.index = lineStart
            }
            cursor.skipLine()
        }
    }

    /// Calls `body` once per line (CRLF or LF), with the cursor at the line's first byte.
    static func forEachLine(in bytes: [UInt8], _ body: (inout ResponseCursor) -> Void) {
        var cursor = ResponseCursor(bytes)
        while !cursor.isAtEnd {
            var inner = cursor
            body(&inner)
            cursor.skipLine()
        }
    }
}
