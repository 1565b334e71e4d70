import Community
import Foundation
import Transport

/// The configured OAuth 2.0 sign-ins (`mailbox.oauth2`, `sender.oauth2`), one session each; the
/// sender's `"oauth2": "mailbox"` shares the mailbox's session, so IMAP and SMTP renew one token.
struct SignIns {
    /// In order: mailbox, then sender when it has its own.
    let sessions: [OAuthSession]

    init(config: Config, clock: any Clock = SystemClock()) {
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
    static func servers(of config: Config) -> [(Config.Server, String)] {
        var found: [(Config.Server, String)] = []
        if case .imap(let server, _, _) = config.mailbox { found.append((server, "mailbox")) }
        if case .smtp(let server) = config.sender { found.append((server, "sender")) }
        return found
    }

    func session(named name: String) -> OAuthSession? { sessions.first { $0.name == name } }

    /// What IMAP or SMTP logs in with, when `server` signs in with OAuth 2.0.
    func bearer(for server: Config.Server) -> BearerCredential? {
        guard let settings = server.oauth2, let session = session(named: settings.name) else { return nil }
        return BearerCredential(SessionBearer(session), settingsKey: settings.settingsKey)
    }
}

/// Token endpoints reached through Transport's libcurl HTTPS client.
struct CurlOAuthHTTP: OAuthHTTP {
    let poster = HTTPSPoster()

    func post(_ url: String, form: [(String, String)], caFile: String?) throws -> OAuthHTTPResponse {
        let response = try poster.post(url, form: form, caFile: caFile)
        return OAuthHTTPResponse(status: response.status, body: response.body)
    }
}

/// An `OAuthSession` as the token source of an IMAP or SMTP connection.
final class SessionBearer: BearerTokenSource {
    let session: OAuthSession

    init(_ session: OAuthSession) { self.session = session }

    func bearerToken() throws -> String { try session.accessToken() }

    func bearerRefused(_ token: String) { session.refused(token) }
}
