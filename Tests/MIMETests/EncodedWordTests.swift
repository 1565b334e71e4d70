import Testing

@testable import MIME

/// RFC 2047 encoded words in unstructured headers.
struct EncodedWordTests {
    @Test(arguments: [
        ("=?utf-8?q?caf=C3=A9?=", "café"),
        ("=?UTF-8?B?Y2Fmw6k=?=", "café"),
        ("=?iso-8859-1?q?caf=E9?=", "café"),
        ("=?utf-8?q?hello_world?=", "hello world"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?=\t  =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c"),
        // A multi-byte character split across two words (é = C3 A9).
        ("=?utf-8?q?caf=C3?= =?utf-8?q?=A9?=", "café"),
        ("=?utf-8?b?w6k=?= =?utf-8?b?w6k=?=", "éé"),
        // RFC 2231 language suffix.
        ("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"),
        // Malformed words stay literal.
        ("=?utf-8?x?nope?=", "=?utf-8?x?nope?="),
        ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
        ("a =? b", "a =? b"),
        ("=??q?empty charset?=", "=??q?empty charset?="),
        // Unknown charset: decoded leniently, never dropped.
        ("=?x-unknown?q?caf=C3=A9?=", "café"),
        ("=?koi8-r?b?8NLJ18XU?=", "Привет"),
        ("=?iso-2022-jp?b?GyRCJDMkcyRLJEEkTxsoQg==?=", "こんにちは"),
    ])
    func decodes(_ input: String, _ expected: String) {
        #expect(EncodedWord.decodeUnstructured(Array(input.utf8)) == expected)
    }

    @Test(arguments: [
        ("[SPAM]=?utf-8?q?Hi?=", "[SPAM] Hi"),
        ("=?utf-8?q?Hi?=there", "Hi there"),
        ("plain text", "plain text"),
    ])
    func wordsGluedToTextAreSetOff(_ input: String, _ expected: String) {
        #expect(EncodedWord.decodeUnstructured(Array(input.utf8), separateWords: true) == expected)
    }
}
