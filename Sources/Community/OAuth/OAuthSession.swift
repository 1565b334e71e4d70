import Foundation

/// One sign-in (`mailbox` or `sender`): keeps a valid access token at hand for IMAP and SMTP,
/// renewing it ahead of expiry with the refresh token (rotating it when the provider does) or, for
/// the client-credentials grant, with the client secret. Time comes from `clock` and the network
/// from `http`, so that the whole life of a token runs in tests without waiting.
///
/// Thread-safe: IMAP and SMTP may share one session (`"oauth2": "mailbox"` in `sender`).
public final class OAuthSession: @unchecked Sendable {
    public let settings: Config.OAuth2
    /// The mailbox address the tokens are for (the configured username).
    public let account: String
    public let store: OAuthTokenStore
    private let http: any OAuthHTTP
    private let clock: any Clock
    /// Read when first needed, so that commands that never call the provider (`status`) work without it.
    private let secretSource: @Sendable () throws -> String?
    private let lock = NSLock()
    private var cached: OAuthToken?

    public init(
        settings: Config.OAuth2, account: String, store: OAuthTokenStore, http: any OAuthHTTP, clock: any Clock,
        clientSecret: @escaping @Sendable () throws -> String?
    ) {
        self.settings = settings
        self.account = account
        self.store = store
        self.http = http
        self.clock = clock
        self.secretSource = clientSecret
    }

    private var clientSecret: String? { get throws { try secretSource() } }

    public var name: String { settings.name }

    // MARK: using tokens

    /// A valid access token: the kept one while it is not due for renewal, else a renewed one
    /// (saved before it is returned). Throws `OAuthError` when there is none to be had.
    public func accessToken() throws -> String {
        try lock.withLock {
            if let cached, !cached.needsSignIn, clock.now < cached.renewAt() { return cached.accessToken }
            // Another process (`learnmail auth login` while the daemon runs) may have written a newer one.
            let kept = try store.load(name)
            if let kept, !kept.needsSignIn, clock.now < kept.renewAt(), kept.account == account {
                cached = kept
                return kept.accessToken
            }
            let renewed = try renew(kept)
            cached = renewed
            return renewed.accessToken
        }
    }

    /// The server refused `token` (an expired or revoked access token): the next `accessToken()` renews.
    public func refused(_ token: String) {
        lock.withLock {
            if cached?.accessToken == token { cached?.expiresAt = .distantPast }
            if var kept = try? store.load(name), kept.accessToken == token {
                kept.expiresAt = .distantPast
                try? store.save(kept, as: name)
            }
        }
    }

    /// Renews now, whatever the expiry (`learnmail check`).
    @discardableResult
    public func refreshNow() throws -> OAuthToken {
        try lock.withLock {
            let renewed = try renew(try store.load(name))
            cached = renewed
            return renewed
        }
    }

    /// What is kept, for `auth status`; nil when not signed in.
    public func kept() throws -> OAuthToken? { try store.load(name) }

    /// Forgets the tokens (`auth logout`); true when there were some.
    public func signOut() throws -> Bool {
        try lock.withLock {
            cached = nil
            return try store.remove(name)
        }
    }

    private func renew(_ kept: OAuthToken?) throws -> OAuthToken {
        switch settings.grant {
        case .clientCredentials:
            var form = [("grant_type", "client_credentials"), ("client_id", settings.clientId)]
            if let clientSecret = try clientSecret { form.append(("client_secret", clientSecret)) }
            form.append(("scope", settings.scopes.joined(separator: " ")))
            let token = try exchange(form, previous: kept?.account == account ? kept : nil)
            try store.save(token, as: name)
            return token
        case .device:
            guard let kept, kept.account == account, let refreshToken = kept.refreshToken else {
                throw OAuthError.notSignedIn(name: name)
            }
            // A refresh token the provider refused stays refused: wait for `auth login` (read from disk
            // on every use) instead of asking the provider again each round.
            if kept.needsSignIn {
                throw OAuthError.revoked(name: name, detail: kept.lastError ?? "")
            }
            var form = [
                ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", settings.clientId),
            ]
            if let clientSecret = try clientSecret { form.append(("client_secret", clientSecret)) }
            form.append(("scope", settings.scopes.joined(separator: " ")))
            do {
                let token = try exchange(form, previous: kept)
                // The rotated refresh token is durable before the old one is forgotten.
                try store.save(token, as: name)
                return token
            } catch OAuthError.refused(let code, let detail, _) where code == "invalid_grant" {
                var failed = kept
                failed.lastError = detail.isEmpty ? "invalid_grant" : detail
                failed.needsSignIn = true
                try? store.save(failed, as: name)
                throw OAuthError.revoked(name: name, detail: detail)
            }
        }
    }

