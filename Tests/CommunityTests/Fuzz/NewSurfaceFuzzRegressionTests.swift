import Foundation
import Testing

@testable import Community

/// Replays what the `oauth`, `smtpanswer`, `preview` and `site` fuzz targets keep
/// (`Fixtures/fuzz/<target>-*`: inputs that once crashed, hung or failed a target's check) through
/// the same calls the targets make (`OAuthFuzzPaths`, `SMTPAnswerFuzzPaths`, `PreviewFuzzPaths`,
/// `SiteFuzzPaths`), with a few hand-made inputs of each kind so that every path runs even before
/// anything is kept. Each must finish; a trap here is a regression of a fixed fuzz finding.
@Suite struct NewSurfaceFuzzRegressionTests {
    static func kept(_ target: String) -> [String] { FuzzRegressionTests.files("fuzz", prefix: target + "-") }
    static func bytes(_ path: String) throws -> [UInt8] { try FuzzRegressionTests.bytes(path) }

    static let tokenBodies = [
        #"{"access_token":"at","token_type":"Bearer","expires_in":3600,"refresh_token":"rt","scope":"mail"}"#,
        #"{"error":"slow_down"}"#, #"{"error":"invalid_grant","error_description":"revoked"}"#,
        #"{"device_code":"dc","user_code":"AB-CD","verification_uri":"https://idp.test/d","interval":5}"#,
        "not json",
    ]

    @Test(arguments: kept("oauth"))
    func oauthPathFinishes(path: String) throws {
        OAuthFuzzPaths.tokenEndpoint(try Self.bytes(path))
    }

    @Test(arguments: tokenBodies)
    func oauthPathRunsOnTokenBodies(body: String) {
        OAuthFuzzPaths.tokenEndpoint(Array(body.utf8))
    }

    /// Fuzz finding oauth-crash-2fa8cec…: a provider's `"expires_in": 3.5e18` made a token whose
    /// expiry (3.5e18 s ahead) the token file's ISO 8601 could not keep, so the saved sign-in never
    /// loaded again. The lifetime is capped at a year.
    @Test(arguments: [
        #"{"access_token": "at-6", "expires_in": 3.5e+18}"#, #"{"access_token":"a","expires_in":9223372036854775807}"#,
    ])
    func aTokenWithAnEndlessLifetimeIsKeptReadable(body: String) throws {
        let store = OAuthTokenStore(dataDirectory: OAuthFuzzPaths.dataDirectory + "-huge")
        defer { try? FileManager.default.removeItem(atPath: OAuthFuzzPaths.dataDirectory + "-huge") }
        let clock = OAuthFuzzPaths.StepClock()
        let session = OAuthSession(
            settings: OAuthFuzzPaths.settings(.clientCredentials), account: "learning@example.org", store: store,
            http: OAuthFuzzPaths.Provider(Array(body.utf8), status: 200), clock: clock, clientSecret: { "s" })
        let token = try session.refreshNow()
        #expect(token.expiresAt <= clock.now.addingTimeInterval(366 * 86_400))
        #expect(try store.load("fuzz") == token)
    }

