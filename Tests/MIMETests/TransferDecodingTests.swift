import Testing

@testable import MIME

/// base64, quoted-printable and x-uuencode (RFC 2045 section 6), all lenient.
struct TransferDecodingTests {
    static func b64(_ s: String) -> [UInt8] { Array(s.utf8).withUnsafeBufferPointer { TransferDecoding.base64($0) } }
    static func qp(_ s: String) -> String {
        String(decoding: Array(s.utf8).withUnsafeBufferPointer { TransferDecoding.quotedPrintable($0) }, as: UTF8.self)
    }

    @Test(arguments: [
        ("aGVsbG8gd29ybGQ=", "hello world"),
        ("aGVsbG8g\r\nd29ybGQ=\r\n", "hello world"),
        ("aGVs bG8g\td29y bGQ", "hello world"),
        ("aGVsbG8gd29ybA", "hello worl"),  // missing padding
        ("aGVsbG8=aGVsbG8=", "hellohello"),  // concatenated blocks
        ("aGVs!!bG8=", "hello"),  // junk skipped
        ("", ""),
        ("=", ""),
        ("a", ""),
        ("SGk-_w==", "Hi>\u{FFFD}"),  // base64url alphabet tolerated
    ])
    func base64(_ input: String, _ expected: String) {
        #expect(String(decoding: Self.b64(input), as: UTF8.self) == expected)
    }

    @Test func base64LargeRoundTrip() {
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var enc = [UInt8]()
        var i = 0
        while i < data.count {
            let n = min(3, data.count - i)
            let b0 = UInt32(data[i]) << 16
            let b1 = n > 1 ? UInt32(data[i + 1]) << 8 : 0
            let b2 = n > 2 ? UInt32(data[i + 2]) : 0
            let v = b0 | b1 | b2
            enc.append(alphabet[Int(v >> 18 & 63)])
            enc.append(alphabet[Int(v >> 12 & 63)])
            enc.append(n > 1 ? alphabet[Int(v >> 6 & 63)] : 0x3D)
            enc.append(n > 2 ? alphabet[Int(v & 63)] : 0x3D)
            i += 3
            if enc.count % 78 == 76 { enc += [0x0D, 0x0A] }
        }
        #expect(enc.withUnsafeBufferPointer { TransferDecoding.base64($0) } == data)
    }

    @Test(arguments: [1, 3, 4, 7, 64, 1 << 18])
    func base64ChunksMatchWholeDecoding(_ chunk: Int) {
        let inputs = [
            "aGVsbG8gd29ybGQ=", "aGVs\r\nbG8g\r\nd29y\r\nbGQ", "aGVsbG8=aGVsbG8=", "aGVs!!bG8=", "YQ==YmM=ZGVm",
        ]
        for input in inputs {
            var chunked = [UInt8]()
            Array(input.utf8).withUnsafeBufferPointer { p in
                TransferDecoding.base64Chunks(p, chunk: chunk) { chunked += $0 }
            }
            #expect(chunked == Self.b64(input), "\(input) in chunks of \(chunk)")
        }
    }

    @Test(arguments: [
        ("caf=C3=A9", "café"),
        ("caf=c3=a9", "café"),
        ("soft =\r\nbreak", "soft break"),
        ("soft =\nbreak", "soft break"),
        ("soft =  \r\nbreak, then = at the very end =", "soft break, then = at the very end "),
        ("trailing   \r\nspace", "trailing\r\nspace"),
        ("broken =ZZ escape", "broken =ZZ escape"),
        ("= at end=", "= at end"),
        ("a=3D=3Db", "a==b"),
        ("keep\ttab\tinside", "keep\ttab\tinside"),
    ])
    func quotedPrintable(_ input: String, _ expected: String) {
        #expect(Self.qp(input) == expected)
    }

    @Test func qEncoding() {
        let out = Array("a_b=3Dc=".utf8).withUnsafeBufferPointer { TransferDecoding.qEncoding($0) }
        #expect(String(decoding: out, as: UTF8.self) == "a b=c=")
    }

    @Test func uudecode() {
        let text = "begin 644 cat.txt\n#0V%T\n`\nend\n"
        let (bytes, name) = Array(text.utf8).withUnsafeBufferPointer { TransferDecoding.uudecode($0) }
        #expect(String(decoding: bytes, as: UTF8.self) == "Cat")
        #expect(name == "cat.txt")
    }

    @Test func uuencodedPartIsAnAttachment() {
        let msg =
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee file\r\n--b\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
            + "begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n--b--\r\n"
        let m = Message(Array(msg.utf8))
        #expect(m.attachments.first?.filename == "cat.txt")
        #expect(m.attachments.first?.data == Array("Cat".utf8))
    }
}
