import Foundation
import Testing

@testable import Transport

@Suite("OAuth 2.0 bearer in Transport")
struct BearerTests {
    static func base64(_ json: String) -> String { Data(json.utf8).base64EncodedString() }

    @Test func theChallengeOfARefusedTokenIsExplained() {
        // Google's XOAUTH2 answer (an IMAP continuation), Dovecot's OAUTHBEARER one (SMTP 334).
        let imap = Array(
            "+ \(Self.base64(#"{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}"#))\r\nA002 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n"
                .utf8)
        let google = BearerChallenge.find(in: imap)
        #expect(google == BearerChallenge(status: "401", scope: "https://mail.google.com/"))
        #expect(
            google?.explanation.contains("invalid or expired (the server wants scope https://mail.google.com/)") == true
        )
        let smtp = Array(
            "334 \(Self.base64(#"{"status":"insufficient_scope","schemes":"bearer","scope":"mail"}"#).replacingOccurrences(of: "=", with: ""))\r\n535 5.7.8 Error\r\n"
                .utf8)
        #expect(BearerChallenge.find(in: smtp)?.explanation.contains("lacks the permission") == true)
        #expect(BearerChallenge.find(in: Array("+ not base64 at all\r\n".utf8)) == nil)
    }

    @Test(arguments: [
        ("AUTH XOAUTH2 dXNlcj1sZWFybmluZwFhdXRoPUJlYXJlciBhdC14eXoBAQ==\r\n", true),
        ("AUTH PLAIN AGxlYXJuaW5nAHNlY3JldA==\r\n", true),
        ("A001 AUTHENTICATE OAUTHBEARER bixhPWxlYXJuaW5nLAFhdXRoPUJlYXJlciB4AQE=\r\n", true),
        ("bixhPWxlYXJuaW5nLAFhdXRoPUJlYXJlciB4AQE=\r\n", true),
        ("MAIL FROM:<learning@example.org>\r\n", false),
        ("RCPT TO:<a@example.org>\r\n", false),
        ("EHLO localhost\r\n", false),
        ("DATA\r\n", false),
    ])
    func linesCarryingCredentialsAreNotKept(line: String, credential: Bool) {
        #expect(CurlEasy.isCredentialLine(Array(line.utf8)) == credential)
    }

    @Test func formsAreEncodedAsRFC6749Wants() {
        #expect(
            HTTPSPoster.encode([
                ("scope", "https://outlook.office.com/IMAP.AccessAsUser.All offline_access"), ("a+b", "é"),
            ])
                == "scope=https%3A%2F%2Foutlook.office.com%2FIMAP.AccessAsUser.All%20offline_access&a%2Bb=%C3%A9")
    }

    @Test func plainHTTPTokenEndpointsAreRefused() {
        #expect(throws: HTTPSPoster.Failure.self) {
            _ = try HTTPSPoster().post("http://127.0.0.1:1/token", form: [], caFile: nil)
        }
    }
}
