import Foundation

/// Finds web links in plain text and unwraps the rewriting that mail security gateways apply
/// (Outlook Safe Links, Google redirects, Proofpoint URL Defense v2/v3, Facebook's l.php), so
/// that the digest shows where a link really goes.
public enum LinkFinder {
    /// The links in `text` in order of appearance, unwrapped and deduplicated.
    public static func links(in text: String) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for raw in candidates(in: text) {
            let url = unwrap(raw)
            if seen.insert(url).inserted { out.append(url) }
        }
        return out
    }

    /// Raw `http(s)://…` and `www.…` runs, trailing punctuation trimmed.
    static func candidates(in text: String) -> [String] {
        let chars = Array(text.unicodeScalars)
        var out: [String] = []
        var i = 0
        while i < chars.count {
            let start: Int
            var prefix = ""
            if matches(chars, i, "https://") || matches(chars, i, "http://") {
                start = i
            } else if matches(chars, i, "www."), i == 0 || !isURLChar(chars[i - 1]) || chars[i - 1] == "(" {
                start = i
                prefix = "https://"
            } else {
                i += 1
                continue
            }
            // A URL glued to the word before it ("See:https://…") still counts.
            var j = start
            while j < chars.count, isURLChar(chars[j]) { j += 1 }
            var url = String(String.UnicodeScalarView(chars[start..<j]))
            url = trimTrailing(url)
            if url.count > prefix.count + 10 || url.contains(".") {
                if let host = host(of: prefix + url), host.contains(".") { out.append(prefix + url) }
            }
            i = max(j, i + 1)
        }
        return out
    }

    private static func matches(_ chars: [Unicode.Scalar], _ i: Int, _ word: String) -> Bool {
        let w = Array(word.unicodeScalars)
        guard i + w.count <= chars.count else { return false }
        for k in 0..<w.count where Character(chars[i + k]).lowercased() != Character(w[k]).lowercased() { return false }
        return true
    }

    /// Characters that may appear in a URL as people paste them (RFC 3986 plus non-ASCII IRIs).
    private static func isURLChar(_ c: Unicode.Scalar) -> Bool {
        if c.value > 0x7F {
            return !c.properties.isWhitespace && c.value != 0xA0 && c.value != 0x2019 && c.value != 0x201D
        }
        if c.value <= 0x20 || c.value == 0x7F { return false }
        return !"<>\"`{}|\\^".unicodeScalars.contains(c)
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
