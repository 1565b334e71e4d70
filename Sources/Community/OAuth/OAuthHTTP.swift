/// The one thing the sign-in needs from the network: an HTTPS form POST to a provider's endpoint
/// (RFC 6749 §4.1.3, §6; RFC 8628 §3.1, §3.4). Transport implements it with libcurl, verifying
/// certificates; tests pass a scripted provider.
public protocol OAuthHTTP: Sendable {
    /// POSTs `form` as `application/x-www-form-urlencoded` and returns the answer, whatever its status.
    /// Throws only when there is no answer (unreachable, TLS failed, timed out).
    func post(_ url: String, form: [(String, String)], caFile: String?) throws -> OAuthHTTPResponse
}

public struct OAuthHTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}
