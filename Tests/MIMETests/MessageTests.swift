import Testing

@testable import MIME

/// Whole-message behaviour: headers, structure, body selection and the summary JSON.
struct MessageTests {
    static func crlf(_ s: String) -> [UInt8] {
        Array(s.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    @Test func simpleMessage() {
        let m = Message(
            Self.crlf(
                """
                From: "Ann Example" <Ann@Example.org>
                To: bob@example.org, Carol <carol@example.org>
                Subject: =?utf-8?q?Caf=C3=A9?= notes
                Date: Mon, 23 Nov 2026 09:15:00 +0000
                Message-ID: <abc@example.org>

                Hello there.
                """))
        #expect(m.subject == "Café notes")
        #expect(m.from == [MailAddress(name: "Ann Example", address: "ann@example.org")])
        #expect(m.to.map(\.address) == ["bob@example.org", "carol@example.org"])
        #expect(m.date?.iso8601 == "2026-11-23T09:15:00+00:00")
        #expect(m.messageId == "abc@example.org")
        #expect(m.textBody == "Hello there.")
        #expect(m.htmlBody == nil)
        #expect(m.parts.map(\.path) == ["1"])
    }

    @Test func multipartAlternativeWithAttachment() {
        let m = Message(
            Self.crlf(
                """
                From: a@example.org
                Subject: test
                Content-Type: multipart/mixed; boundary="outer"

                preamble
                --outer
                Content-Type: multipart/alternative; boundary=inner

                --inner
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                Caf=E9 =
                ok
                --inner
                Content-Type: text/html

                <p>Caf&eacute;</p>
                --inner--
                --outer
                Content-Type: application/pdf; name="plan.pdf"
                Content-Disposition: attachment
                Content-Transfer-Encoding: base64

                aGVsbG8gd29ybGQ=
                --outer--
                epilogue
                """))
        #expect(m.textBody == "Café ok")
        #expect(m.htmlBody == "<p>Caf&eacute;</p>")
        #expect(m.attachments.map(\.filename) == ["plan.pdf"])
        #expect(m.attachments.first?.data == Array("hello world".utf8))
        #expect(m.parts.map(\.path) == ["1", "1.1", "1.2", "2"])
        #expect(m.fullyDecodedByteCount() > 0)
        let json = m.summary.jsonLine()
        #expect(json.hasPrefix("{\"subject\":\"test\",\"from\":[{\"name\":null,\"address\":\"a@example.org\"}]"))
    }

    @Test func messageGlobalWithUTF8Headers() {
        let m = Message(
            Self.crlf(
                """
                From: a@example.org
                Content-Type: message/global

                From: "Jörg Ünal" <jörg@exämple.org>
                Subject: Grüße aus Köln

                Hallo
                """))
        let inner = m.root.message
        #expect(inner?.subject == "Grüße aus Köln")
        #expect(inner?.from.first?.name == "Jörg Ünal")
        #expect(inner?.from.first?.address == "jörg@exämple.org")
        #expect(inner?.textBody == "Hallo")
    }

    @Test func base64EncodedAttachedMessageIsParsed() {
        // "Subject: inner\r\n\r\nhi\r\n" in base64.
        let m = Message(
            Self.crlf(
                """
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: message/rfc822
                Content-Transfer-Encoding: base64

                U3ViamVjdDogaW5uZXINCg0KaGkNCg==
                --b--
                """))
        #expect(m.root.children.first?.message?.subject == "inner")
        #expect(m.root.children.first?.message?.textBody == "hi\n")
    }

    @Test func digestPartsDefaultToMessages() {
        let m = Message(
            Self.crlf(
                """
                Content-Type: multipart/digest; boundary=d

                --d

                Subject: first

                one
                --d

                Subject: second

                two
                --d--
                """))
        #expect(m.root.children.map(\.contentType.mimeType) == ["message/rfc822", "message/rfc822"])
        #expect(m.root.children.compactMap(\.message?.subject) == ["first", "second"])
    }

    @Test func preambleAndEpilogueAreKept() {
        let bytes = Self.crlf(
            """
            Content-Type: multipart/mixed; boundary=b

            preamble text
            --b

            part
            --b--
            epilogue text
            """)
        let m = Message(bytes)
        let pre = m.root.preambleRange.map { String(decoding: bytes[$0], as: UTF8.self) }
        let epi = m.root.epilogueRange.map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(pre == "preamble text")
        #expect(epi == "epilogue text")
    }
}
