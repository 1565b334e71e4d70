internal import CCurl

/// An HTTPS form POST through libcurl, for OAuth 2.0 token and device-authorization endpoints
/// (RFC 6749 §3.2, RFC 8628 §3.1). HTTPS only, certificates and host names verified (`caFile` for a
/// private CA), no redirects followed, no proxy from the environment. A fresh handle per call: the
/// sign-in talks to the provider once an hour or so, never in a hurry.
public struct HTTPSPoster: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    /// The endpoint gave no HTTP answer (unreachable, TLS refused, timed out).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var url: String
        public var detail: String
        public var description: String { detail }
    }

    public var timeoutSeconds: Int

    public init(timeoutSeconds: Int = 30) {
        self.timeoutSeconds = timeoutSeconds
    }

    public func post(_ url: String, form: [(String, String)], caFile: String?) throws -> Response {
        guard url.lowercased().hasPrefix("https://") else {
            throw Failure(url: url, detail: "only https:// token endpoints are used")
        }
        let easy = try CurlEasy()
        easy.set(CURLOPT_PROTOCOLS_STR, "https")
        easy.set(CURLOPT_URL, url)
        easy.set(CURLOPT_SSL_VERIFYPEER, true)
        easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile { easy.set(CURLOPT_CAINFO, caFile) }
        easy.set(CURLOPT_PROXY, "")  // a proxy variable must not see the client secret or the tokens
        easy.set(CURLOPT_CONNECTTIMEOUT, max(1, timeoutSeconds))
        easy.set(CURLOPT_TIMEOUT, max(1, timeoutSeconds) * 2)
        easy.set(CURLOPT_COPYPOSTFIELDS, Self.encode(form))
        easy.set(CURLOPT_HTTPHEADER, list: ["Accept: application/json"])
        let outcome = easy.perform()
        guard outcome.succeeded else { throw Failure(url: url, detail: outcome.errorText) }
        var status = 0
        _ = ccurl_getinfo_long(easy.handle, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, body: outcome.body)
    }

    /// `application/x-www-form-urlencoded`: every byte but the unreserved ones percent-encoded.
    static func encode(_ form: [(String, String)]) -> String {
        form.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
