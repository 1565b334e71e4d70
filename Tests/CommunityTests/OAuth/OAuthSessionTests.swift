import Foundation
import Testing

@testable import Community

/// A provider that answers from a script and records what it was asked (never the network).
final class ScriptedProvider: OAuthHTTP, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [(Int, String)]
    private(set) var requests: [(url: String, form: [String: String])] = []

    init(_ answers: [(Int, String)]) { self.answers = answers }

    func post(_ url: String, form: [(String, String)], caFile: String?) throws -> OAuthHTTPResponse {
        try lock.withLock {
            requests.append((url, Dictionary(form, uniquingKeysWith: { $1 })))
            guard !answers.isEmpty else { throw CocoaError(.fileReadUnknown) }
            let (status, body) = answers.removeFirst()
            return OAuthHTTPResponse(status: status, body: Array(body.utf8))
        }
    }

    var grants: [String] { lock.withLock { requests.compactMap { $0.form["grant_type"] } } }
}

@Suite("OAuth 2.0 session")
struct OAuthSessionTests {
    static func token(_ access: String, refresh: String? = nil, expiresIn: Int = 3600) -> (Int, String) {
        let refreshPart = refresh.map { #", "refresh_token": "\#($0)""# } ?? ""
        return (
            200,
            #"{"access_token": "\#(access)", "token_type": "Bearer", "expires_in": \#(expiresIn), "scope": "mail offline_access"\#(refreshPart)}"#
        )
    }

    static func error(_ code: String, _ description: String = "") -> (Int, String) {
        (400, #"{"error": "\#(code)", "error_description": "\#(description)"}"#)
    }

    static func settings(grant: Config.OAuth2.Grant = .device) -> Config.OAuth2 {
        Config.OAuth2(
            provider: "custom", tenant: nil, clientId: "client", grant: grant,
            clientSecret: grant == .clientCredentials ? .environment("X") : .none, caFile: nil,
            tokenURL: "https://idp.test/token", deviceAuthorizationURL: "https://idp.test/device",
            scopes: ["mail", "offline_access"], name: "mailbox")
    }

    static func session(
        _ provider: ScriptedProvider, clock: ManualClock, grant: Config.OAuth2.Grant = .device
    ) throws -> (OAuthSession, OAuthTokenStore) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-oauth-unit-\(UUID().uuidString)")
            .path
        let store = OAuthTokenStore(dataDirectory: folder)
        let session = OAuthSession(
            settings: settings(grant: grant), account: "learning@example.org", store: store, http: provider,
            clock: clock, clientSecret: { grant == .clientCredentials ? "s3cret" : nil })
        return (session, store)
    }

    /// Signs in through the device flow with a scripted provider: pending, slow_down, then tokens.
    static func signedIn(_ provider: ScriptedProvider, clock: ManualClock) throws -> (OAuthSession, OAuthTokenStore) {
        let (session, store) = try session(provider, clock: clock)
        let authorization = try session.startDeviceSignIn()
        var waits: [Int] = []
        _ = try session.finishDeviceSignIn(authorization) { seconds in
            waits.append(seconds)
            clock.advance(TimeInterval(seconds))
        }
        #expect(waits == [2, 2, 7], "polls at the interval, 5 s slower after slow_down")
        return (session, store)
    }

    static let device = (
        200,
        #"{"device_code": "dc", "user_code": "ABCD", "verification_uri": "https://idp.test/activate", "expires_in": 600, "interval": 2}"#
    )

    @Test func deviceSignInPollsAtTheIntervalHonoursSlowDownAndKeepsTheTokens() throws {
        let clock = ManualClock()
        let provider = ScriptedProvider([
            Self.device, Self.error("authorization_pending"), Self.error("slow_down"),
            Self.token("A1", refresh: "R1"),
        ])
        let (_, store) = try Self.signedIn(provider, clock: clock)
        let kept = try #require(try store.load("mailbox"))
        #expect(kept.accessToken == "A1" && kept.refreshToken == "R1")
        #expect(kept.scopes == ["mail", "offline_access"])
        let mode = try FileManager.default.attributesOfItem(atPath: store.path("mailbox"))[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o600)
        #expect(provider.requests.first?.form["scope"] == "mail offline_access")
        #expect(!kept.description.contains("A1") && !kept.description.contains("R1"), "description shows no token")
    }

    @Test(arguments: [
        ("expired_token", "the code expired before it was entered"),
        ("access_denied", "the sign-in was declined at the provider (access_denied"),
        ("invalid_client", "check mailbox.oauth2.clientId"),
    ])
    func deviceSignInFailuresSayWhatToDo(code: String, expected: String) throws {
        let (session, _) = try Self.session(ScriptedProvider([Self.device, Self.error(code)]), clock: ManualClock())
        let authorization = try session.startDeviceSignIn()
        do {
            _ = try session.finishDeviceSignIn(authorization) { _ in }
            Issue.record("expected \(code) to fail")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    @Test func aCodeNotEnteredInTimeExpiresWithoutAskingForever() throws {
        let clock = ManualClock()
        let pending = Array(repeating: Self.error("authorization_pending"), count: 400)
        let (session, _) = try Self.session(ScriptedProvider([Self.device] + pending), clock: clock)
        let authorization = try session.startDeviceSignIn()
        #expect(throws: OAuthError.codeExpired) {
            _ = try session.finishDeviceSignIn(authorization) { clock.advance(TimeInterval($0)) }
        }
    }

    @Test func theAccessTokenIsRenewedAheadOfExpiryAndTheRotatedRefreshTokenIsSavedFirst() throws {
        let clock = ManualClock()
        let provider = ScriptedProvider([
            Self.device, Self.error("authorization_pending"), Self.error("slow_down"), Self.token("A1", refresh: "R1"),
            Self.token("A2", refresh: "R2"), Self.token("A3"),
        ])
        let (session, store) = try Self.signedIn(provider, clock: clock)
        #expect(try session.accessToken() == "A1")
        clock.advance(3600 - 301)
        #expect(try session.accessToken() == "A1", "more than five minutes left: no renewal")
        clock.advance(2)
        #expect(try session.accessToken() == "A2", "renewed five minutes ahead")
        #expect(provider.requests.last?.form["refresh_token"] == "R1")
        #expect(try store.load("mailbox")?.refreshToken == "R2", "the rotated refresh token is on disk")
        // A provider that does not rotate: the old refresh token stays.
        session.refused("A2")
        #expect(try session.accessToken() == "A3", "a refused token is renewed at once")
        #expect(provider.requests.last?.form["refresh_token"] == "R2")
        #expect(try store.load("mailbox")?.refreshToken == "R2")
        #expect(try store.load("mailbox")?.refreshes == 2)
    }

    @Test func aShortLivedTokenIsRenewedAQuarterOfItsLifeAhead() throws {
        let clock = ManualClock()
        let provider = ScriptedProvider([
            Self.device, Self.error("authorization_pending"), Self.error("slow_down"),
            Self.token("A1", refresh: "R1", expiresIn: 8), Self.token("A2", refresh: "R2", expiresIn: 8),
        ])
        let (session, _) = try Self.signedIn(provider, clock: clock)
        clock.advance(5)
        #expect(try session.accessToken() == "A1")
        clock.advance(1.5)
        #expect(try session.accessToken() == "A2")
    }

    @Test func aRevokedRefreshTokenSaysRunAuthLoginAndIsNotTriedAgain() throws {
        let clock = ManualClock()
        let provider = ScriptedProvider([
            Self.device, Self.error("authorization_pending"), Self.error("slow_down"), Self.token("A1", refresh: "R1"),
            Self.error("invalid_grant", "AADSTS50173: the grant was revoked"),
        ])
        let (session, store) = try Self.signedIn(provider, clock: clock)
        clock.advance(3600)
        do {
            _ = try session.accessToken()
            Issue.record("expected invalid_grant")
        } catch let error as OAuthError {
            #expect(error.needsSignIn)
            #expect(
                error.description
                    == "the provider no longer accepts the sign-in for mailbox (invalid_grant: AADSTS50173: the grant was revoked): run learnmail auth login mailbox"
            )
        }
        let kept = try #require(try store.load("mailbox"))
        #expect(kept.needsSignIn)
        let asked = provider.requests.count
        #expect(throws: OAuthError.self) { _ = try session.accessToken() }
        #expect(provider.requests.count == asked, "a refused refresh token is not sent again")
    }

    @Test func withoutASignInTheDeviceGrantSaysRunAuthLogin() throws {
        let (session, _) = try Self.session(ScriptedProvider([]), clock: ManualClock())
        #expect(throws: OAuthError.notSignedIn(name: "mailbox")) { _ = try session.accessToken() }
        #expect(OAuthError.notSignedIn(name: "mailbox").description.contains("run learnmail auth login mailbox"))
    }

    @Test func clientCredentialsNeedNoSignInAndSendTheSecret() throws {
        let clock = ManualClock()
        let provider = ScriptedProvider([Self.token("C1", expiresIn: 3600), Self.token("C2", expiresIn: 3600)])
        let (session, _) = try Self.session(provider, clock: clock, grant: .clientCredentials)
        #expect(try session.accessToken() == "C1")
        #expect(provider.requests[0].form["grant_type"] == "client_credentials")
        #expect(provider.requests[0].form["client_secret"] == "s3cret")
        clock.advance(3400)
        #expect(try session.accessToken() == "C2")
    }

    @Test func anUnreachableOrStrangeProviderIsNamed() throws {
        let (session, _) = try Self.session(
            ScriptedProvider([(502, "<html>bad gateway</html>")]), clock: ManualClock(), grant: .clientCredentials)
        do {
            _ = try session.accessToken()
            Issue.record("expected a failure")
        } catch {
            #expect("\(error)".contains("the token endpoint https://idp.test/token answered HTTP 502"), "\(error)")
        }
        do {
            _ = try session.accessToken()  // the script is empty: no answer at all
            Issue.record("expected a failure")
        } catch {
            #expect("\(error)".contains("the token endpoint https://idp.test/token cannot be reached"), "\(error)")
        }
    }

    @Test(arguments: [
        (#"{"access_token": "x", "token_type": "bearer", "expires_in": "3599"}"#, true),
        (#"{"access_token": "x", "token_type": "mac"}"#, false),
        (#"{"access_token": ""}"#, false),
        (#"not json"#, false),
    ])
    func tokenResponsesAreParsedStrictly(body: String, isToken: Bool) {
        if case .token(_, let expires, _, _)? = OAuthTokenResponse.parse(Array(body.utf8)) {
            #expect(isToken)
            #expect(expires == 3599)
        } else {
            #expect(!isToken)
        }
    }
}
