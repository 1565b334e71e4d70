/// The shapes nearly every address header has, read straight from the bytes:
///
///     ann@example.org
///     Ann Ivanova <ann@example.org>
///     "Ann O'Brien" <ann@example.org>
///     <ann@example.org>
///
/// separated by commas, names possibly RFC 2047 encoded or raw UTF-8. Anything else (comments, groups,
/// escapes, source routes, odd spacing) makes it give up, and the full parser reads the header; for what it accepts it
/// gives exactly what the full parser gives (`AddressParserTests` checks both on the same inputs). The
/// full parser builds several small arrays per mailbox; this builds only the two strings.
extension AddressParser {
    static func parseSimpleList(_ raw: [UInt8]) -> [MailAddress]? {
        raw.withUnsafeBufferPointer { parseSimpleList($0) }
    }

    static func parseSimpleList(_ p: UnsafeBufferPointer<UInt8>) -> [MailAddress]? {
        var result = [MailAddress]()
        result.reserveCapacity(4)  // most headers hold one to four: one allocation, no regrowing
        var i = 0
        let n = p.count
        func skipSpace() { while i < n && p[i] == asciiSpace { i += 1 } }
        while true {
            skipSpace()
            if i == n { return result }
            if p[i] == 0x2C {
                i += 1
                continue
            }
            guard result.count < maxAddresses else { return nil }
            var name: Range<Int>?
            if p[i] == 0x22 {
                // "Quoted Name": no backslash escapes, no control characters.
                let start = i + 1
                var j = start
                while j < n && p[j] != 0x22 {
                    guard p[j] >= 0x20, p[j] != 0x7F, p[j] != 0x5C else { return nil }
                    j += 1
                }
                guard j < n, j > start else { return nil }
                name = start..<j
                i = j + 1
                skipSpace()
                guard i < n, p[i] == 0x3C else { return nil }
            } else if p[i] != 0x3C {
                // Words: one bare addr-spec, or a phrase of atoms (single spaces) before '<'.
                let start = i
                var words = 0
                var sawAt = false
                var sawHigh = false
                var end = i
                while i < n && p[i] != 0x3C && p[i] != 0x2C {
                    guard isPhraseText(p[i]), p[i] != 0x2E else { return nil }  // no word starts with '.'
                    while i < n && isPhraseText(p[i]) {
                        if p[i] == 0x40 { sawAt = true }
                        if p[i] >= 0x80 { sawHigh = true }
                        i += 1
                    }
                    words += 1
                    end = i
                    if i < n && p[i] == asciiSpace {
                        i += 1
                        guard i < n, p[i] != asciiSpace else { return nil }
                    }
                }
                if i == n || p[i] == 0x2C {
                    // A bare addr-spec: one word with an '@' not at its start.
                    guard words == 1, sawAt, !sawHigh, p[start] != 0x40 else { return nil }
                    result.append(MailAddress(name: nil, lowercasedAddress: Bytes.lowercasedString(p, start..<end)))
                    continue
                }
                // A phrase before '<': no '@' (it would change how the words are grouped).
                guard !sawAt else { return nil }
                name = start..<end
            }
            // <addr-spec>
            i += 1
            let start = i
            while i < n && p[i] != 0x3E {
                guard isAddressText(p[i]) else { return nil }
                i += 1
            }
            guard i < n, i > start, p[start] != 0x40 else { return nil }
            let address = start..<i
            i += 1
            skipSpace()
            guard i == n || p[i] == 0x2C else { return nil }
            // The name decoded exactly as the full parser decodes its phrase (encoded words, UTF-8).
            let decoded = name.map { EncodedWord.decode(p, $0) }
            result.append(MailAddress(name: decoded, lowercasedAddress: Bytes.lowercasedString(p, address)))
        }
    }

    /// RFC 5322 atext, '.' and '@': what an unquoted addr-spec or atom phrase is made of here. One bit
    /// per ASCII byte (atext is `0-9 A-Z a-z ! # $ % & ' * + - / = ? ^ _ ` { | } ~`).
    @inline(__always) private static func isAddressText(_ c: UInt8) -> Bool {
        c < 0x80 && (c < 0x40 ? addressTextLow >> c : addressTextHigh >> (c - 0x40)) & 1 == 1
    }
    private static let addressTextLow: UInt64 = 0xA3FF_ECFA_0000_0000
    private static let addressTextHigh: UInt64 = 0x7FFF_FFFF_C7FF_FFFF

    /// Display-name words may also hold UTF-8 (RFC 6532) or Windows-1252 bytes.
    private static func isPhraseText(_ c: UInt8) -> Bool { c >= 0x80 || isAddressText(c) }
}
