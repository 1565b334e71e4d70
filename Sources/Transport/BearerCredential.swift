/// Where IMAP and SMTP get an OAuth 2.0 access token (RFC 6750) from, so that a long-lived connection
/// object always logs in with a current one. LearnMailCLI wires an `OAuthSession` in; Transport only
/// hands the token to libcurl (`CURLOPT_XOAUTH2_BEARER`: SASL XOAUTH2 or OAUTHBEARER, RFC 7628, as
/// the server offers) and never writes it anywhere.
public protocol BearerTokenSource: AnyObject, Sendable {
    /// A valid access token; throws an error whose description says what to do (for example
    /// "run learnmail auth login").
    func bearerToken() throws -> String
    /// The server refused `token` at login: the next `bearerToken()` renews it.
    func bearerRefused(_ token: String)
}

/// A `BearerTokenSource` inside a configuration value: equal when it is the same source.
public struct BearerCredential: Sendable, Equatable, CustomStringConvertible {
    public let source: any BearerTokenSource
    /// The config key of the sign-in (`mailbox.oauth2`), named in messages.
    public let settingsKey: String

    public init(_ source: any BearerTokenSource, settingsKey: String) {
        self.source = source
        self.settingsKey = settingsKey
    }

    public static func == (lhs: BearerCredential, rhs: BearerCredential) -> Bool {
        lhs.source === rhs.source && lhs.settingsKey == rhs.settingsKey
    }

    /// Never a token.
    public var description: String { "OAuth 2.0 (\(settingsKey))" }
}
