import Community
import Foundation
import Transport

/// Token endpoints reached through Transport's libcurl HTTPS client.
public struct CurlOAuthHTTP: OAuthHTTP {
    public let poster = HTTPSPoster()

    public init() {}

    public func post(_ url: String, form: [(String, String)], caFile: String?) throws -> OAuthHTTPResponse {
        let response = try poster.post(url, form: form, caFile: caFile)
        return OAuthHTTPResponse(status: response.status, body: response.body)
    }
}