    // MARK: device sign-in (RFC 8628)

    /// Asks the provider for a user code to show (RFC 8628 §3.1).
    public func startDeviceSignIn() throws -> OAuthDeviceAuthorization {
        guard let url = settings.deviceAuthorizationURL else {
            throw OAuthError.refused(
                code: "unsupported_grant_type", detail: "no device authorization URL for this provider",
                settingsKey: settings.settingsKey)
        }
        var form = [("client_id", settings.clientId), ("scope", settings.scopes.joined(separator: " "))]
        if let clientSecret = try clientSecret { form.append(("client_secret", clientSecret)) }
        let response = try post(url, form)
        if let authorization = OAuthDeviceAuthorization.parse(response.body), response.status == 200 {
            return authorization
        }
        if case .error(let code, let detail) = OAuthTokenResponse.parse(response.body) {
            throw OAuthError.refused(code: code, detail: detail, settingsKey: settings.settingsKey)
        }
        throw OAuthError.badResponse(url: url, status: response.status, detail: "no device_code and user_code")
    }

    /// Polls the token endpoint at the provider's interval (slower after `slow_down`) until the user
    /// has entered the code, declined, or the code expired; keeps and returns the tokens.
    /// `wait(seconds)` sleeps (tests pass one that moves their clock).
    public func finishDeviceSignIn(
        _ authorization: OAuthDeviceAuthorization, wait: (Int) -> Void
    ) throws
        -> OAuthToken
    {
        var interval = authorization.interval
        let deadline = clock.now.addingTimeInterval(TimeInterval(authorization.expiresIn))
        var form = [
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", authorization.deviceCode), ("client_id", settings.clientId),
        ]
        if let clientSecret = try clientSecret { form.append(("client_secret", clientSecret)) }
        while true {
            wait(interval)
            if clock.now > deadline { throw OAuthError.codeExpired }
            do {
                let token = try exchange(form, previous: nil)
                try lock.withLock {
                    try store.save(token, as: name)
                    cached = token
                }
                return token
            } catch OAuthError.authorizationPending {
                continue
            } catch OAuthError.slowDown {
                interval += 5  // RFC 8628 §3.5
            }
        }
    }

    // MARK: the token endpoint

    private func exchange(_ form: [(String, String)], previous: OAuthToken?) throws -> OAuthToken {
        let response = try post(settings.tokenURL, form)
        switch OAuthTokenResponse.parse(response.body) {
        case .token(let access, let expiresIn, let refresh, let scope)?:
            let now = clock.now
            return OAuthToken(
                accessToken: access,
                // No expires_in: assume an hour (the usual), renewing after 45 minutes. At most a year:
                // a date billions of years ahead does not survive the token file's ISO 8601 (fuzz
                // finding oauth-crash-2fa8cec…: `"expires_in": 3.5e18` saved a token that never loaded).
                expiresAt: now.addingTimeInterval(TimeInterval(min(max(1, expiresIn ?? 3600), 366 * 86_400))),
                refreshToken: refresh ?? previous?.refreshToken,
                scopes: scope.map { $0.split(separator: " ").map(String.init) } ?? settings.scopes,
                account: account, provider: settings.provider, clientId: settings.clientId,
                grant: settings.grant.rawValue, signedInAt: previous?.signedInAt ?? now, refreshedAt: now,
                refreshes: previous.map { $0.refreshes + 1 } ?? 0, lastError: nil, needsSignIn: false)
        case .error(let code, let detail)?:
            switch code {
            case "authorization_pending": throw OAuthError.authorizationPending
            case "slow_down": throw OAuthError.slowDown
            case "expired_token": throw OAuthError.codeExpired
            case "access_denied": throw OAuthError.accessDenied(detail: detail)
            default: throw OAuthError.refused(code: code, detail: detail, settingsKey: settings.settingsKey)
            }
        case nil:
            throw OAuthError.badResponse(
                url: settings.tokenURL, status: response.status,
                detail: response.body.isEmpty ? "empty body" : "not a JSON token or error object")
        }
    }

    private func post(_ url: String, _ form: [(String, String)]) throws -> OAuthHTTPResponse {
        do {
            return try http.post(url, form: form, caFile: settings.caFile)
        } catch let error as OAuthError {
            throw error
        } catch {
            throw OAuthError.unreachable(url: url, detail: "\(error)")
        }
    }
}
