/// One `Authentication-Results` header field (RFC 8601):
/// `authserv-id [version] *( ";" method "=" result *(ptype "." property "=" value) )`,
/// with CFWS comments `( … )` ignored.
public struct AuthenticationResults: Sendable, Equatable {
    public struct MethodResult: Sendable, Equatable {
        /// `dkim`, `spf`, `dmarc`, `arc`… (lowercased).
        public var method: String
        /// `pass`, `fail`, `none`, `neutral`… (lowercased).
        public var result: String
        /// `header.d` → `example.org` (keys lowercased).
        public var properties: [String: String]
    }

    public var authservId: String
    public var results: [MethodResult]

    /// Parses one field value; nil when it has no authserv-id.
    public static func parse(_ value: String) -> AuthenticationResults? {
        let clean = stripComments(value)
        var pieces = split(clean, on: ";").map { $0.trimmingSpaces() }
        guard !pieces.isEmpty else { return nil }
        let head = pieces.removeFirst().split(separator: " ")
        guard let id = head.first, !id.isEmpty else { return nil }
        var results: [MethodResult] = []
        for piece in pieces {
            let words = split(piece, on: " ").filter { !$0.isEmpty }
            guard let first = words.first, let eq = first.firstIndex(of: "=") else { continue }
            var method = MethodResult(
                method: first[..<eq].lowercased(), result: unquote(first[first.index(after: eq)...]).lowercased(),
                properties: [:])
            // `dkim/1=pass` carries a method version.
            if let slash = method.method.firstIndex(of: "/") { method.method = String(method.method[..<slash]) }
            for word in words.dropFirst() {
                guard let eq = word.firstIndex(of: "="), word[..<eq].contains(".") else { continue }
                method.properties[word[..<eq].lowercased()] = unquote(word[word.index(after: eq)...])
            }
            results.append(method)
        }
        return AuthenticationResults(authservId: id.lowercased(), results: results)
    }

    /// Decides whether a moderator's mail was authenticated (DESIGN, security model): some
    /// `Authentication-Results` from `trustedAuthservId` says `dmarc=pass` (for the From
    /// domain when it names one) or `dkim=pass` with `header.d` equal to the From domain.
    /// Fields from other authserv-ids are ignored: anyone can write such a header.
    public static func verify(
        _ fieldValues: [String], trustedAuthservId: String, fromDomain: String
    ) -> AuthenticationVerdict {
        let domain = fromDomain.lowercased()
        let trusted = fieldValues.compactMap(parse).filter { $0.authservId == trustedAuthservId.lowercased() }
        guard !trusted.isEmpty else {
            return .fail("no Authentication-Results from \(trustedAuthservId)")
        }
        var seen: [String] = []
        for field in trusted {
            for r in field.results {
                seen.append("\(r.method)=\(r.result)")
                guard r.result == "pass" else { continue }
                if r.method == "dmarc" {
                    let from = r.properties["header.from"]?.lowercased()
                    if from == nil || from == domain { return .pass("dmarc=pass") }
                }
                if r.method == "dkim" {
                    let d = r.properties["header.d"]?.lowercased()
                    let i = r.properties["header.i"]?.lowercased()
                    if d == domain || i?.hasSuffix("@" + domain) == true {
                        return .pass("dkim=pass header.d=\(domain)")
                    }
                }
            }
        }
        return .fail(seen.isEmpty ? "no results from \(trustedAuthservId)" : seen.joined(separator: " "))
    }

    /// A one-line account for the moderator notification ("dkim=pass spf=pass dmarc=pass (mx.example.org)").
    public static func summary(_ fieldValues: [String], trustedAuthservId: String?) -> String {
        let parsed = fieldValues.compactMap(parse).filter {
            trustedAuthservId == nil || $0.authservId == trustedAuthservId!.lowercased()
        }
        guard let first = parsed.first else { return "no Authentication-Results" }
        let text = first.results.map { "\($0.method)=\($0.result)" }.joined(separator: " ")
        let trust = trustedAuthservId == nil ? ", not verified: no trusted server configured" : ""
        return (text.isEmpty ? "no results" : text) + " (\(first.authservId)\(trust))"
    }

    private static func stripComments(_ s: String) -> String {
        var out = ""
        var depth = 0
        var quoted = false
        var escaped = false
        for c in s {
            if escaped {
                escaped = false
                if depth == 0 { out.append(c) }
                continue
            }
            if c == "\\" {
                escaped = true
                if depth == 0 { out.append(c) }
                continue
            }
            if c == "\"", depth == 0 { quoted.toggle() }
            if !quoted {
                if c == "(" {
                    depth += 1
                    continue
                }
                if c == ")", depth > 0 {
                    depth -= 1
                    continue
                }
            }
            if depth == 0 { out.append(c == "\t" || c == "\r" || c == "\n" ? " " : c) }
        }
        return out
    }

    /// Splits on `separator` outside double quotes.
    private static func split(_ s: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for c in s {
            if c == "\"" { quoted.toggle() }
            if c == separator, !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }

    private static func unquote(_ s: Substring) -> String {
        var t = s
        if t.first == "\"", t.last == "\"", t.count >= 2 { t = t.dropFirst().dropLast() }
        return String(t)
    }
}

/// Whether a moderator's message passed the optional authentication check.
public enum AuthenticationVerdict: Sendable, Equatable {
    case pass(String)
    case fail(String)

    public var passed: Bool { if case .pass = self { return true } else { return false } }
}
