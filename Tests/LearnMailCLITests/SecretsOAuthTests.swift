import Foundation
import Testing
import Transport

@testable import Community
@testable import LearnMailCLI

/// OAuth 2.0 tokens stay in data/oauth/: no command prints one, no description shows one.
@Suite("Secrets: OAuth 2.0 tokens")
struct SecretsOAuthTests {
    static let access = "at-NeverPrintThisAccessToken-0123456789"
    static let refresh = "rt-NeverPrintThisRefreshToken-0123456789"

    @Test func statusAndAuthStatusShowTheSignInButNoToken() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lm-oauth-secrets-\(UUID().uuidString)"
        )
        .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = """
            {"community": {"name": "C", "address": "learning@example.org"},
             "mailbox": {"imap": "imaps://outlook.office365.com/INBOX", "username": "learning@example.org",
                         "oauth2": {"provider": "microsoft", "tenant": "example.org", "clientId": "client-1"}},
             "sender": {"smtp": "smtp://smtp.office365.com:587", "username": "learning@example.org", "oauth2": "mailbox"},
             "moderators": ["f@example.org"]}
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: folder + "/learnmail.json"))
        let now = Date()
        let token = OAuthToken(
            accessToken: Self.access, expiresAt: now.addingTimeInterval(3600), refreshToken: Self.refresh,
            scopes: ["https://outlook.office.com/IMAP.AccessAsUser.All"], account: "learning@example.org",
            provider: "microsoft", clientId: "client-1", grant: "device", signedInAt: now, refreshedAt: now,
            refreshes: 0, lastError: nil, needsSignIn: false)
        let store = OAuthTokenStore(dataDirectory: folder + "/data")
        try store.save(token, as: "mailbox")
        #expect(!"\(token)".contains(Self.access) && !"\(token)".contains(Self.refresh))

        var outputs: [String] = []
        for arguments in [["auth", "status"], ["auth", "status", "--json"], ["status"], ["status", "--json"]] {
            let result = try learnmail(["--config", folder + "/learnmail.json"] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.output)")
            outputs.append(result.output)
        }
        #expect(outputs[0].contains("mailbox (used by mailbox and sender): signed in"), "\(outputs[0])")
        #expect(outputs[1].contains("\"account\":\"learning@example.org\""))
        #expect(outputs[2].contains("Sign-in:      mailbox learning@example.org: signed in, access valid until"))
        #expect(outputs[3].contains("\"signIns\""))
        for output in outputs {
            #expect(!output.contains(Self.access) && !output.contains(Self.refresh), "\(output)")
        }
        let holding: [String] = [Self.access, Self.refresh].flatMap { SecretsTests.filesHolding($0, under: folder) }
        #expect(Set(holding) == ["data/oauth/mailbox.json"], "only the token store holds the tokens: \(holding)")
    }

    final class FixedToken: BearerTokenSource {
        func bearerToken() throws -> String { SecretsOAuthTests.access }
        func bearerRefused(_ token: String) {}
    }

    @Test func configurationsWithABearerDescribeItWithoutTheToken() {
        let bearer = BearerCredential(FixedToken(), settingsKey: "mailbox.oauth2")
        let imap = IMAPConfiguration(
            url: "imaps://outlook.office365.com/INBOX", username: "learning@example.org", password: "", bearer: bearer)
        let smtp = SMTPConfiguration(
            url: "smtp://smtp.office365.com:587", username: "learning@example.org", bearer: bearer)
        for text in ["\(imap)", "\(smtp)", "\(bearer)"] {
            #expect(text.contains("OAuth 2.0 (mailbox.oauth2)"), "\(text)")
            #expect(!text.contains(Self.access))
        }
    }
}
