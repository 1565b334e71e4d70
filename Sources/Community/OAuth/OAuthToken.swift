import Foundation

/// One sign-in's tokens and what `auth status` shows about them, as kept in `data/oauth/NAME.json`.
/// The tokens themselves never leave that file: `description` and `OAuthSignInStatus` omit them.
public struct OAuthToken: Codable, Sendable, Equatable, CustomStringConvertible {
    public var accessToken: String
    public var expiresAt: Date
    public var refreshToken: String?
    /// The scopes the provider granted (its `scope`), else the ones asked for.
    public var scopes: [String]
    /// The mailbox address the tokens are for (the configured username).
    public var account: String
    public var provider: String
    public var clientId: String
    public var grant: String
    public var signedInAt: Date
    public var refreshedAt: Date
    /// How often the access token was renewed since the sign-in.
    public var refreshes: Int
    /// The last refusal by the provider (e.g. the refresh token was revoked); nil when all is well.
    public var lastError: String?
    /// True when that refusal means signing in again (`invalid_grant`).
    public var needsSignIn: Bool

    public var description: String {
        "OAuthToken(account: \(account), provider: \(provider), expiresAt: \(expiresAt), refreshes: \(refreshes))"
    }

    /// When to renew: ahead of expiry by five minutes, or by a quarter of the token's life when
    /// it lives less than twenty minutes, so that a connection never starts with a token about to lapse.
    public func renewAt() -> Date {
        let lifetime = max(0, expiresAt.timeIntervalSince(refreshedAt))
        return expiresAt.addingTimeInterval(-min(300, lifetime / 4))
    }
}
