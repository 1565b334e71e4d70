import Community
import Foundation
import MailAdapters

/// `learnmail auth login [mailbox|sender] | status [--json] | logout [mailbox|sender]`: the OAuth 2.0
/// sign-in (DESIGN.md "Signing in where the mail lives"). Never prints a token.
struct AuthCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        guard let verb = words.first else { throw UsageError("auth needs login, status or logout") }
        let rest = Array(words.dropFirst())
        switch verb {
        case "login": try login(rest)
        case "status": try status(rest)
        case "logout": try logout(rest)
        default: throw UsageError("unknown auth command '\(verb)': use login, status or logout")
        }
    }

    /// The sign-ins the config has, or the one named on the command line.
    private func sessions(_ arguments: Arguments, config: Config) throws -> [OAuthSession] {
        let signIns = SignIns(config: config)
        guard !signIns.sessions.isEmpty else {
            throw CommandError(
                "neither mailbox nor sender signs in with OAuth 2.0: add an \"oauth2\" object to mailbox "
                    + "(and \"oauth2\": \"mailbox\" to sender) in \(config.file)")
        }
        guard let name = arguments.positionals.first else { return signIns.sessions }
        guard arguments.positionals.count == 1, name == "mailbox" || name == "sender" else {
            throw UsageError("auth takes mailbox or sender, not '\(arguments.positionals.joined(separator: " "))'")
        }
        if let session = signIns.session(named: name) { return [session] }
        if name == "sender", case .smtp(let server) = config.sender, server.oauth2?.name == "mailbox" {
            throw CommandError(
                "the sender uses the mailbox's sign-in (\"oauth2\": \"mailbox\"): run learnmail auth login mailbox")
        }
        throw CommandError("\(name) does not sign in with OAuth 2.0 (no \(name).oauth2 in \(config.file))")
    }

    private func login(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: [])
        let config = try context.loadConfig()
        let t = context.terminal
        let all = try sessions(arguments, config: config)
        // Without a name: the first sign-in (the mailbox's), which the sender usually shares.
        let session = all[0]
        let settings = session.settings
        if settings.grant == .clientCredentials {
            let token = try session.refreshNow()
            t.print(
                "\(session.name): the clientCredentials grant needs no sign-in; the app got an access token for "
                    + "\(session.account), valid until \(ISO8601UTC.string(from: token.expiresAt))")
            t.print("Scopes: \(token.scopes.joined(separator: " "))")
            return
        }
        let authorization = try session.startDeviceSignIn()
        t.print("To sign in \(session.account) for learnmail (\(session.name), \(settings.provider)):")
        t.print("  open    \(authorization.verificationURI)")
        t.print("  enter   \(authorization.userCode)")
        if let message = authorization.message { t.print("  (\(message))") }
        t.print(
            "Waiting for the code to be entered (checking every \(authorization.interval) s, "
                + "for up to \(authorization.expiresIn / 60) min)…")
        let token = try session.finishDeviceSignIn(authorization) { seconds in
            Thread.sleep(forTimeInterval: TimeInterval(seconds))
        }
        t.print("Signed in: \(token.account) (\(token.provider), client \(token.clientId))")
        t.print("Scopes: \(token.scopes.joined(separator: " "))")
        t.print(
            "Access token valid until \(ISO8601UTC.string(from: token.expiresAt)); "
                + (token.refreshToken != nil
                    ? "learnmail renews it by itself" : "no refresh token was given: sign in again when it lapses"))
        t.print("Tokens kept in \(session.store.path(session.name)) (mode 0600)")
    }

    /// One sign-in as `auth status` shows it; never a token.
    struct SignInStatus: Encodable {
        var name: String
        var account: String
        var provider: String
        var grant: String
        var clientId: String
        /// `signed in`, `not signed in` or `sign in again`.
        var state: String
        var scopes: [String]
        var signedInAt: String?
        var accessTokenExpiresAt: String?
        var lastRenewedAt: String?
        var renewals: Int
        var hasRefreshToken: Bool
        var problem: String?
        var usedBy: [String]
    }

    static func describe(_ session: OAuthSession, config: Config) -> SignInStatus {
        let usedBy = SignIns.servers(of: config).filter { $0.0.oauth2?.name == session.name }.map(\.1)
        var status = SignInStatus(
            name: session.name, account: session.account, provider: session.settings.provider,
            grant: session.settings.grant.rawValue, clientId: session.settings.clientId, state: "not signed in",
            scopes: session.settings.scopes, renewals: 0, hasRefreshToken: false, usedBy: usedBy)
        do {
            guard let token = try session.kept(), token.account == session.account else {
                if session.settings.grant == .clientCredentials {
                    status.state = "no token yet"
                } else {
                    status.problem = OAuthError.notSignedIn(name: session.name).description
                }
                return status
            }
            status.state = token.needsSignIn ? "sign in again" : "signed in"
            status.scopes = token.scopes
            status.signedInAt = ISO8601UTC.string(from: token.signedInAt)
            status.accessTokenExpiresAt = ISO8601UTC.string(from: token.expiresAt)
            status.lastRenewedAt = ISO8601UTC.string(from: token.refreshedAt)
            status.renewals = token.refreshes
            status.hasRefreshToken = token.refreshToken != nil
            if token.needsSignIn {
                status.problem = OAuthError.revoked(name: session.name, detail: token.lastError ?? "").description
            } else if let error = token.lastError {
                status.problem = error
            }
        } catch {
            status.state = "unreadable"
            status.problem = "\(error)"
        }
        return status
    }

    private func status(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: ["json"])
        let config = try context.loadConfig()
        let statuses = try sessions(arguments, config: config).map { Self.describe($0, config: config) }
        if arguments.has("json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            context.terminal.print(String(decoding: try encoder.encode(statuses), as: UTF8.self))
            return
        }
        let t = context.terminal
        for status in statuses {
            t.print("\(status.name) (used by \(status.usedBy.joined(separator: " and "))): \(status.state)")
            t.print("  account     \(status.account)")
            t.print("  provider    \(status.provider), \(status.grant) grant, client \(status.clientId)")
            t.print("  scopes      \(status.scopes.joined(separator: " "))")
            if let at = status.signedInAt { t.print("  signed in   \(at)") }
            if let at = status.accessTokenExpiresAt {
                t.print(
                    "  access      valid until \(at) (renewed \(status.renewals) time(s), last \(status.lastRenewedAt ?? "-"))"
                )
                t.print("  refresh     \(status.hasRefreshToken ? "kept" : "none")")
            }
            if let problem = status.problem { t.print("  problem     \(problem)") }
        }
    }

    private func logout(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: [])
        let config = try context.loadConfig()
        for session in try sessions(arguments, config: config) {
            let had = try session.signOut()
            context.terminal.print(
                had
                    ? "\(session.name): signed out; the tokens in \(session.store.path(session.name)) are deleted. "
                        + "To withdraw the app's access at \(session.settings.provider) too, remove it from the "
                        + "account's or tenant's app permissions."
                    : "\(session.name): was not signed in")
        }
    }
}
