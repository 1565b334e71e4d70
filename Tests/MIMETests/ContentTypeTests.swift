import Testing

@testable import MIME

/// Content-Type and Content-Disposition parameters: RFC 2045, RFC 2231, RFC 2047 in names, breakage.
struct ContentTypeTests {
    @Test(
        arguments: [
            ("text/plain", "text/plain", [:]),
            ("Text/HTML; Charset=\"UTF-8\"", "text/html", ["charset": "UTF-8"]),
            (" text / plain ; charset = us-ascii (comment)", "text/plain", ["charset": "us-ascii"]),
            ("multipart/mixed; boundary=\"simple boundary\"", "multipart/mixed", ["boundary": "simple boundary"]),
            ("multipart/mixed; boundary=gc0pJq0M:08jU534c0p", "multipart/mixed", ["boundary": "gc0pJq0M:08jU534c0p"]),
            ("application/pdf; name=My File.pdf", "application/pdf", ["name": "My File.pdf"]),
            ("application/pdf; name=\"a\\\"b.pdf\"", "application/pdf", ["name": "a\"b.pdf"]),
            ("text/plain; charset=utf-8 format=flowed", "text/plain", ["charset": "utf-8", "format": "flowed"]),
            ("image/png; name=\"=?utf-8?q?caf=C3=A9?=.png\"", "image/png", ["name": "café.png"]),
            // RFC 2231: charset'language'value, continuations in any order, mixed encoded and plain pieces.
            (
                "application/x-stuff; title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A", "application/x-stuff",
                ["title": "This is ***fun***"]
            ),
            (
                "application/x-stuff; title*1*=%2A%2A%2Afun%2A%2A%2A%20; title*0*=us-ascii'en'This%20is%20even%20more%20; title*2=\"isn't it!\"",
                "application/x-stuff", ["title": "This is even more ***fun*** isn't it!"]
            ),
            ("text/plain; name*=\"iso-8859-1''Fr%F6sche.txt\"", "text/plain", ["name": "Frösche.txt"]),
            ("text/plain; name*=utf-8''%E2%82%AC.txt", "text/plain", ["name": "€.txt"]),
            ("text/plain; name*0=\"long \"; name*1=\"name.txt\"", "text/plain", ["name": "long name.txt"]),
        ] as [(String, String, [String: String])])
    func contentType(_ raw: String, _ mime: String, _ params: [String: String]) {
        let ct = ContentType(raw: Array(raw.utf8))
        #expect(ct?.mimeType == mime)
        #expect(ct?.parameters == params)
    }

    @Test(arguments: ["", "/", "/plain", ";charset=us-ascii", "text", "text/"])
    func invalidContentTypeIsNil(_ raw: String) {
        #expect(ContentType(raw: Array(raw.utf8)) == nil)
    }

    @Test(
        arguments: [
            ("attachment; filename=\"plan.pdf\"", "attachment", "plan.pdf"),
            ("inline", "inline", nil),
            ("ATTACHMENT; filename*=UTF-8''%C3%A9t%C3%A9.doc", "attachment", "été.doc"),
            ("attachment; filename==?utf-8?b?w6l0w6kuZG9j?=", "attachment", "été.doc"),
        ] as [(String, String, String?)])
    func disposition(_ raw: String, _ type: String, _ filename: String?) {
        let d = ContentDisposition(raw: Array(raw.utf8))
        #expect(d?.type == type)
        #expect(d?.filename == filename)
    }
}
