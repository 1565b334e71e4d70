/// How to reach the outgoing SMTP server (RFC 5321; RFC 3207 STARTTLS; RFC 8314 implicit TLS).
public struct SMTPConfiguration: Sendable, Equatable {
    /// `smtp://host:587` (STARTTLS) or `smtps://host:465` (implicit TLS). A path is taken as the EHLO name.
    public var url: String
    /// Nil for no authentication (e.g. a local relay that trusts loopback).
    public var username: String?
    public var password: String?
    /// A PEM file with the CA (or self-signed certificate) to trust instead of the system store.
    public var caFile: String?
    /// Only with `smtp://`: talk without TLS. Meant for loopback relays.
    public var allowPlaintext: Bool
    /// The name sent in EHLO; defaults to the URL path, else "localhost".
    public var heloName: String?
    /// Connect timeout and stall timeout (no byte for this long), in seconds.
    public var timeoutSeconds: Int
    /// The config key named in "check ... and the password" messages.
    public var usernameSettingsKey: String
    /// Log in with an OAuth 2.0 access token from here instead of the password (SASL XOAUTH2/OAUTHBEARER).
    public var bearer: BearerCredential?

    public init(
        url: String, username: String? = nil, password: String? = nil, caFile: String? = nil,
        allowPlaintext: Bool = false, heloName: String? = nil, timeoutSeconds: Int = 30,
        usernameSettingsKey: String = "sender.username", bearer: BearerCredential? = nil
    ) {
        self.bearer = bearer
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.allowPlaintext = allowPlaintext
        self.heloName = heloName
        self.timeoutSeconds = timeoutSeconds
        self.usernameSettingsKey = usernameSettingsKey
    }
}

extension SMTPConfiguration: CustomStringConvertible {
    /// Never shows the password, so that configurations can be logged.
    public var description: String {
        "SMTP \(ServerURL.redacted(url))\(username.map { " as \($0)" } ?? "")\(bearer.map { " with \($0)" } ?? "")\(caFile.map { " caFile=\($0)" } ?? "")"
            + "\(allowPlaintext ? " plaintext" : "")"
    }
}
