/// Splits a Received value into classified words for `ReceivedHeader`.
enum ReceivedTokenizer {
    enum Kind: Hashable {
        case bracketOpen, bracketClose, angleOpen, angleClose, parenOpen, parenClose, semicolon, colon, equal
        case slash, quote, comma
        case ip(String)
        case integer
        case email
        case domain
        case keyword(String)
        case proto(String)
        case greeting(String)
        case tls(String)
        case cipher
        case text

        var isSeparator: Bool {
            switch self {
            case .bracketOpen, .bracketClose, .angleOpen, .angleClose, .parenOpen, .parenClose, .semicolon, .colon,
                .equal, .slash, .quote, .comma:
                return true
            default: return false
            }
        }
    }

    struct Token {
        var kind: Kind
        var text: String
        var commentDepth: Int
        var bracketDepth: Int
    }

    /// Index of the first ';' outside comments and quotes, where the date starts.
    static func topLevelSemicolon(_ b: [UInt8]) -> Int? {
        var depth = 0
        var quoted = false
        for (i, c) in b.enumerated() {
            if c == 0x22 { quoted.toggle() }
            if quoted { continue }
            if c == 0x28 { depth += 1 }
            if c == 0x29 && depth > 0 { depth -= 1 }
            if c == 0x3B && depth == 0 { return i }
        }
        return nil
    }

    static func tokens(_ b: [UInt8]) -> [Token] {
        var out = [Token]()
        var comment = 0
        var bracket = 0
        var quoted = false
        var inDate = false
        var start = -1
        func flush(_ end: Int) {
            if start >= 0 && end > start {
                let word = Array(b[start..<end])
                out.append(
                    Token(
                        kind: classify(word), text: String(decoding: word, as: UTF8.self), commentDepth: comment,
                        bracketDepth: bracket))
            }
            start = -1
        }
        func separator(_ k: Kind, at i: Int) {
            flush(i)
            out.append(Token(kind: k, text: "", commentDepth: comment, bracketDepth: bracket))
        }
        for (i, c) in b.enumerated() {
            switch c {
            case 0x20, 0x09, 0x0D, 0x0A: flush(i)
            case 0x28:
                separator(.parenOpen, at: i)
                if !quoted { comment += 1 }
            case 0x29:
                separator(.parenClose, at: i)
                if !quoted { comment = max(0, comment - 1) }
            case 0x3C: separator(.angleOpen, at: i)
            case 0x3E: separator(.angleClose, at: i)
            case 0x5B:
                separator(.bracketOpen, at: i)
                if !quoted { bracket = comment + 1 }
            case 0x5D:
                separator(.bracketClose, at: i)
                if !quoted { bracket = max(0, comment - 1) }
            case 0x3D: separator(.equal, at: i)
            case 0x3B:
                if comment == 0 { inDate = true }
                separator(.semicolon, at: i)
            case 0x2F: separator(.slash, at: i)
            case 0x22:
                quoted.toggle()
                separator(.quote, at: i)
            case 0x2C: separator(.comma, at: i)
            case 0x3A:
                // A colon stays inside a word that can still be an IPv6 literal (hex digits and colons).
                let word = start >= 0 ? b[start..<i] : []
                let hexColons = word.allSatisfy { isHex($0) || $0 == 0x3A }
                let colons = word.filter { $0 == 0x3A }.count
                if inDate || !hexColons || colons >= 7 {
                    separator(.colon, at: i)
                } else if start < 0 {
                    start = i
                }
            default:
                if start < 0 { start = i }
            }
        }
        flush(b.count)
        return out
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }

