/// How to reach one IMAP mailbox (RFC 3501, RFC 8314 for implicit TLS).
public struct IMAPConfiguration: Sendable, Equatable {
    /// `imaps://host[:port]/MAILBOX` (implicit TLS) or `imap://host[:port]/MAILBOX` (STARTTLS);
    /// the mailbox defaults to INBOX. Credentials never go in the URL.
    public var url: String
    public var username: String
    public var password: String
    /// A PEM file with the CA (or self-signed certificate) to trust instead of the system store.
    public var caFile: String?
    /// Only with `imap://`: talk without TLS. Meant for loopback test servers.
    public var allowPlaintext: Bool
    /// Where handled messages go (created if missing, placed in the personal namespace); nil keeps them
    /// in the mailbox and flags them `\Seen $LearnmailDone`.
    public var processedFolder: String?
    /// Connect timeout and stall timeout (no byte for this long), in seconds.
    public var timeoutSeconds: Int
    /// The config key named in "check ... and the password" messages.
    public var usernameSettingsKey: String
    /// Log in with an OAuth 2.0 access token from here instead of the password (SASL XOAUTH2/OAUTHBEARER).
    public var bearer: BearerCredential?

    public init(
        url: String, username: String, password: String, caFile: String? = nil, allowPlaintext: Bool = false,
        processedFolder: String? = nil, timeoutSeconds: Int = 30, usernameSettingsKey: String = "mailbox.username",
        bearer: BearerCredential? = nil
    ) {
        self.bearer = bearer
        self.url = url
        self.username = username
        self.password = password
        self.caFile = caFile
        self.allowPlaintext = allowPlaintext
        self.processedFolder = processedFolder
        self.timeoutSeconds = timeoutSeconds
        self.usernameSettingsKey = usernameSettingsKey
    }
}

extension IMAPConfiguration: CustomStringConvertible {
    /// Never shows the password, so that configurations can be logged.
    public var description: String {
        "IMAP \(ServerURL.redacted(url)) as \(username)\(bearer.map { " with \($0)" } ?? "")\(caFile.map { " caFile=\($0)" } ?? "")"
            + "\(allowPlaintext ? " plaintext" : "")\(processedFolder.map { " processedFolder=\($0)" } ?? "")"
    }
}
