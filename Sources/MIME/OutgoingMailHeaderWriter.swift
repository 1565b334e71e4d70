import Foundation

// Header fields for OutgoingMail: cleaning, RFC 2047 encoded words, address lists and folding.

struct OutgoingMailHeaderWriter {
    private(set) var bytes: [UInt8] = []

    /// A piece of a field body between folding points.
    private enum Piece {
        case word([UInt8])
        /// UTF-8 text written as encoded words; `phrase` selects RFC 2047 section 5(3)'s smaller Q alphabet.
        case encoded([UInt8], phrase: Bool)
    }

    /// RFC 5322 section 2.1.1: lines SHOULD be at most 78 characters.
    static let lineLimit = 78
    /// Longer words are encoded (encoded words can be split) so that no line approaches 998.
    private static let longWord = 70

    // MARK: fields

    /// A field whose value is already ASCII syntax (dates, ids, MIME parameters): folded at spaces only.
    mutating func raw(_ name: String, _ value: String) {
        let words = Self.words(Array(Self.clean(value).utf8))
        write(name, words.map { ($0.spaces, Piece.word($0.word)) })
    }

    /// Free text (RFC 5322 `unstructured`): the run of words that needs it is RFC 2047-encoded.
    /// `encodeLongWords`: also encode ASCII words too long to fold (right for Subject; wrong for fields such
    /// as List-Unsubscribe whose long `<URL>` must stay literal, which then only get encoded past 900).
    mutating func unstructured(_ name: String, _ value: String, encodeLongWords: Bool = true) {
        let bytes = Array(Self.clean(value).utf8)
        let words = Self.words(bytes)
        let limit = encodeLongWords ? Self.longWord : 900
        guard let first = words.firstIndex(where: { Self.needsEncoding($0.word, limit: limit) }),
            let last = words.lastIndex(where: { Self.needsEncoding($0.word, limit: limit) })
        else {
            write(name, words.map { ($0.spaces, Piece.word($0.word)) })
            return
        }
        var pieces = words[..<first].map { ($0.spaces, Piece.word($0.word)) }
        let spanStart = words[first].start
        let spanEnd = words[last].start + words[last].word.count
        pieces.append((words[first].spaces, .encoded(Array(bytes[spanStart..<spanEnd]), phrase: false)))
        pieces += words[(last + 1)...].map { ($0.spaces, Piece.word($0.word)) }
        write(name, pieces)
    }

    /// An address list (RFC 5322 section 3.4): `name <addr>` or `addr`, names as atoms, a quoted string
    /// or encoded words.
    mutating func addresses(_ name: String, _ list: [MailAddress]) {
        var pieces: [(Int, Piece)] = []
        for (index, address) in list.enumerated() {
            var angle = Array("<\(Self.cleanAddress(address.address))>".utf8)
            if index < list.count - 1 { angle.append(UInt8(ascii: ",")) }
            let display = Array(Self.clean(address.name ?? "").utf8)
            if display.isEmpty {
                pieces.append((1, .word(Array(angle.dropFirst().filter { $0 != UInt8(ascii: ">") }))))
                continue
            }
            let words = Self.words(display)
            if words.contains(where: { Self.needsEncoding($0.word, limit: Self.longWord) }) {
                pieces.append((1, .encoded(display, phrase: true)))
            } else if words.allSatisfy({ $0.word.allSatisfy(Self.isAtext) }) {
                pieces += words.map { ($0.spaces, Piece.word($0.word)) }
            } else {
                // A quoted-string may be folded at its spaces (RFC 5322 section 3.2.4: FWS inside).
                var quoted: [UInt8] = [UInt8(ascii: "\"")]
                for c in display {
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") { quoted.append(UInt8(ascii: "\\")) }
                    quoted.append(c)
                }
                quoted.append(UInt8(ascii: "\""))
                pieces += Self.words(quoted).map { ($0.spaces, Piece.word($0.word)) }
            }
            pieces.append((1, .word(angle)))
        }
        write(name, pieces)
    }

    // MARK: value cleaning

