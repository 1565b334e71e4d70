// The bearer-challenge half of the `oauth` fuzz target (the token endpoint half is
// Tests/CommunityTests/OAuthFuzzPaths.swift): what an IMAP or SMTP server sends back when it refuses
// an XOAUTH2/OAUTHBEARER login. Shared by the libFuzzer build and `BearerFuzzRegressionTests`.
import Foundation

#if !LEARNMAIL_FUZZ
    @testable import Transport
#endif

enum BearerFuzzPaths {
    /// The bytes as the protocol lines libcurl kept (`+ …`, `334 …`), as a challenge's base64
    /// text, and as the JSON inside a challenge (base64-encoded here, both in an IMAP and an SMTP line).
    static func challenge(_ bytes: [UInt8]) {
        if let found = BearerChallenge.find(in: bytes) { _ = found.explanation }
        let text = String(decoding: bytes, as: UTF8.self)
        if let parsed = BearerChallenge.parse(text) { _ = parsed.explanation }
        let encoded = Data(bytes).base64EncodedString()
        let parsed = BearerChallenge.parse(encoded)
        if let parsed { _ = parsed.explanation }
        // Unpadded, as some SMTP servers send it.
        let unpadded = String(encoded.prefix { $0 != "=" })
        precondition(BearerChallenge.parse(unpadded) == parsed, "padding changes the challenge read")
        for prefix in ["+ ", "334 "] {
            let lines = Array("A1 AUTHENTICATE XOAUTH2\r\n\(prefix)\(unpadded)\r\nA1 NO failed\r\n".utf8)
            precondition(BearerChallenge.find(in: lines) == parsed, "a \(prefix)line reads differently")
        }
    }
}
