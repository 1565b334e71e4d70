/// A parsed `imap[s]://` or `smtp[s]://` URL: enough to build request URLs and name the server in errors.
/// Credentials never go into the URL (they are set as options, so they cannot leak into logs).
struct ServerURL: Sendable, Equatable {
    var scheme: String  // lowercased
    var host: String  // as written, IPv6 with brackets
    var port: Int?
    /// The path after the first `/`, percent-decoded (IMAP mailbox or SMTP EHLO name); may be empty.
    var path: String

    var isImplicitTLS: Bool { scheme == "imaps" || scheme == "smtps" }

    /// `scheme://host[:port]/`, the base every request URL starts from.
    var base: String { "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")/" }

    /// `host:port` with the scheme's default port filled in, for messages.
    var server: String {
        let defaultPort = ["imap": 143, "imaps": 993, "smtp": 25, "smtps": 465][scheme] ?? 0
        return "\(host):\(port ?? defaultPort)"
    }

    /// `text` with the password of any `user:password@` part replaced by `***`, for every message
    /// that shows a configured URL: a refused URL must not put a credential into a log.
    static func redacted(_ text: String) -> String {
        guard let range = text.firstRange(of: "://") else { return text }
        let rest = text[range.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return text }
        let userinfo = authority[..<at]
        let user = userinfo.firstIndex(of: ":").map { userinfo[..<$0] } ?? userinfo
        let shown = userinfo.contains(":") ? user + ":***" : user
        return String(text[..<range.upperBound]) + shown + String(text[at...])
    }

    init(parsing text: String, schemes: [String]) throws(TransportError) {
        let shown = Self.redacted(text)
        guard let range = text.firstRange(of: "://") else {
            throw .invalidConfiguration("\"\(shown)\" is not a URL; write it as \(schemes[0])://host:port/")
        }
        scheme = text[..<range.lowerBound].lowercased()
        guard schemes.contains(scheme) else {
            throw .invalidConfiguration(
                "\"\(shown)\" uses scheme \(scheme); use one of \(schemes.map { $0 + "://" }.joined(separator: ", "))")
        }
        let rest = text[range.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let afterAuthority = rest.dropFirst(authority.count)
        guard !authority.contains("@") else {
            throw .invalidConfiguration(
                "do not put credentials in the URL \"\(shown)\"; use username and password settings")
        }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[...close])
            let tail = authority[authority.index(after: close)...]
            port = tail.hasPrefix(":") ? Int(tail.dropFirst()) : nil
            if tail.hasPrefix(":") && port == nil { throw .invalidConfiguration("bad port in \"\(shown)\"") }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let value = Int(authority[authority.index(after: colon)...]), (1...65535).contains(value) else {
                throw .invalidConfiguration("bad port in \"\(shown)\"")
            }
            port = value
        } else {
            host = String(authority)
        }
        guard !host.isEmpty else { throw .invalidConfiguration("no host in \"\(shown)\"") }
        let rawPath = afterAuthority.drop { $0 == "/" }.prefix { $0 != "?" && $0 != "#" }
        path = ServerURL.percentDecoded(String(rawPath))
    }

    /// Percent-encodes one path segment for a request URL (RFC 3986 unreserved characters kept).
    static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