    /// Fuzz finding oauth-crash-59cab12…: a device authorization with `"interval": Int.max` whose
    /// poll is answered `slow_down` overflowed `interval += 5` in `finishDeviceSignIn`. The interval
    /// is capped at ten minutes.
    @Test func aDeviceIntervalNearIntMaxIsCapped() throws {
        let body = #"{"device_code": "dc", "user_code": "X", "verification_uri": "u", "interval": 9223372036854775807}"#
        let authorization = try #require(OAuthDeviceAuthorization.parse(Array(body.utf8)))
        #expect(authorization.interval == 600)
        let store = OAuthTokenStore(dataDirectory: OAuthFuzzPaths.dataDirectory + "-interval")
        defer { try? FileManager.default.removeItem(atPath: OAuthFuzzPaths.dataDirectory + "-interval") }
        let clock = OAuthFuzzPaths.StepClock()
        let session = OAuthSession(
            settings: OAuthFuzzPaths.settings(.device), account: "learning@example.org", store: store,
            http: OAuthFuzzPaths.Provider(Array(#"{"error":"slow_down"}"#.utf8), status: 400), clock: clock,
            clientSecret: { nil })
        var waits: [Int] = []
        #expect(throws: OAuthError.codeExpired) {
            try session.finishDeviceSignIn(authorization) { seconds in
                waits.append(seconds)
                clock.now = clock.now.addingTimeInterval(TimeInterval(seconds))
            }
        }
        #expect(waits == [600, 605])
    }

    @Test(arguments: kept("smtpanswer"))
    func smtpAnswerPathFinishes(path: String) throws {
        SMTPAnswerFuzzPaths.answers(try Self.bytes(path))
    }

    @Test(arguments: ["450 4.7.1 Error: too much mail", "452 4.5.3 Too many recipients\n550 5.1.1 x", "", "4.7.1"])
    func smtpAnswerPathRunsOnReplies(text: String) {
        SMTPAnswerFuzzPaths.answers(Array(text.utf8))
    }

    @Test(arguments: kept("preview"))
    func previewPathFinishes(path: String) throws {
        PreviewFuzzPaths.reply(try Self.bytes(path))
    }

    @Test(arguments: [
        "hold 42, 43\nnote\nWelcome <b>back</b>.\nend\n> quoted",
        "Re: [learnmail digest 2026-W49 tok:abcdefghijklmnopqrstuvwxy2]\nlearning+preview-abcdefghijklmnopqrstuvwxy2@example.org",
    ])
    func previewPathRunsOnReplies(text: String) {
        PreviewFuzzPaths.reply(Array(text.utf8))
    }

    @Test(arguments: kept("site"))
    func sitePathFinishes(path: String) throws {
        SiteFuzzPaths.build(try Self.bytes(path))
    }

    /// The hub's hostile sample, field by field: its checks hold on markup in every field.
    @Test func sitePathRunsOnTheHostileSample() {
        let evil = SiteSamples.evil
        let fields = SiteFuzzPaths.Field.allCases.map { field -> String in
            switch field {
            case .links: return "javascript:alert(3)\nhttps://example.org/?q=\"><script>alert(4)</script>"
            case .attachments: return "<svg onload=alert(5)>.pdf\npage.html\n../../etc/passwd"
            case .baseURL: return "https://learning.example.org/\"><script>"
            default: return "\(field) " + evil + "\u{1}\u{FFFE}&bogus;"
            }
        }
        SiteFuzzPaths.build(Array(fields.joined(separator: "\u{1F}").utf8))
    }

    /// The feed check is not vacuous: it refuses what a broken renderer would write.
    @Test(arguments: [
        ("<feed><title>a</title></feed>", false),
        (
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed a=\"1\"><title>x &amp; y</title><link href=\"h\"/></feed>\n",
            true
        ),
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed><title>x <b> y</title></feed>", false),
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed><title>x & y</title></feed>", false),
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed><title>x \u{1} y</title></feed>", false),
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed><title a=\"<\">x</title></feed>", false),
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed><title>x</feed></title>", false),
        ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed><entry></feed>", false),
    ])
    func theFeedCheckTellsBrokenFeeds(feed: String, wellFormed: Bool) {
        #expect((FeedCheck.problem(feed) == nil) == wellFormed)
    }

    /// And the hub's own feeds pass it, as does the script count of its pages.
    @Test func theHubsOwnFeedsPassTheCheck() {
        let plan = SiteRenderer(SiteSamples.content(SiteSamples.ordinary + [SiteSamples.hostile])).plan()
        let feeds = plan.files.filter { $0.path.hasSuffix(".xml") }
        #expect(feeds.count >= 2)
        for feed in feeds { #expect(FeedCheck.problem(String(decoding: feed.bytes, as: UTF8.self)) == nil) }
        let search = plan.files.first { $0.path == "search.html" }
        #expect(SiteFuzzPaths.occurrences(of: "<script", in: String(decoding: search?.bytes ?? [], as: UTF8.self)) == 2)
    }
}
