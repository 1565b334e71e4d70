/// Parses address lists (RFC 5322 section 3.4 with the obsolete syntax of section 4.4): display names
/// as atoms, quoted strings or encoded words, comments (used as the name when there is no other),
/// groups (flattened), source routes, and the usual breakage (missing brackets, stray quotes, no domain).
enum AddressParser {
    private struct Mailbox {
        var phrase: [UInt8] = []
        var angle: [UInt8]?
        var plain: [UInt8] = []
        var comment: [UInt8] = []
        var sawSpace = false
        var trailing = false
        var isEmpty: Bool { phrase.isEmpty && angle == nil && plain.isEmpty && comment.isEmpty }

        mutating func addWord(_ w: ArraySlice<UInt8>) {
            if !phrase.isEmpty { phrase.append(asciiSpace) }
            phrase += w
        }
    }

    /// The most mailboxes kept from one header (hostile input).
    static let maxAddresses = 10_000

    static func parseList(_ raw: [UInt8]) -> [MailAddress] {
        raw.withUnsafeBufferPointer(parseList)
    }

    static func parseList(_ p: UnsafeBufferPointer<UInt8>) -> [MailAddress] {
        if let simple = parseSimpleList(p) { return simple }
        return parseFullList(Array(p))
    }

    /// Every form the RFC allows and the usual breakage (see the type's comment).
    static func parseFullList(_ raw: [UInt8]) -> [MailAddress] {
        var result = [MailAddress]()
        var box = Mailbox()
        var i = 0
        let n = raw.count
        func finish() {
            if !box.isEmpty, result.count < maxAddresses, let a = makeAddress(box) { result.append(a) }
            box = Mailbox()
        }
        while i < n {
            let c = raw[i]
            switch c {
            case asciiSpace, asciiTab, asciiCR, asciiLF:
                i += 1
                box.sawSpace = true
            case 0x2C:  // ,
                finish()
                i += 1
            case 0x3A:  // : group name ends
                box = Mailbox()
                i += 1
            case 0x3B:  // ; group ends
                finish()
                i += 1
            case 0x3C:  // <
                var j = i + 1
                var addr = [UInt8]()
                addr.reserveCapacity(64)
                var inQuote = false
                while j < n && (raw[j] != 0x3E || inQuote) {
                    if raw[j] == 0x22 { inQuote.toggle() }
                    addr.append(raw[j])
                    j += 1
                }
                if box.angle == nil {
                    if !box.plain.isEmpty {
                        // Words before '<' that we took for an addr-spec are really the phrase.
                        box.addWord(box.plain[...])
                        box.plain = []
                    }
                    box.angle = addr
                }
                i = min(j + 1, n)
            case 0x22:  // quoted-string
                var j = i + 1
                var w = [UInt8]()
                while j < n && raw[j] != 0x22 {
                    if raw[j] == 0x5C && j + 1 < n { j += 1 }
                    if raw[j] != asciiCR && raw[j] != asciiLF { w.append(raw[j]) }
                    j += 1
                }
                i = min(j + 1, n)
                if box.angle != nil {
                    if box.phrase.isEmpty || box.trailing {
                        box.addWord(w[...])
                        box.trailing = true
                    }
                    continue
                }
                // A quoted local part ("john doe"@example.org) continues an addr-spec.
                if i < n && raw[i] == 0x40 {
                    box.plain += [0x22] + w + [0x22]
                } else {
                    flushPlainToPhrase(&box)
                    box.addWord(w[...])
                }
            case 0x28:  // comment
                var depth = 1
                var j = i + 1
                var w = [UInt8]()
                while j < n && depth > 0 {
                    let d = raw[j]
                    if d == 0x5C && j + 1 < n {
                        j += 1
                        w.append(raw[j])
                    } else if d == 0x28 {
                        depth += 1
                        w.append(d)
                    } else if d == 0x29 {
                        depth -= 1
                        if depth > 0 { w.append(d) }
                    } else {
                        w.append(d)
                    }
                    j += 1
                }
                if box.comment.isEmpty { box.comment = w }
                i = j
            case 0x3E:  // stray '>'
                i += 1
            default:
                var j = i
                while j < n {
                    let d = raw[j]
                    if Bytes.isWhitespace(d) || d == 0x2C || d == 0x3A || d == 0x3B || d == 0x3C || d == 0x22
                        || d == 0x28 || d == 0x3E
                    {
                        break
                    }
                    j += 1
                }
                let word = raw[i..<j]
                if box.angle != nil {
                    // Words after <addr> name it only when nothing before did ("<a@b.c> Name").
                    if box.phrase.isEmpty || box.trailing {
                        box.addWord(word)
                        box.trailing = true
                    }
                } else if box.sawSpace && !box.plain.isEmpty && word.first != 0x40 && word.first != 0x2E
                    && box.plain.last != 0x40 && !(box.plain.last == 0x2E && box.plain.contains(0x40))
                {
                    // Two space-separated words: a phrase in progress.
                    flushPlainToPhrase(&box)
                    box.plain = Array(word)
                } else {
                    box.plain += word
                }
                box.sawSpace = false
                i = j
            }
        }
        finish()
        return result
    }

