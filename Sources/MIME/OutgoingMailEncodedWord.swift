// RFC 2047 encoded words for OutgoingMail: UTF-8, B or Q (whichever is shorter for the whole text),
// at most 75 characters each, never splitting a UTF-8 sequence between two words.

enum OutgoingMailEncodedWord {
    private static let maxWord = 75
    private static let overhead = "=?UTF-8?B??=".utf8.count

    /// Encodes `text` (UTF-8) as a sequence of encoded words to be separated by folding white space.
    /// The first word is sized to fit `firstRoom` columns when that leaves space for a few characters,
    /// the others `room` columns.
    static func encode(_ text: [UInt8], phrase: Bool, firstRoom: Int, room: Int) -> [[UInt8]] {
        let qLength = text.reduce(0) { $0 + qCost($1, phrase: phrase) }
        let bLength = (text.count + 2) / 3 * 4
        let useB = bLength < qLength
        var words: [[UInt8]] = []
        var start = 0
        var available = firstRoom >= overhead + 12 ? min(firstRoom, maxWord) : min(room, maxWord)
        while start < text.count {
            let budget = available - overhead
            var end = start
            var cost = 0
            // Whole scalars only: advance by the length of each UTF-8 sequence.
            while end < text.count {
                let next = min(end + sequenceLength(text[end]), text.count)
                let newCost =
                    useB
                    ? (next - start + 2) / 3 * 4
                    : cost + text[end..<next].reduce(0) { $0 + qCost($1, phrase: phrase) }
                if newCost > budget, end > start { break }
                cost = newCost
                end = next
            }
            words.append(useB ? bWord(text[start..<end]) : qWord(text[start..<end], phrase: phrase))
            start = end
            available = min(room, maxWord)
        }
        return words
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }

    /// Characters written literally in Q: section 4.2 for `*text`, the narrower section 5(3) set in phrases.
    private static func isQLiteral(_ c: UInt8, phrase: Bool) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "/"):
            return true
        case 0x21...0x7E:
            return !phrase && c != UInt8(ascii: "=") && c != UInt8(ascii: "?") && c != UInt8(ascii: "_")
                && c != UInt8(ascii: "(") && c != UInt8(ascii: ")") && c != UInt8(ascii: "\"")
        default:
            return false
        }
    }

    private static func qCost(_ c: UInt8, phrase: Bool) -> Int {
        c == 0x20 || isQLiteral(c, phrase: phrase) ? 1 : 3
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func qWord(_ s: ArraySlice<UInt8>, phrase: Bool) -> [UInt8] {
        var out = Array("=?UTF-8?Q?".utf8)
        for c in s {
            if c == 0x20 {
                out.append(UInt8(ascii: "_"))
            } else if isQLiteral(c, phrase: phrase) {
                out.append(c)
            } else {
                out += [UInt8(ascii: "="), hex[Int(c >> 4)], hex[Int(c & 15)]]
            }
        }
        return out + Array("?=".utf8)
    }

    private static func bWord(_ s: ArraySlice<UInt8>) -> [UInt8] {
        Array("=?UTF-8?B?".utf8) + OutgoingMailBody.base64(s) + Array("?=".utf8)
    }
}
