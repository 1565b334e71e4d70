import Foundation

/// Finds web links in plain text and unwraps the rewriting that mail security gateways apply
/// (Outlook Safe Links, Google redirects, Proofpoint URL Defense v2/v3, Facebook's l.php), so
/// that the digest shows where a link really goes.
public enum LinkFinder {
    /// The links in `text` in order of appearance, unwrapped and deduplicated.
    public static func links(in text: String) -> [String] {
        guard mayHaveLinks(text) else { return [] }
        var seen = Set<String>()
        var out: [String] = []
        for span in spans(in: Array(text.unicodeScalars)) {
            let url = unwrap(span.url)
            if seen.insert(url).inserted { out.append(url) }
        }
        return out
    }

    /// `text` with every wrapped link replaced by its target, and "target (target)" — what an
    /// HTML link whose text is the URL becomes in plain text — said once.
    public static func unwrappingLinks(in text: String) -> String {
        guard mayHaveLinks(text) else { return text }
        let chars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var last = 0
        var previous: (target: String, end: Int)?
        for span in spans(in: chars) {
            let target = unwrap(span.url)
            defer { previous = (target, span.end) }
            guard target != span.url, span.prefix.isEmpty else { continue }
            if let p = previous, p.target == target, p.end == span.start - 2, chars[span.start - 2] == " ",
                chars[span.start - 1] == "(", span.end < chars.count, chars[span.end] == ")"
            {
                out.append(contentsOf: chars[last..<(span.start - 2)])
                last = span.end + 1
                continue
            }
            out.append(contentsOf: chars[last..<span.start])
            out.append(contentsOf: target.unicodeScalars)
            last = span.end
        }
        // Nothing replaced (most bodies): the text as it came.
        guard last > 0 else { return text }
        out.append(contentsOf: chars[last...])
        return String(out)
    }

    /// Every link starts with "http" or "www." in ASCII (any case): text without either, like most
    /// mail bodies, has none and needs no scalar array.
    static func mayHaveLinks(_ text: String) -> Bool {
        ScalarText.containsIgnoringASCIICase(text, anyOf: linkStarts)
    }
    private static let linkStarts = [Array("http".utf8), Array("www.".utf8)]

    struct Span {
        var start: Int
        var end: Int
        /// The link, with `prefix` ("https://" for a bare `www.`) and any line break removed.
        var url: String
        var prefix: String
    }

    /// `http(s)://…` and `www.…` runs with trailing punctuation trimmed. A link that a plain-text
    /// client wrapped after a hyphen ("https://www.eastvale-" / "ca.example/…") is joined: a host
    /// name never ends with "-".
    static func spans(in chars: [Unicode.Scalar]) -> [Span] {
        var out: [Span] = []
        var i = 0
        while i < chars.count {
            var prefix = ""
            if matches(chars, i, https) || matches(chars, i, http) {
            } else if matches(chars, i, www), i == 0 || !isURLChar(chars[i - 1]) || chars[i - 1] == "(" {
                prefix = "https://"
            } else {
                i += 1
                continue
            }
            let start = i
            var j = start
            var url = String.UnicodeScalarView()
            while true {
                while j < chars.count, isURLChar(chars[j]) {
                    url.append(chars[j])
                    j += 1
                }
                var k = j
                if k < chars.count, chars[k] == "\r" { k += 1 }
                guard url.last == "-", k < chars.count, chars[k] == "\n", k + 1 < chars.count, isURLChar(chars[k + 1]),
                    chars[k + 1] != ">"
                else { break }
                j = k + 1
            }
            let text = trimTrailing(String(url))
            // The span ends where the trimmed text ends (punctuation after it stays outside).
            var end = j
            var extra = url.count - text.unicodeScalars.count
            while extra > 0, end > start {
                end -= 1
                extra -= 1
            }
            if let host = host(of: prefix + text), host.contains(".") {
                out.append(Span(start: start, end: end, url: prefix + text, prefix: prefix))
            }
            i = max(j, i + 1)
        }
        return out
    }

