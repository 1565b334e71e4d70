import Testing

@testable import Community

@Suite("Token redaction")
struct TokenRedactionTests {
    static let token = "abcdefghijklmnopqrstuvwxyz"  // 26 base32 characters (y, z in range)
    static var real: String {
        var generator = SystemRandomNumberGenerator()
        return ModerationToken.generate(using: &generator).text
    }

    @Test func tokensInTheSubjectTheAddressesAndTheQuoteBecomeTheSameLengthOfNonToken() throws {
        let token = Self.real
        let message = """
            From: f@example.org\r
            To: learning+mod-\(token)@example.org\r
            Subject: Re: [learnmail #4 tok:\(token.uppercased())] New: x\r
            \r
            approve\r
            > reply to learning+MOD-\(token)@example.org\r

            """
        let redacted = try #require(TokenRedaction.redact(Array(message.utf8)))
        let text = String(decoding: redacted, as: UTF8.self)
        #expect(!text.lowercased().contains(token))
        #expect(redacted.count == Array(message.utf8).count)
        #expect(text.contains("tok:_redacted_") && text.contains("+mod-_redacted_"))
        #expect(TokenRedaction.redact(redacted) == nil)  // once is enough
    }

    @Test func aMessageWithoutTokensIsLeftAlone() {
        let message = "From: a@x\r\nSubject: tok: short, +mod-notatoken\r\n\r\nHello\r\n"
        #expect(TokenRedaction.redact(Array(message.utf8)) == nil)
    }

    @Test func aTokenInABase64BodyTakesTheBodyWithIt() throws {
        let token = Self.real
        let body = "approve\r\n> Reply to learning+mod-\(token)@example.org\r\n"
        let encoded = Base64Encoding.encode(Array(body.utf8))
        let message =
            "From: f@example.org\r\nSubject: Re: [learnmail #4 tok:\(token)] New\r\nContent-Transfer-Encoding: base64\r\n\r\n\(encoded)\r\n"
        let redacted = try #require(TokenRedaction.redact(Array(message.utf8)))
        let text = String(decoding: redacted, as: UTF8.self)
        #expect(!text.contains(token) && !text.contains(encoded))
        #expect(text.contains("removed this message's body"))
        #expect(text.hasPrefix("From: f@example.org\r\nSubject: Re: [learnmail #4 tok:_redacted_"))
    }

    @Test func aTokenInAnEncodedSubjectLeavesAMinimalHeader() throws {
        let token = Self.real
        let encoded = Base64Encoding.encode(Array("Re: [learnmail #4 tok:\(token)] Neu".utf8))
        let message =
            "From: f@example.org\r\nSubject: =?utf-8?b?\(encoded)?=\r\nMessage-ID: <m@x>\r\n\r\napprove\r\n"
        let redacted = try #require(TokenRedaction.redact(Array(message.utf8)))
        let text = String(decoding: redacted, as: UTF8.self)
        #expect(!text.contains(encoded))
        #expect(text.contains("From: <f@example.org>") && text.contains("Message-ID: <m@x>"))
        #expect(ModerationToken.find(subject: text, addresses: []) == nil)
    }

    @Test func aReadersOwnAddressTokensAreRedactedToo() throws {
        let message =
            "To: learning+bounce-k3mbq7zx4wd2ypta@example.org\r\nX: learning+unsubscribe-abcdefgh2345@x\r\n\r\n"
        let text = String(decoding: try #require(TokenRedaction.redact(Array(message.utf8))), as: UTF8.self)
        #expect(!text.contains("k3mbq7zx4wd2ypta") && !text.contains("abcdefgh2345"))
        #expect(text.contains("learning+bounce-_redacted_______@example.org"))
    }
}

/// Base64 for the tests' fixtures (RFC 4648, with padding).
enum Base64Encoding {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var out = ""
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(0) { $0 | Int($1.element) << (16 - 8 * $1.offset) }
            for position in 0..<4 {
                out.append(position <= chunk.count ? alphabet[(value >> (18 - 6 * position)) & 63] : "=")
            }
            index += 3
        }
        return out
    }
}
