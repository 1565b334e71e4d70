import Community
import Foundation
import Transport

/// The configured OAuth 2.0 sign-ins (`mailbox.oauth2`, `sender.oauth2`), one session each; the
/// sender's `"oauth2": "mailbox"` shares the mailbox's session, so IMAP and SMTP renew one token.
public struct SignIns {
    /// In order: mailbox, then sender when it has its own.
    public let sessions: [OAuthSession]

    public init(config: Config, clock: any Clock = SystemClock()) {
        let store = OAuthTokenStore(dataDirectory: config.dataDirectory)
        var sessions: [OAuthSession] = []
        for (server, _) in Self.servers(of: config) {
            guard let settings = server.oauth2, !sessions.contains(where: { $0.name == settings.name }) else {
                continue
            }
            let file = config.file
            sessions.append(
                OAuthSession(
                    settings: settings, account: server.username ?? "", store: store, http: CurlOAuthHTTP(),
                    clock: clock, clientSecret: { try settings.resolveClientSecret(configFile: file) }))
        }
        self.sessions = sessions
    }

    /// The IMAP and SMTP servers, with the word for each.
    public static func servers(of config: Config) -> [(Config.Server, String)] {
        var found: [(Config.Server, String)] = []
        if case .imap(let server, _, _) = config.mailbox { found.append((server, "mailbox")) }
        if case .smtp(let server) = config.sender { found.append((server, "sender")) }
        return found
    }

    public func session(named name: String) -> OAuthSession? { sessions.first { $0.name == name } }

    /// What IMAP or SMTP logs in with, when `server` signs in with OAuth 2.0.
    public func bearer(for server: Config.Server) -> BearerCredential? {
        guard let settings = server.oauth2, let session = session(named: settings.name) else { return nil }
        return BearerCredential(SessionBearer(session), settingsKey: settings.settingsKey)
    }
}
