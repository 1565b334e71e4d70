import Foundation

/// A token endpoint's answer (RFC 6749 §5.1 success, §5.2 error; RFC 8628 §3.5 device errors).
public enum OAuthTokenResponse: Sendable, Equatable {
    case token(accessToken: String, expiresIn: Int?, refreshToken: String?, scope: String?)
    case error(code: String, description: String)

    /// Parses the JSON body; nil when it is neither a token nor an error object.
    public static func parse(_ body: [UInt8]) -> OAuthTokenResponse? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        if let code = object["error"] as? String {
            return .error(code: code, description: object["error_description"] as? String ?? "")
        }
        guard let access = object["access_token"] as? String, !access.isEmpty else { return nil }
        if let type = object["token_type"] as? String, type.lowercased() != "bearer" { return nil }
        let expires: Int?
        if let number = object["expires_in"] as? NSNumber {
            expires = number.intValue
        } else if let text = object["expires_in"] as? String {
            expires = Int(text)  // some providers send it as a string
        } else {
            expires = nil
        }
        return .token(
            accessToken: access, expiresIn: expires, refreshToken: object["refresh_token"] as? String,
            scope: object["scope"] as? String)
    }
}

/// A device authorization answer (RFC 8628 §3.2).
public struct OAuthDeviceAuthorization: Sendable, Equatable {
    public var deviceCode: String
    public var userCode: String
    public var verificationURI: String
    public var verificationURIComplete: String?
    public var expiresIn: Int
    /// Seconds between polls; 5 when the provider gives none (RFC 8628 §3.2).
    public var interval: Int
    /// Microsoft's ready-made instruction, when given.
    public var message: String?

    public static func parse(_ body: [UInt8]) -> OAuthDeviceAuthorization? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let device = object["device_code"] as? String, let user = object["user_code"] as? String,
            // Google calls it verification_url.
            let uri = (object["verification_uri"] as? String) ?? (object["verification_url"] as? String)
        else { return nil }
        return OAuthDeviceAuthorization(
            deviceCode: device, userCode: user, verificationURI: uri,
            verificationURIComplete: object["verification_uri_complete"] as? String,
            expiresIn: (object["expires_in"] as? NSNumber)?.intValue ?? 900,
            // At most ten minutes: polling waits this long and adds 5 s at each `slow_down`, which
            // overflowed from an interval near Int.max (fuzz finding oauth-crash-59cab12…).
            interval: min(max(1, (object["interval"] as? NSNumber)?.intValue ?? 5), 600),
            message: object["message"] as? String)
    }
}
