import Foundation
import TestServerSupport
import Testing
import Transport

/// OAuth 2.0 sign-in against real servers: the test provider (4-second access tokens, refresh tokens
/// that work once), a Dovecot that accepts the community account only with a bearer token, and a
/// Postfix that takes XOAUTH2/OAUTHBEARER. Serialized: the tests share the provider and the account.
@Suite("OAuth 2.0 on Dovecot and Postfix", .serialized, .enabled(if: OAuthSite.available || TestServers.required))
struct OAuthServerTests {
    let site = OAuthSite()

    /// No token in anything printed, nor in any file of the community folder outside data/oauth/.
    func expectNoToken(_ tokens: [String], in outputs: [String], folder: String) {
        #expect(!tokens.isEmpty, "tokens were kept to look for")
        for token in tokens {
            for output in outputs { #expect(!output.contains(token), "a token was printed: \(output.prefix(300))") }
            let files = SecretsTests.filesHolding(token, under: folder).filter { !$0.hasPrefix("data/oauth/") }
            #expect(files.isEmpty, "a token is in \(files)")
        }
    }

    @Test func theCommunityAccountCannotLogInWithAPassword() throws {
        let box = try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://127.0.0.1:\(site.imapPort)/INBOX", username: "learning", password: "secret",
                allowPlaintext: true))
        #expect(throws: TransportError.self) { _ = try box.status() }
    }

    @Test func signInByDeviceCodeThenCheckAndStatusShowWhoAndUntilWhenButNoToken() throws {
        let run = try site.community()
        let login = try site.signIn(run)
        #expect(login.status == 0, "\(login.output)")
        for expected in [
            "open    \(site.providerURL)/activate", "enter   ", "Signed in: learning", "Scopes: mail offline_access",
            "data/oauth/mailbox.json (mode 0600)",
        ] {
            #expect(login.output.contains(expected), "auth login says \(expected): \(login.output)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: run.folder + "/data/oauth/mailbox.json")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: run.folder + "/data/oauth")[.posixPermissions]
        #expect((folderMode as? NSNumber)?.intValue == 0o700)
        var tokens = site.keptTokens(run)

        let status = try run.learnmail("auth", "status")
        #expect(status.status == 0)
        #expect(status.output.contains("mailbox (used by mailbox and sender): signed in"), "\(status.output)")
        #expect(status.output.contains("valid until"))
        let json = try run.learnmail("auth", "status", "--json")
        let entries = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        #expect(entries?.first?["account"] as? String == "learning")
        #expect(entries?.first?["state"] as? String == "signed in")
        #expect(entries?.first?["hasRefreshToken"] as? Bool == true)

        let check = try run.learnmail("check")
        #expect(check.status == 0, "\(check.output)")
        for expected in [
            "Sign-in mailbox (custom, device): learning, token renewed", "logged in as learning",
            "Sender smtp://127.0.0.1:\(site.smtpPort): connected, logged in as learning", "All good.",
        ] {
            #expect(check.output.contains(expected), "check says \(expected): \(check.output)")
        }
        tokens += site.keptTokens(run)
        let daemonStatus = try run.learnmail("status")
        #expect(daemonStatus.output.contains("Sign-in:      mailbox learning: signed in, access valid until"))
        expectNoToken(
            Array(Set(tokens)), in: [login.output, status.output, json.output, check.output, daemonStatus.output],
            folder: run.folder)

        let logout = try run.learnmail("auth", "logout")
        #expect(logout.output.contains("mailbox: signed out"))
        #expect(!FileManager.default.fileExists(atPath: run.folder + "/data/oauth/mailbox.json"))
        let after = try run.learnmail("check")
        #expect(after.status == 1)
        #expect(after.output.contains("mailbox is not signed in (mailbox.oauth2): run learnmail auth login mailbox"))
    }

    /// The daemon takes mail in and sends notifications for longer than several access tokens live:
    /// each renewal rotates the refresh token, and nothing is lost on the way.
    @Test func ingestAndNotificationsGoOnAcrossAccessTokenExpiriesAndRefreshRotations() throws {
        let run = try site.community()
        #expect(try site.signIn(run).status == 0)
        let firstRefresh = site.keptTokens(run).last
        let before = try site.stats()
        let tag = "rotation-\(UUID().uuidString.prefix(8))"
        let daemon = try site.startDaemon(run)
        defer { site.stop(daemon) }
        var tokens = Set(site.keptTokens(run))
        // Three contributions, each after the previous access token has lapsed.
        for number in 1...3 {
            try site.submit(title: "Tablets \(tag) \(number)", number: number)
            #expect(try site.waitForNotifications(tag: tag, count: number) == number, "notification \(number) arrived")
            tokens.formUnion(site.keptTokens(run))
            Thread.sleep(forTimeInterval: site.accessTTL + 0.5)
        }
        #expect(daemon.isRunning)
        site.stop(daemon)
        let after = try site.stats()
        let refreshes = (after["refreshes"] ?? 0) - (before["refreshes"] ?? 0)
        #expect(refreshes >= 3, "the access token was renewed \(refreshes) time(s)")
        #expect(site.keptTokens(run).last != firstRefresh, "the refresh token was rotated")
        let status = try run.learnmail("auth", "status", "--json")
        let renewals =
            (try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [[String: Any]])?
            .first?["renewals"] as? Int
        #expect((renewals ?? 0) >= 3, "\(status.output)")
        #expect(try site.facilitatorSubjects().filter { $0.contains(tag) }.count == 3, "one notification each")
        let log = (try? String(contentsOfFile: run.folder + "/daemon.log", encoding: .utf8)) ?? ""
        #expect(!log.contains("error:"), "\(log)")
        expectNoToken(Array(tokens), in: [log, status.output], folder: run.folder)
    }

    /// The provider withdraws the sign-in: the daemon logs what to do and keeps running; `status` and
    /// `check` say "run learnmail auth login"; a new sign-in is picked up without a restart.
    @Test func aRevokedRefreshTokenIsAClearErrorAndTheDaemonKeepsRunning() throws {
        let run = try site.community()
        #expect(try site.signIn(run).status == 0)
        let daemon = try site.startDaemon(run)
        defer { site.stop(daemon) }
        Thread.sleep(forTimeInterval: 1.5)
        try site.provider("/revoke-user", [("username", "learning")])
        let tag = "revoked-\(UUID().uuidString.prefix(8))"
        try site.submit(title: "Drop-in \(tag)", number: 1)
        let logPath = run.folder + "/daemon.log"
        let deadline = Date().addingTimeInterval(site.accessTTL + 10)
        var log = ""
        while Date() < deadline, !log.contains("run learnmail auth login") {
            Thread.sleep(forTimeInterval: 0.25)
            log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        }
        #expect(log.contains("the provider no longer accepts the sign-in for mailbox (invalid_grant"), "\(log)")
        #expect(log.contains("run learnmail auth login mailbox"))
        Thread.sleep(forTimeInterval: 1.5)
        #expect(daemon.isRunning, "the daemon keeps running")

        let status = try run.learnmail("status")
        #expect(status.output.contains("Sign-in:      mailbox learning: sign in again"), "\(status.output)")
        #expect(status.output.contains("run learnmail auth login mailbox"))
        let check = try run.learnmail("check")
        #expect(check.status == 1)
        #expect(check.output.contains("Sign-in mailbox (custom, device): FAILED — the provider no longer accepts"))
        #expect(check.output.contains("run learnmail auth login mailbox"), "\(check.output)")

        // Signing in again while the daemon runs: it reads the new tokens and takes the waiting mail.
        #expect(try site.signIn(run).status == 0)
        #expect(try site.waitForNotifications(tag: tag, count: 1, seconds: 20) == 1, "the waiting contribution went on")
        #expect(daemon.isRunning)
    }

    /// An access token the server refuses before it expires (revoked alone at the provider): learnmail
    /// renews it once and logs in again, and the round goes through.
    @Test func aRefusedAccessTokenIsRenewedOnceAndTheLoginRetried() throws {
        let run = try site.community()
        #expect(try site.signIn(run).status == 0)
        let access = try #require(site.keptTokens(run).first)
        try site.provider("/revoke", [("token", access)])
        let before = try site.stats()
        let once = try run.learnmail("run", "--once")
        #expect(once.status == 0, "\(once.output)")
        let after = try site.stats()
        #expect((after["refreshes"] ?? 0) - (before["refreshes"] ?? 0) == 1, "renewed exactly once")
        #expect(site.keptTokens(run).first != access)
        expectNoToken([access], in: [once.output], folder: run.folder)
    }

    @Test func clientCredentialsSignInWithoutAStepAndReadTheMailbox() throws {
        let run = try site.community(grant: .clientCredentials)
        let before = try site.stats()
        let check = try run.learnmail("check")
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("Sign-in mailbox (custom, clientCredentials): learning, token renewed"))
        let login = try run.learnmail("auth", "login")
        #expect(login.output.contains("the clientCredentials grant needs no sign-in"), "\(login.output)")
        let tag = "app-\(UUID().uuidString.prefix(8))"
        try site.submit(title: "Volunteers \(tag)", number: 2)
        Thread.sleep(forTimeInterval: 1)
        let once = try run.learnmail("run", "--once")
        #expect(once.status == 0, "\(once.output)")
        #expect(try site.waitForNotifications(tag: tag, count: 1) == 1)
        let after = try site.stats()
        #expect((after["client_credentials"] ?? 0) - (before["client_credentials"] ?? 0) >= 2)
        let json = try run.learnmail("auth", "status", "--json")
        #expect(json.output.contains("\"grant\":\"clientCredentials\""))
        #expect(json.output.contains("\"hasRefreshToken\":false"))
        expectNoToken(
            site.keptTokens(run), in: [check.output, login.output, once.output, json.output], folder: run.folder)
    }
}