    /// Removes CR and LF (as unfolding does: "a\r\n b" stays "a b"), turns tabs into spaces, drops other
    /// C0/C1 controls, DEL and the Unicode line/paragraph separators, and trims the ends.
    static func clean(_ s: String) -> String {
        // Most values (addresses, ids, dates, plain subjects) need nothing: return them as they are.
        let utf8 = s.utf8
        if utf8.first != 0x20, utf8.last != 0x20, utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
        var scalars = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x09: scalars.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: continue
            default: scalars.append(u)
            }
        }
        // Trimmed here rather than with `trimmingCharacters(in:)`, which goes through NSString on Linux.
        guard let first = scalars.firstIndex(where: { $0 != " " }),
            let last = scalars.lastIndex(where: { $0 != " " })
        else { return "" }
        return String(scalars[first...last])
    }

    /// An addr-spec with everything that could end it or the header removed.
    static func cleanAddress(_ s: String) -> String {
        let forbidden: Set<Unicode.Scalar> = ["<", ">", "(", ")", ",", ";", ":", "\"", "\\", " "]
        return String(String.UnicodeScalarView(clean(s).unicodeScalars.filter { !forbidden.contains($0) }))
    }

    /// `<id>` for a Message-ID written with or without brackets; nil when nothing usable remains.
    static func messageID(_ id: String) -> String? {
        let kept = id.utf8.filter { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
        guard !kept.isEmpty else { return nil }
        return "<" + String(decoding: kept.prefix(900), as: UTF8.self) + ">"
    }

    private static let reserved: Set<String> = [
        "date", "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "message-id", "in-reply-to",
        "references", "mime-version", "content-type", "content-transfer-encoding", "content-disposition",
    ]

    /// A valid field name (RFC 5322 `ftext`: printable ASCII except ":"), or nil for names that are
    /// empty or that `OutgoingMail` writes itself (a second Content-Type would change the structure).
    static func fieldName(_ name: String) -> String? {
        let kept = name.utf8.filter { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
        let result = String(decoding: kept.prefix(70), as: UTF8.self)
        guard !result.isEmpty, !reserved.contains(result.lowercased()) else { return nil }
        return result
    }

    // MARK: words

    private struct Word {
        var spaces: Int
        var start: Int
        var word: [UInt8]
    }

    /// Splits at runs of spaces, remembering each run's length so that unfolding restores the value.
    private static func words(_ b: [UInt8]) -> [Word] {
        var result: [Word] = []
        var i = 0
        while i < b.count {
            var spaces = 0
            while i < b.count, b[i] == 0x20 {
                spaces += 1
                i += 1
            }
            let start = i
            while i < b.count, b[i] != 0x20 { i += 1 }
            if i > start { result.append(Word(spaces: max(spaces, 1), start: start, word: Array(b[start..<i]))) }
        }
        return result
    }

    private static func needsEncoding(_ w: [UInt8], limit: Int) -> Bool {
        if w.count > limit { return true }
        var previous: UInt8 = 0
        for c in w {
            if c >= 0x80 || (previous == UInt8(ascii: "=") && c == UInt8(ascii: "?")) { return true }
            previous = c
        }
        return false
    }

    /// RFC 5322 `atext`.
    private static func isAtext(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default: return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(c)
        }
    }

    // MARK: folding

    private mutating func write(_ name: String, _ pieces: [(Int, Piece)]) {
        bytes.append(contentsOf: Array(name.utf8))
        bytes.append(UInt8(ascii: ":"))
        var column = name.utf8.count + 1
        var lineHasValue = false
        for (index, (spaces, piece)) in pieces.enumerated() {
            let gap = index == 0 ? 1 : spaces
            switch piece {
            case .word(let w):
                if lineHasValue, column + gap + w.count > Self.lineLimit {
                    bytes.append(contentsOf: [0x0D, 0x0A])
                    column = 0
                }
                bytes.append(contentsOf: [UInt8](repeating: 0x20, count: gap))
                bytes.append(contentsOf: w)
                column += gap + w.count
                lineHasValue = true
            case .encoded(let text, let phrase):
                for (n, word) in OutgoingMailEncodedWord.encode(
                    text, phrase: phrase, firstRoom: Self.lineLimit - column - gap,
                    room: Self.lineLimit - 1
                ).enumerated() {
                    let g = n == 0 ? gap : 1
                    // Fold before a word that does not fit; right after "Name:" only when even a short word cannot.
                    if column + g + word.count > Self.lineLimit, lineHasValue || n == 0 {
                        bytes.append(contentsOf: [0x0D, 0x0A])
                        column = 0
                    }
                    bytes.append(contentsOf: [UInt8](repeating: 0x20, count: g))
                    bytes.append(contentsOf: word)
                    column += g + word.count
                    lineHasValue = true
                }
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }
}