    private static let https = Array("https://".utf8)
    private static let http = Array("http://".utf8)
    private static let www = Array("www.".utf8)

    /// Whether `word` (lowercase ASCII) starts at `i`, ignoring case. Called at every position of
    /// every body, so it compares scalar values: only ASCII scalars lowercase to these words'
    /// letters (U+212A lowercases to "k", which none of them holds).
    private static func matches(_ chars: [Unicode.Scalar], _ i: Int, _ word: [UInt8]) -> Bool {
        guard i + word.count <= chars.count else { return false }
        for k in 0..<word.count {
            let v = chars[i + k].value
            guard v < 0x80, ScalarText.lowerASCII(UInt8(v)) == word[k] else { return false }
        }
        return true
    }

    /// Characters that may appear in a URL as people paste them (RFC 3986 plus non-ASCII IRIs).
    private static func isURLChar(_ c: Unicode.Scalar) -> Bool {
        if c.value > 0x7F {
            return !c.properties.isWhitespace && c.value != 0xA0 && c.value != 0x2019 && c.value != 0x201D
        }
        switch c {
        case "<", ">", "\"", "`", "{", "}", "|", "\\", "^": return false
        default: return c.value > 0x20 && c.value != 0x7F
        }
    }

    /// Drops sentence punctuation after a URL, and a closing bracket that has no opening one
    /// inside the URL ("(see https://example.org/a)" but "https://en.wikipedia.org/wiki/A_(B)").
    static func trimTrailing(_ url: String) -> String {
        var u = url
        while let last = u.last {
            if ".,;:!?'\"*".contains(last) {
                u.removeLast()
            } else if last == ")" || last == "]" {
                let open: Character = last == ")" ? "(" : "["
                if u.filter({ $0 == open }).count < u.filter({ $0 == last }).count { u.removeLast() } else { break }
            } else {
                break
            }
        }
        return u
    }

    static func host(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var host = rest[..<end]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        return host.isEmpty ? nil : host.lowercased()
    }

    static func queryValue(_ url: String, _ name: String) -> String? {
        guard let q = url.firstIndex(of: "?") else { return nil }
        var query = url[url.index(after: q)...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == name else { continue }
            let value = String(parts[1]).replacingOccurrences(of: "+", with: " ")
            return value.removingPercentEncoding ?? value
        }
        return nil
    }

    /// Unwraps known redirectors, repeatedly (a Safe Link around a Google redirect).
    public static func unwrap(_ url: String) -> String {
        var current = url
        for _ in 0..<4 {
            guard let next = unwrapOnce(current), next != current, next.lowercased().hasPrefix("http") else { break }
            current = trimTrailing(next)
        }
        return current
    }

    static func unwrapOnce(_ url: String) -> String? {
        guard let host = host(of: url) else { return nil }
        let path = pathOf(url)
        if host.hasSuffix("safelinks.protection.outlook.com") { return queryValue(url, "url") }
        if host == "google.com" || host.hasPrefix("www.google.") || host.hasPrefix("google."), path == "/url" {
            return queryValue(url, "q") ?? queryValue(url, "url")
        }
        if host == "urldefense.com" || host == "urldefense.proofpoint.com" {
            if path.hasPrefix("/v3/__"), let end = url.range(of: "__;") ?? url.range(of: "__", options: .backwards),
                let start = url.range(of: "/v3/__")
            {
                guard start.upperBound <= end.lowerBound else { return nil }
                return String(url[start.upperBound..<end.lowerBound])
            }
            if path.hasPrefix("/v2/url"), let u = queryValue(url, "u") {
                // v2 writes "-" for "%" and "_" for "/".
                let decoded = u.replacingOccurrences(of: "-", with: "%").replacingOccurrences(of: "_", with: "/")
                return decoded.removingPercentEncoding
            }
        }
        if host == "l.facebook.com" || host == "lm.facebook.com", path == "/l.php" { return queryValue(url, "u") }
        return nil
    }

    private static func pathOf(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "" }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        let tail = rest[slash...]
        let end = tail.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? tail.endIndex
        return String(tail[..<end])
    }
}