    private static func isAlpha(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private static let protocols: [String: String] = [
        "smtp": "SMTP", "esmtp": "ESMTP", "esmtpa": "ESMTPA", "esmtps": "ESMTPS", "esmtpsa": "ESMTPSA",
        "lmtp": "LMTP", "lmtpa": "LMTPA", "lmtps": "LMTPS", "lmtpsa": "LMTPSA", "http": "HTTP", "https": "HTTPS",
        "imap": "IMAP", "pop3": "POP3", "mms": "MMS", "local": "Local", "utf8smtp": "UTF8SMTP",
        "utf8smtpa": "UTF8SMTPA", "utf8smtps": "UTF8SMTPS", "utf8smtpsa": "UTF8SMTPSA", "utf8lmtp": "UTF8LMTP",
        "utf8lmtpa": "UTF8LMTPA", "utf8lmtps": "UTF8LMTPS", "utf8lmtpsa": "UTF8LMTPSA",
        // Vendor spellings.
        "smtpd": "SMTP", "smtpsvc": "SMTP", "asmtp": "ESMTPA", "lsmtp": "LMTP", "socket": "Local", "stdin": "Local",
        "httprest": "HTTP", "httpu": "HTTP", "local-esmtp": "ESMTP", "local-esmtps": "ESMTPS",
        "local-bsmtp": "SMTP", "esmtptls": "ESMTPS", "esmtp-tls": "ESMTPS", "bsmtp": "SMTP",
    ]

    static func classify(_ w: [UInt8]) -> Kind {
        let lower = w.map { Bytes.lower($0) }
        let text = String(decoding: lower, as: UTF8.self)
        let letters = w.filter(isAlpha).count
        let digits = w.filter(isDigit).count
        let dots = w.filter { $0 == 0x2E }.count
        let ats = w.filter { $0 == 0x40 }.count
        let colons = w.filter { $0 == 0x3A }.count
        if letters == 0 && dots == 3 && ats == 0 && colons == 0 && digits == w.count - 3, let ip = ipv4(w) {
            return .ip(ip)
        }
        if colons >= 2, w.allSatisfy({ isHex($0) || $0 == 0x3A || $0 == 0x2E }), let ip = ipv6(w) { return .ip(ip) }
        if !w.isEmpty && (digits == w.count || (digits == w.count - 1 && (w[0] == 0x2B || w[0] == 0x2D))) {
            return .integer
        }
        if ats == 1 && letters > 0 { return .email }
        switch text {
        case "from", "by", "for", "id", "via", "with", "ident": return .keyword(text)
        case "helo": return .greeting("Helo")
        case "ehlo": return .greeting("Ehlo")
        case "lhlo": return .greeting("Lhlo")
        default: break
        }
        if let p = protocols[text] { return .proto(p) }
        if let v = tlsVersion(lower) { return .tls(v) }
        if letters > 0 && dots > 0 && ats == 0
            && w.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == 0x2E || $0 == 0x2D || $0 >= 0x80 })
        {
            return .domain
        }
        if isCipher(w, letters: letters, digits: digits) { return .cipher }
        return .text
    }

    /// TLS1.2, TLSv1_3, TLS-1.0, TLSv1, SSLv3, DTLSv1.2 -> "TLSv1_2" style names.
    private static func tlsVersion(_ lower: [UInt8]) -> String? {
        let compact = String(decoding: lower.filter { $0 != 0x2D && $0 != 0x2E && $0 != 0x5F }, as: UTF8.self)
        var rest = Substring(compact)
        var prefix = "TLS"
        if rest.hasPrefix("dtls") {
            prefix = "DTLS"
            rest = rest.dropFirst(4)
        } else if rest.hasPrefix("tls") {
            rest = rest.dropFirst(3)
        } else if rest.hasPrefix("ssl") {
            rest = rest.dropFirst(3)
            if rest.hasPrefix("v") { rest = rest.dropFirst() }
            return rest == "2" || rest == "3" ? "SSLv\(rest)" : nil
        } else {
            return nil
        }
        if rest.hasPrefix("v") { rest = rest.dropFirst() }
        switch rest {
        case "1", "10": return "\(prefix)v1_0"
        case "11": return "\(prefix)v1_1"
        case "12": return "\(prefix)v1_2"
        case "13": return "\(prefix)v1_3"
        default: return nil
        }
    }

    /// An upper-case suite name such as ECDHE_RSA_AES_128_GCM_SHA256 or DES-CBC3-SHA.
    private static func isCipher(_ w: [UInt8], letters: Int, digits: Int) -> Bool {
        guard w.count > 6, digits > 0, w.contains(where: { $0 == 0x5F || $0 == 0x2D }),
            w.allSatisfy({ (($0 >= 0x41 && $0 <= 0x5A) || isDigit($0) || $0 == 0x5F || $0 == 0x2D) })
        else { return false }
        let head = String(decoding: w.prefix(3), as: UTF8.self)
        return ["RSA", "ECD", "DHE", "PSK", "SRP", "AES", "DES", "TLS"].contains(head)
    }

    static func ipv4(_ w: [UInt8]) -> String? {
        let parts = w.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var values = [Int]()
        for p in parts {
            guard !p.isEmpty, p.count <= 3, let v = Int(String(decoding: p, as: UTF8.self)), v <= 255 else {
                return nil
            }
            values.append(v)
        }
        return values.map(String.init).joined(separator: ".")
    }

    /// Parses an IPv6 literal and prints it as RFC 5952 says (lowercase, longest zero run as "::").
    static func ipv6(_ w: [UInt8]) -> String? {
        var text = String(decoding: w, as: UTF8.self)
        var tail: [Int] = []
        if text.contains("."), let lastColon = text.lastIndex(of: ":") {
            guard let v4 = ipv4(Array(text[text.index(after: lastColon)...].utf8)) else { return nil }
            let o = v4.split(separator: ".").compactMap { Int($0) }
            tail = [o[0] << 8 | o[1], o[2] << 8 | o[3]]
            text = String(text[...lastColon]) + (text[..<lastColon].hasSuffix(":") ? "" : "0")
            if text.hasSuffix(":0") { text.removeLast(2) }
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [Int]? {
            if s.isEmpty { return [] }
            var out = [Int]()
            for g in s.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = Int(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all: [Int]
        if halves.count == 2 {
            guard let back = groups(halves[1]) else { return nil }
            let fill = 8 - head.count - back.count - tail.count
            guard fill >= 1 else { return nil }
            all = head + Array(repeating: 0, count: fill) + back + tail
        } else {
            all = head + tail
        }
        guard all.count == 8 else { return nil }
        if all[0..<5].allSatisfy({ $0 == 0 }) && all[5] == 0xFFFF {
            // IPv4-mapped (RFC 5952 section 5).
            return "::ffff:\(all[6] >> 8).\(all[6] & 0xFF).\(all[7] >> 8).\(all[7] & 0xFF)"
        }
        // Longest run of two or more zero groups.
        var bestStart = -1
        var bestLen = 1
        var k = 0
        while k < 8 {
            if all[k] == 0 {
                var e = k
                while e < 8 && all[e] == 0 { e += 1 }
                if e - k > bestLen {
                    bestStart = k
                    bestLen = e - k
                }
                k = e
            } else {
                k += 1
            }
        }
        let hex = all.map { String($0, radix: 16) }
        if bestStart < 0 { return hex.joined(separator: ":") }
        return hex[..<bestStart].joined(separator: ":") + "::" + hex[(bestStart + bestLen)...].joined(separator: ":")
    }
}
