import Foundation

extension Config {
    /// Signing in with OAuth 2.0 instead of a password (DESIGN.md "Signing in where the mail lives"):
    /// the `oauth2` object of `mailbox` or `sender`, with the provider preset's endpoints and scopes filled in.
    public struct OAuth2: Sendable, Equatable {
        public enum Grant: String, Sendable, Equatable {
            /// RFC 8628: `learnmail auth login` shows a code to enter at the provider; the refresh token is kept.
            case device
            /// RFC 6749 §4.4: app-only access with a client secret; no sign-in step.
            case clientCredentials
        }

        /// `microsoft`, `google` or `custom`.
        public var provider: String
        /// Microsoft's tenant (a domain or GUID; default `organizations`); nil for other providers.
        public var tenant: String?
        public var clientId: String
        public var grant: Grant
        /// Where the client secret comes from (`clientSecretFile`/`clientSecretEnv`); `.none` for a public client.
        public var clientSecret: Secret
        /// A private CA for the token endpoints (tests); nil trusts the system's CAs.
        public var caFile: String?
        public var tokenURL: String
        public var deviceAuthorizationURL: String?
        public var scopes: [String]
        /// The sign-in this one is: `mailbox`, or `sender` (`"oauth2": "mailbox"` in `sender` gives `mailbox`).
        /// It names the token file `data/oauth/NAME.json` and the config key in messages.
        public var name: String

        /// The config key of this sign-in's settings, for messages: `mailbox.oauth2`.
        public var settingsKey: String { name + ".oauth2" }

        /// Resolves the client secret; nil when none is configured (a public client, e.g. for the device grant).
        public func resolveClientSecret(configFile: String) throws -> String? {
            try clientSecret.resolve(key: settingsKey, configFile: configFile, named: "clientSecret")
        }
    }
}

extension ObjectReader {
    /// Reads `oauth2` of `mailbox` (an object) or of `sender` (an object, or `"mailbox"` to reuse the
    /// mailbox's sign-in). Nil when absent. `name` is `mailbox` or `sender`.
    func oauth2(name: String, mailbox: Config.OAuth2?, absolute: (String) -> String) throws -> Config.OAuth2? {
        guard has("oauth2") else { return nil }
        if let shared = try? string("oauth2", default: nil) {
            guard name == "sender", shared == "mailbox" else {
                throw error(
                    at: "oauth2",
                    "expected an object (provider, clientId, …)" + (name == "sender" ? " or \"mailbox\"" : ""))
            }
            guard let mailbox else {
                throw error(
                    at: "oauth2", "\"mailbox\" reuses the mailbox's sign-in, but mailbox has no oauth2 object")
            }
            return mailbox
        }
        let reader = try object("oauth2")
        let provider = try reader.string("provider")
        let clientId = try reader.string("clientId")
        if clientId.isEmpty { throw reader.error(at: "clientId", "must not be empty: the application (client) id") }
        let grantName = try reader.string("grant", default: "device") ?? "device"
        guard let grant = Config.OAuth2.Grant(rawValue: grantName) else {
            throw reader.error(at: "grant", "expected \"device\" or \"clientCredentials\", got '\(grantName)'")
        }
        let secretFile = try reader.string("clientSecretFile", default: nil)
        let secretEnv = try reader.string("clientSecretEnv", default: nil)
        if secretFile != nil && secretEnv != nil {
            throw reader.error(at: "clientSecretFile", "give either clientSecretFile or clientSecretEnv, not both")
        }
        if reader.has("clientSecret") {
            throw reader.error(
                at: "clientSecret", "secrets are never kept in the config: use clientSecretFile or clientSecretEnv")
        }
        let secret: Config.Secret =
            secretFile.map { .file(absolute($0)) } ?? secretEnv.map { .environment($0) } ?? .none
        if grant == .clientCredentials, secret == .none {
            throw reader.error(
                at: "clientSecretFile", "the clientCredentials grant needs clientSecretFile or clientSecretEnv")
        }
        let tenantSetting = try reader.string("tenant", default: nil)
        let tokenSetting = try reader.string("tokenURL", default: nil)
        let deviceSetting = try reader.string("deviceAuthorizationURL", default: nil)
        let scopeSetting = reader.has("scopes") ? try reader.stringArray("scopes") : nil

        let endpoints: OAuthProviderPreset.Endpoints
        switch provider {
        case "microsoft", "google":
            for key in ["tokenURL", "deviceAuthorizationURL"] where reader.has(key) {
                throw reader.error(at: key, "is set by the \(provider) preset; use provider \"custom\" to give it")
            }
            if provider == "google", tenantSetting != nil {
                throw reader.error(at: "tenant", "only the microsoft provider has a tenant")
            }
            let tenant = tenantSetting ?? "organizations"
            if provider == "microsoft",
                tenant.isEmpty || !tenant.allSatisfy({ $0.isLetter || $0.isNumber || "-.".contains($0) })
            {
                throw reader.error(
                    at: "tenant", "expected a tenant domain or id such as example.org or organizations, got '\(tenant)'"
                )
            }
            let preset = provider == "microsoft" ? OAuthProviderPreset.microsoft : OAuthProviderPreset.google
            endpoints = preset.endpoints(tenant: tenant, grant: grant)
        case "custom":
            guard let tokenSetting else { throw reader.error(at: "tokenURL", "is required for provider \"custom\"") }
            guard let scopeSetting, !scopeSetting.isEmpty else {
                throw reader.error(at: "scopes", "is required for provider \"custom\": an array of scope strings")
            }
            if grant == .device, deviceSetting == nil {
                throw reader.error(
                    at: "deviceAuthorizationURL", "is required for provider \"custom\" with the device grant")
            }
            endpoints = .init(tokenURL: tokenSetting, deviceAuthorizationURL: deviceSetting, scopes: scopeSetting)
        default:
            throw reader.error(at: "provider", "expected \"microsoft\", \"google\" or \"custom\", got '\(provider)'")
        }
        for (key, url) in [
            ("tokenURL", endpoints.tokenURL), ("deviceAuthorizationURL", endpoints.deviceAuthorizationURL),
        ] {
            guard let url else { continue }
            guard url.lowercased().hasPrefix("https://"), URL(string: url)?.host != nil else {
                throw reader.error(
                    at: key, "expected an https:// URL (tokens never travel in plain text), got '\(url)'")
            }
        }
        let settings = Config.OAuth2(
            provider: provider, tenant: provider == "microsoft" ? (tenantSetting ?? "organizations") : nil,
            clientId: clientId, grant: grant, clientSecret: secret,
            caFile: try reader.string("caFile", default: nil).map(absolute),
            tokenURL: endpoints.tokenURL, deviceAuthorizationURL: endpoints.deviceAuthorizationURL,
            scopes: scopeSetting ?? endpoints.scopes, name: name)
        try reader.rejectUnknownKeys()
        return settings
    }
}

extension ObjectReader {
    /// `oauth2` of a server, which replaces its password: both at once is an error, and a bearer token
    /// needs the username it is for.
    func signIn(
        _ server: Config.Server, name: String, mailbox: Config.OAuth2?, absolute: (String) -> String
    ) throws
        -> Config.OAuth2?
    {
        guard let settings = try oauth2(name: name, mailbox: mailbox, absolute: absolute) else { return nil }
        if server.password != .none {
            throw error(
                at: "oauth2",
                "give either oauth2 or passwordFile/passwordEnv, not both: with oauth2 learnmail signs in with tokens")
        }
        if server.username == nil {
            throw error(at: "username", "is required with oauth2: the mailbox address the tokens are for")
        }
        return settings
    }
}
