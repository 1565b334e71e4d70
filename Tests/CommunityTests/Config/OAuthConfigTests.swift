import Foundation
import Testing

@testable import Community

@Suite("Config: oauth2")
struct OAuthConfigTests {
    /// A config whose mailbox and sender carry the given extra JSON.
    static func json(mailbox: String, sender: String = #""oauth2": "mailbox""#) -> String {
        """
        {"community": {"name": "C", "address": "learning@example.org"},
         "mailbox": {"imap": "imaps://outlook.office365.com/INBOX", "username": "learning@example.org", \(mailbox)},
         "sender": {"smtp": "smtp://smtp.office365.com:587", "username": "learning@example.org", \(sender)},
         "moderators": ["f@example.org"]}
        """
    }

    @Test func theMicrosoftPresetFillsEndpointsAndScopesAndTheSenderSharesTheSignIn() throws {
        let config = try Config.parse(
            Data(
                Self.json(mailbox: #""oauth2": {"provider": "microsoft", "tenant": "example.org", "clientId": "abc"}"#)
                    .utf8),
            file: "/etc/learnmail/learnmail.json")
        guard case .imap(let mailbox, _, _) = config.mailbox, case .smtp(let sender) = config.sender else {
            Issue.record("expected IMAP and SMTP")
            return
        }
        let oauth = try #require(mailbox.oauth2)
        #expect(oauth.tokenURL == "https://login.microsoftonline.com/example.org/oauth2/v2.0/token")
        #expect(oauth.deviceAuthorizationURL == "https://login.microsoftonline.com/example.org/oauth2/v2.0/devicecode")
        #expect(oauth.scopes.contains("https://outlook.office.com/IMAP.AccessAsUser.All"))
        #expect(oauth.scopes.contains("https://outlook.office.com/SMTP.Send"))
        #expect(oauth.scopes.contains("offline_access"))
        #expect(oauth.grant == .device && oauth.name == "mailbox")
        #expect(sender.oauth2 == oauth, "\"oauth2\": \"mailbox\" reuses the mailbox's sign-in")
        #expect(OAuthProviderPreset.microsoft.messagesPerMinute == 30)
        #expect(OAuthProviderPreset.microsoft.recipientsPerDay == 10_000)
        #expect(OAuthProviderPreset.google.messagesPerDay == 2_000)
    }

    /// A sender signed in at Microsoft or Google keeps to the provider's limits unless
    /// `sender.limits` says otherwise, key by key.
    @Test(arguments: [
        ("microsoft", "", SendingLimits(messagesPerMinute: 30, recipientsPerDay: 10_000)),
        (
            "microsoft", #", "limits": {"recipientsPerDay": 500}"#,
            SendingLimits(messagesPerMinute: 30, recipientsPerDay: 500)
        ),
        ("google", "", SendingLimits(recipientsPerDay: 2_000)),
    ])
    func theProvidersLimitsApplyToTheSender(provider: String, limits: String, expected: SendingLimits) throws {
        let config = try Config.parse(
            Data(
                Self.json(
                    mailbox: #""oauth2": {"provider": "\#(provider)", "clientId": "abc"}"#,
                    sender: #""oauth2": "mailbox""# + limits
                ).utf8),
            file: "/etc/learnmail/learnmail.json")
        #expect(config.senderLimits == expected)
    }

    @Test func defaultsAndOtherPresets() throws {
        let microsoft = try Config.parse(
            Data(
                Self.json(
                    mailbox:
                        #""oauth2": {"provider": "microsoft", "clientId": "abc", "grant": "clientCredentials", "clientSecretEnv": "S"}"#
                ).utf8),
            file: "/x/l.json")
        guard case .imap(let server, _, _) = microsoft.mailbox, let oauth = server.oauth2 else {
            Issue.record("expected oauth2")
            return
        }
        #expect(oauth.tenant == "organizations")
        #expect(oauth.scopes == ["https://outlook.office365.com/.default"])
        #expect(oauth.deviceAuthorizationURL == nil)
        #expect(oauth.clientSecret == .environment("S"))

        let google = try Config.parse(
            Data(
                Self.json(
                    mailbox: #""oauth2": {"provider": "google", "clientId": "g", "clientSecretFile": "g.secret"}"#
                ).utf8),
            file: "/x/l.json")
        guard case .imap(let googleServer, _, _) = google.mailbox, let googleOAuth = googleServer.oauth2 else {
            Issue.record("expected oauth2")
            return
        }
        #expect(googleOAuth.tokenURL == "https://oauth2.googleapis.com/token")
        #expect(googleOAuth.deviceAuthorizationURL == "https://oauth2.googleapis.com/device/code")
        #expect(googleOAuth.scopes == ["https://mail.google.com/"])
        #expect(googleOAuth.clientSecret == .file("/x/g.secret"))
    }

    @Test(arguments: [
        (#""oauth2": {"provider": "microsoft"}"#, "key 'mailbox.oauth2.clientId': is required"),
        (
            #""oauth2": {"provider": "yahoo", "clientId": "a"}"#,
            "key 'mailbox.oauth2.provider': expected \"microsoft\", \"google\" or \"custom\""
        ),
        (#""oauth2": {"provider": "microsoft", "clientId": "a", "grant": "password"}"#, "key 'mailbox.oauth2.grant'"),
        (
            #""oauth2": {"provider": "microsoft", "clientId": "a"}, "passwordFile": "p""#,
            "key 'mailbox.oauth2': give either oauth2 or passwordFile/passwordEnv, not both"
        ),
        (
            #""oauth2": {"provider": "microsoft", "clientId": "a", "clientSecret": "x"}"#,
            "key 'mailbox.oauth2.clientSecret': secrets are never kept in the config"
        ),
        (
            #""oauth2": {"provider": "microsoft", "clientId": "a", "grant": "clientCredentials"}"#,
            "key 'mailbox.oauth2.clientSecretFile': the clientCredentials grant needs"
        ),
        (
            #""oauth2": {"provider": "custom", "clientId": "a", "scopes": ["s"]}"#,
            "key 'mailbox.oauth2.tokenURL': is required for provider \"custom\""
        ),
        (
            #""oauth2": {"provider": "custom", "clientId": "a", "tokenURL": "https://t/token"}"#,
            "key 'mailbox.oauth2.scopes': is required"
        ),
        (
            #""oauth2": {"provider": "custom", "clientId": "a", "tokenURL": "http://t/token", "deviceAuthorizationURL": "https://t/d", "scopes": ["s"]}"#,
            "key 'mailbox.oauth2.tokenURL': expected an https:// URL"
        ),
        (
            #""oauth2": {"provider": "custom", "clientId": "a", "tokenURL": "https://t/token", "scopes": ["s"]}"#,
            "key 'mailbox.oauth2.deviceAuthorizationURL': is required for provider \"custom\" with the device grant"
        ),
        (
            #""oauth2": {"provider": "google", "clientId": "a", "tenant": "x"}"#,
            "key 'mailbox.oauth2.tenant': only the microsoft provider"
        ),
        (
            #""oauth2": {"provider": "microsoft", "clientId": "a", "tokenURL": "https://t"}"#,
            "key 'mailbox.oauth2.tokenURL': is set by the microsoft preset"
        ),
        (
            #""oauth2": {"provider": "microsoft", "clientId": "a", "colour": "blue"}"#,
            "key 'mailbox.oauth2.colour': unknown key"
        ),
        (#""oauth2": "mailbox""#, "key 'mailbox.oauth2': expected an object"),
    ])
    func errorsNameTheKey(mailbox: String, expected: String) {
        do {
            _ = try Config.parse(
                Data(Self.json(mailbox: mailbox, sender: #""passwordEnv": "P""#).utf8), file: "learnmail.json")
            Issue.record("expected an error containing \(expected)")
        } catch let error as ConfigError {
            #expect(error.description.contains(expected), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func theSenderCannotShareAMailboxSignInThatDoesNotExist() {
        let json = Self.json(mailbox: #""passwordEnv": "P""#)
        #expect(throws: ConfigError.self) { _ = try Config.parse(Data(json.utf8), file: "learnmail.json") }
        do {
            _ = try Config.parse(Data(json.utf8), file: "learnmail.json")
        } catch {
            #expect(
                "\(error)".contains(
                    "key 'sender.oauth2': \"mailbox\" reuses the mailbox's sign-in, but mailbox has no oauth2"))
        }
    }
}
