import Foundation
import Testing
import Transport

@testable import Community
@testable import MailAdapters

/// What IMAP and SMTP do when no access token can be had (the sign-in was revoked): no connection,
/// a clear error, and outgoing mail kept queued for after `learnmail auth login`.
@Suite("OAuth 2.0: a revoked sign-in")
struct OAuthSinkTests {
    final class Revoked: BearerTokenSource {
        func bearerToken() throws -> String {
            throw OAuthError.revoked(name: "mailbox", detail: "AADSTS50173: the grant was revoked")
        }
        func bearerRefused(_ token: String) {}
    }

    static let bearer = BearerCredential(Revoked(), settingsKey: "mailbox.oauth2")

    @Test func theSinkKeepsMailQueuedUntouchedAndSaysRunAuthLogin() throws {
        // Port 1 on loopback: were a connection tried, it would fail as unreachable instead.
        let sink = SMTPMailSink(
            sender: try SMTPSender(
                SMTPConfiguration(url: "smtp://127.0.0.1:1", username: "learning@example.org", bearer: Self.bearer)))
        let envelope = Envelope(
            from: "learning@example.org", recipients: ["a@example.org", "b@example.org"],
            data: Array("Subject: x\r\n\r\nhello\r\n".utf8))
        do {
            _ = try sink.deliver([envelope, envelope])
            Issue.record("expected the delivery to stop")
        } catch let error as CommandError {
            #expect(error.description.contains("SMTP login to 127.0.0.1:1 with OAuth 2.0 failed"), "\(error)")
            #expect(error.description.contains("run learnmail auth login mailbox"))
        }
    }

    @Test func theMailboxSaysRunAuthLoginWithoutConnecting() throws {
        let mailbox = try IMAPMailbox(
            IMAPConfiguration(
                url: "imaps://127.0.0.1:1/INBOX", username: "learning@example.org", password: "", bearer: Self.bearer))
        do {
            _ = try mailbox.status()
            Issue.record("expected the login to fail")
        } catch {
            #expect(error.isSignInFailure)
            #expect(
                error.description
                    == "IMAP login to 127.0.0.1:1 with OAuth 2.0 failed: the provider no longer accepts the sign-in "
                    + "for mailbox (invalid_grant: AADSTS50173: the grant was revoked): run learnmail auth login mailbox"
            )
        }
    }
}
