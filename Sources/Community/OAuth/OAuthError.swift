/// What can go wrong signing in, phrased so that an administrator knows what to do. No case ever
/// carries a token: only the provider's error code and description, which name no secret.
public enum OAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No tokens yet for this sign-in (device grant): `learnmail auth login` has not been run.
    case notSignedIn(name: String)
    /// The provider no longer accepts the refresh token (`invalid_grant`: revoked, expired, password changed).
    case revoked(name: String, detail: String)
    /// The device code expired before the user entered it (RFC 8628 `expired_token`).
    case codeExpired
    /// The user declined at the provider (RFC 8628 `access_denied`).
    case accessDenied(detail: String)
    /// Any other refusal by the provider (RFC 6749 §5.2), with the key to check.
    case refused(code: String, detail: String, settingsKey: String)
    /// The provider answered something that is not an OAuth 2.0 token response.
    case badResponse(url: String, status: Int, detail: String)
    /// The token endpoint could not be reached (network, TLS, timeout).
    case unreachable(url: String, detail: String)

    /// Internal to device polling (RFC 8628 §3.5): keep polling, or poll more slowly.
    case authorizationPending
    case slowDown

    public var description: String {
        switch self {
        case .notSignedIn(let name):
            return "\(name) is not signed in (\(name).oauth2): run learnmail auth login \(name)"
        case .revoked(let name, let detail):
            return "the provider no longer accepts the sign-in for \(name) (invalid_grant\(Self.suffix(detail))): "
                + "run learnmail auth login \(name)"
        case .codeExpired:
            return "the code expired before it was entered at the provider (expired_token): "
                + "run learnmail auth login again and enter the new code in time"
        case .accessDenied(let detail):
            return "the sign-in was declined at the provider (access_denied\(Self.suffix(detail))): "
                + "run learnmail auth login again and accept the permissions it asks for"
        case .refused(let code, let detail, let key):
            let advice: String
            switch code {
            case "invalid_client", "unauthorized_client":
                advice = "check \(key).clientId, the client secret and that the app registration allows this grant"
            case "invalid_scope":
                advice = "check \(key).scopes and the API permissions granted to the app (admin consent)"
            default:
                advice = "check \(key)"
            }
            return "the token endpoint refused the request (\(code)\(Self.suffix(detail))) — \(advice)"
        case .badResponse(let url, let status, let detail):
            return "the token endpoint \(url) answered HTTP \(status) without a usable token response (\(detail)) — "
                + "check the provider's token URL"
        case .unreachable(let url, let detail):
            return
                "the token endpoint \(url) cannot be reached: \(detail) — check the network, or caFile for a private CA"
        case .authorizationPending:
            return "waiting for the code to be entered at the provider (authorization_pending)"
        case .slowDown:
            return "the provider asked to poll more slowly (slow_down)"
        }
    }

    /// True when signing in again is the fix (`status` and `check` say so).
    public var needsSignIn: Bool {
        switch self {
        case .notSignedIn, .revoked: return true
        default: return false
        }
    }

    private static func suffix(_ detail: String) -> String {
        let line = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.isEmpty ? "" : ": " + String(line.prefix(300))
    }
}
