// libFuzzer entry of the `oauth`, `smtpanswer`, `preview` and `site` targets, one binary for the
// four (a Community + MIME build under ASan takes a quarter of an hour on the shared machine);
// scripts/fuzz names the target in LEARNMAIL_FUZZ_TARGET:
//   oauth:      what a token endpoint or a server sends back to an OAuth 2.0 sign-in: token and error
//               JSON, device authorization, a session renewing and polling with that body
//               (Tests/CommunityTests/OAuthFuzzPaths.swift), and the base64 JSON challenge of a
//               refused XOAUTH2/OAUTHBEARER login (Tests/TransportTests/BearerFuzzPaths.swift).
//   smtpanswer: SMTP reply lines → SMTP's `Reply` and `DeliveryFailure`, the outbox's decision and
//               the retry policy (Tests/CommunityTests/SMTPAnswerFuzzPaths.swift).
//   preview:    a moderator's reply to the digest preview → `DigestPreviewReply.parse`,
//               `DigestPreviewToken.find` and the confirmation mail (…/PreviewFuzzPaths.swift).
//   site:       arbitrary fields of a learning item → the hub's plan and the digest, pages free of
//               scripts and Atom feeds well-formed (…/SiteFuzzPaths.swift).
import Foundation

enum CommunityFuzzTarget {
    static let name: String = ProcessInfo.processInfo.environment["LEARNMAIL_FUZZ_TARGET"] ?? ""
    static let run: ([UInt8]) -> Void = {
        switch name {
        case "oauth":
            return { bytes in
                OAuthFuzzPaths.tokenEndpoint(bytes)
                BearerFuzzPaths.challenge(bytes)
            }
        case "smtpanswer": return SMTPAnswerFuzzPaths.answers
        case "preview": return PreviewFuzzPaths.reply
        case "site": return SiteFuzzPaths.build
        default:
            fatalError("LEARNMAIL_FUZZ_TARGET must be oauth, smtpanswer, preview or site (is \"\(name)\")")
        }
    }()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommunityTargets(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    CommunityFuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
