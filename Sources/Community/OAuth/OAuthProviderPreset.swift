/// What learnmail knows about a mail provider's OAuth 2.0 sign-in and its sending limits.
///
/// Endpoints and scopes as the providers document them: Microsoft's identity platform
/// (`login.microsoftonline.com/{tenant}/oauth2/v2.0/devicecode` and `/token`; Exchange Online's
/// IMAP and SMTP scopes, with `offline_access` for a refresh token, and `/.default` for the
/// client-credentials grant) and Google's (`oauth2.googleapis.com/device/code` and `/token`, the
/// one mail scope `https://mail.google.com/`). One sign-in covers IMAP and SMTP together.
public struct OAuthProviderPreset: Sendable, Equatable {
    public struct Endpoints: Sendable, Equatable {
        public var tokenURL: String
        public var deviceAuthorizationURL: String?
        public var scopes: [String]
    }

    public var name: String
    /// Submission limits per mailbox, as data for the sender's pacing (`sender.limits`); nil when the
    /// provider publishes none that fits.
    public var messagesPerMinute: Int?
    public var messagesPerDay: Int?
    public var recipientsPerDay: Int?
    private let make: @Sendable (_ tenant: String, _ grant: Config.OAuth2.Grant) -> Endpoints

    public func endpoints(tenant: String, grant: Config.OAuth2.Grant) -> Endpoints { make(tenant, grant) }

    public static func == (lhs: OAuthProviderPreset, rhs: OAuthProviderPreset) -> Bool { lhs.name == rhs.name }

    /// Exchange Online: 30 messages a minute and 10,000 recipients a day per mailbox.
    public static let microsoft = OAuthProviderPreset(
        name: "microsoft", messagesPerMinute: 30, messagesPerDay: nil, recipientsPerDay: 10_000
    ) { tenant, grant in
        let base = "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0"
        switch grant {
        case .device:
            return Endpoints(
                tokenURL: base + "/token", deviceAuthorizationURL: base + "/devicecode",
                scopes: [
                    "https://outlook.office.com/IMAP.AccessAsUser.All", "https://outlook.office.com/SMTP.Send",
                    "offline_access",
                ])
        case .clientCredentials:
            // App-only access takes the resource's static permissions (IMAP.AccessAsApp) as `.default`.
            return Endpoints(
                tokenURL: base + "/token", deviceAuthorizationURL: nil,
                scopes: ["https://outlook.office365.com/.default"])
        }
    }

    /// Google Workspace: about 2,000 messages a day per user.
    public static let google = OAuthProviderPreset(
        name: "google", messagesPerMinute: nil, messagesPerDay: 2_000, recipientsPerDay: nil
    ) { _, grant in
        Endpoints(
            tokenURL: "https://oauth2.googleapis.com/token",
            deviceAuthorizationURL: grant == .device ? "https://oauth2.googleapis.com/device/code" : nil,
            scopes: ["https://mail.google.com/"])
    }

    /// The preset of a configured provider name; nil for `custom`.
    public static func named(_ name: String) -> OAuthProviderPreset? {
        switch name {
        case "microsoft": return microsoft
        case "google": return google
        default: return nil
        }
    }
}