    private static func flushPlainToPhrase(_ box: inout Mailbox) {
        if !box.plain.isEmpty {
            box.addWord(box.plain[...])
            box.plain = []
        }
    }

    private static func makeAddress(_ box: Mailbox) -> MailAddress? {
        var phrase = box.phrase
        var address: [UInt8]
        if let angle = box.angle {
            address = MIMEParameters.stripComments(angle)
            if address.contains(where: Bytes.isWhitespace) { address.removeAll(where: Bytes.isWhitespace) }
            if address.first == 0x40, let colon = address.firstIndex(of: 0x3A) {
                address = Array(address[(colon + 1)...])
            }
        } else if !box.plain.isEmpty && (phrase.isEmpty || box.plain.contains(0x40)) {
            address = box.plain
        } else {
            if !box.plain.isEmpty {
                phrase += phrase.isEmpty ? box.plain : [asciiSpace] + box.plain
            }
            if phrase.isEmpty && box.comment.isEmpty { return nil }
            let name = phrase.isEmpty ? box.comment : phrase
            return MailAddress(name: EncodedWord.decodeUnstructured(name), address: "")
        }
        var name = phrase.isEmpty ? box.comment : phrase
        if name.isEmpty && box.angle == nil { name = box.comment }
        let nameString = name.isEmpty ? nil : EncodedWord.decodeUnstructured(name)
        return MailAddress(name: nameString, address: Bytes.headerString(address))
    }

    /// Message-ID style lists (RFC 5322 section 3.6.4): every `<id>`, without brackets; bare ids (no
    /// brackets at all) are accepted as whitespace- or comma-separated words.
    static func parseIDs(_ raw: [UInt8]) -> [String] {
        raw.withUnsafeBufferPointer(parseIDs)
    }

    /// The common case, `<id>` or `<id> <id> ...` with no comments, quotes or spaces inside the brackets,
    /// read without copies; anything else goes to the general reader below.
    static func parseIDs(_ p: UnsafeBufferPointer<UInt8>) -> [String] {
        var ids = [String]()
        var i = 0
        let n = p.count
        while i < n {
            let c = p[i]
            if Bytes.isWhitespace(c) {
                i += 1
                continue
            }
            guard c == 0x3C else { return parseIDs(general: Array(p)) }
            var j = i + 1
            while j < n && p[j] != 0x3E {
                let d = p[j]
                guard d != 0x3C && d != 0x28 && d != 0x22 && !Bytes.isWhitespace(d) else {
                    return parseIDs(general: Array(p))
                }
                j += 1
            }
            guard j < n, j > i + 1 else { return parseIDs(general: Array(p)) }
            ids.append(Bytes.headerString(UnsafeBufferPointer(rebasing: p[(i + 1)..<j])))
            i = j + 1
        }
        return ids
    }

    private static func parseIDs(general raw: [UInt8]) -> [String] {
        let b = MIMEParameters.stripComments(raw)
        var ids = [String]()
        var i = 0
        var sawBracket = false
        while i < b.count {
            if b[i] == 0x3C {
                sawBracket = true
                var j = i + 1
                while j < b.count && b[j] != 0x3E && b[j] != 0x3C { j += 1 }
                let id = b[(i + 1)..<j].filter { !Bytes.isWhitespace($0) }
                if !id.isEmpty { ids.append(Bytes.headerString(Array(id))) }
                i = (j < b.count && b[j] == 0x3E) ? j + 1 : j
            } else {
                i += 1
            }
        }
        if !sawBracket {
            for word in b.split(whereSeparator: { Bytes.isWhitespace($0) || $0 == 0x2C }) where !word.isEmpty {
                ids.append(Bytes.headerString(Array(word)))
            }
        }
        return ids
    }
}
