// The pure paths the `oauth` fuzz target drives on the Community side: what a token endpoint can
// send back. Shared by the libFuzzer build (`scripts/fuzz` compiles this file with Sources/Community,
// Sources/MIME and Sources/Transport/BearerChallenge.swift as one module, -D LEARNMAIL_FUZZ) and by
// `OAuthFuzzRegressionTests`, which replays every kept input through the same calls. The bearer
// challenge half is `BearerFuzzPaths` (Tests/TransportTests), as `BearerChallenge` lives in Transport.
import Foundation

#if !LEARNMAIL_FUZZ
    @testable import Community
#endif

enum OAuthFuzzPaths {
    /// A provider that answers the fuzzed body first, then `expired_token` (so that a device
    /// sign-in told `authorization_pending` or `slow_down` ends after one more poll).
    final class Provider: OAuthHTTP, @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [OAuthHTTPResponse]
        init(_ first: [UInt8], status: Int) {
            answers = [
                OAuthHTTPResponse(status: status, body: first),
                OAuthHTTPResponse(status: 400, body: Array(#"{"error":"expired_token"}"#.utf8)),
            ]
        }
        func post(_ url: String, form: [(String, String)], caFile: String?) throws -> OAuthHTTPResponse {
            lock.withLock { answers.count > 1 ? answers.removeFirst() : answers[0] }
        }
    }

    final class StepClock: Clock, @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        func sleep(until deadline: Date) { if deadline > now { now = deadline } }
    }

    /// One folder per process for the token files (tmpfs when there is one: every input saves a token).
    static let dataDirectory: String = {
        let base = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return (base as NSString).appendingPathComponent("learnmail-oauth-fuzz-\(getpid())")
    }()

    static func settings(_ grant: Config.OAuth2.Grant) -> Config.OAuth2 {
        Config.OAuth2(
            provider: "custom", tenant: nil, clientId: "client", grant: grant, clientSecret: .none, caFile: nil,
            tokenURL: "https://idp.test/token", deviceAuthorizationURL: "https://idp.test/device",
            scopes: ["mail", "offline_access"], name: "fuzz")
    }

    /// A token endpoint's body → the token/error parser, the device authorization parser, and a whole
    /// session: a client-credentials renewal (saved and read back: a token the provider gave must load
    /// again) and a device sign-in started and polled with this body.
    static func tokenEndpoint(_ bytes: [UInt8]) {
        if let response = OAuthTokenResponse.parse(bytes) {
            if case .error(let code, let detail) = response {
                _ = OAuthError.refused(code: code, detail: detail, settingsKey: "mailbox.oauth2").description
                _ = OAuthError.accessDenied(detail: detail).description
                _ = OAuthError.revoked(name: "mailbox", detail: detail).description
            }
        }
        if let authorization = OAuthDeviceAuthorization.parse(bytes) {
            _ = (authorization.deviceCode, authorization.userCode, authorization.message)
        }
        let store = OAuthTokenStore(dataDirectory: dataDirectory)
        for status in [200, 400] {
            let clock = StepClock()
            let session = OAuthSession(
                settings: settings(.clientCredentials), account: "learning@example.org", store: store,
                http: Provider(bytes, status: status), clock: clock, clientSecret: { "secret" })
            _ = try? store.remove("fuzz")
            if let token = try? session.refreshNow() {
                _ = token.description
                _ = token.renewAt()
                // What was saved reads back as it was given.
                let kept = try? store.load("fuzz")
                precondition(kept == token, "the saved token does not read back: \(String(describing: kept))")
                _ = try? session.accessToken()
            }
            let device = OAuthSession(
                settings: settings(.device), account: "learning@example.org", store: store,
                http: Provider(bytes, status: status), clock: clock, clientSecret: { nil })
            if let authorization = try? device.startDeviceSignIn() {
                let polling = OAuthSession(
                    settings: settings(.device), account: "learning@example.org", store: store,
                    http: Provider(bytes, status: status), clock: clock, clientSecret: { nil })
                _ = try? polling.finishDeviceSignIn(authorization) { seconds in
                    clock.now = clock.now.addingTimeInterval(TimeInterval(seconds))
                }
            }
        }
        _ = try? store.remove("fuzz")
    }
}
