import Foundation
import MIME
import Testing

@testable import Community

@Suite struct IntakeRulesTests {
    static func mail(_ headers: String, body: String = "Hello.") -> Message {
        Message(Array((headers + "\r\n\r\n" + body + "\r\n").utf8))
    }

    static let base = "From: Ann <ann@examplehousing.org.uk>\r\nTo: learning@example.org\r\nMessage-ID: <m@x>"

    @Test(arguments: [
        ("Subject: Tablets", nil as String?),
        ("Subject: Tablets\r\nAuto-Submitted: no", nil),
        ("Subject: Tablets\r\nAuto-Submitted: auto-replied", "Auto-Submitted: auto-replied"),
        ("Subject: Tablets\r\nAuto-Submitted: auto-generated; owner-email=x@y", "Auto-Submitted: auto-generated"),
        ("Subject: Tablets\r\nPrecedence: bulk", "Precedence: bulk"),
        ("Subject: Tablets\r\nPrecedence: junk", "Precedence: junk"),
        ("Subject: Tablets\r\nPrecedence: list", "Precedence: list"),
        ("Subject: Tablets\r\nPrecedence: first-class", nil),
        ("Subject: Tablets\r\nList-Id: <partners.lists.example.org>", "mailing-list header List-Id"),
        ("Subject: Tablets\r\nList-Unsubscribe: <mailto:u@x>", "mailing-list header List-Unsubscribe"),
        ("Subject: Tablets\r\nReturn-Path: <>", "empty Return-Path (<>)"),
        ("Subject: Tablets\r\nReturn-Path: <ann@examplehousing.org.uk>", nil),
        ("Subject: Tablets\r\nX-Autoreply: yes", "auto-responder header X-Autoreply"),
        ("Subject: Tablets\r\nX-Autorespond: yes", "auto-responder header X-Autorespond"),
        ("Subject: Re: Tablets\r\nX-Auto-Response-Suppress: All", nil),
        (
            "Subject: Out of the office until Monday\r\nX-Auto-Response-Suppress: All",
            "out-of-office reply (X-Auto-Response-Suppress)"
        ),
        ("Subject: Automatic reply: Tablets", "out-of-office subject"),
        ("Subject: Out of Office: Tablets", "out-of-office subject"),
        ("Subject: Ateb awtomatig: Tabledi", "out-of-office subject"),
        ("Subject: Réponse automatique : Tablettes", "out-of-office subject"),
        ("Subject: Automatische Antwort: Tablets", "out-of-office subject"),
        ("Subject: Abwesenheitsnotiz: Tablets", "out-of-office subject"),
        ("Subject: Respuesta automática: Tabletas", "out-of-office subject"),
        ("Subject: =?utf-8?q?R=C3=A9ponse_automatique_:_x?=", "out-of-office subject"),
        ("Subject: Out of office learning: what we do when staff are away", nil),
    ])
    func automatedMail(headers: String, reason: String?) {
        #expect(AutomatedMail.reason(for: Self.mail(Self.base + "\r\n" + headers)) == reason)
    }

    @Test func deliveryStatusIsABounceNotJustAutomatic() {
        let dsn = Self.mail(
            "From: MAILER-DAEMON@mx.example.org\r\nTo: learning@example.org\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
            body:
                "--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Final-Recipient: rfc822; x@y\r\nAction: failed\r\nStatus: 5.1.1\r\n--b--")
        #expect(AutomatedMail.classify(dsn) == .bounce(reason: "delivery status notification (multipart/report)"))
        let mdn = Self.mail(
            Self.base + "\r\nSubject: Read: Tablets\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=disposition-notification; boundary=b",
            body: "--b\r\nContent-Type: text/plain\r\n\r\nread\r\n--b--")
        #expect(AutomatedMail.classify(mdn) == .automatic(reason: "read receipt (multipart/report)"))
        let postmaster = Self.mail("From: postmaster@x.org\r\nReturn-Path: <>\r\nSubject: failure notice")
        #expect(
            AutomatedMail.classify(postmaster) == .bounce(reason: "bounce from postmaster with an empty Return-Path"))
    }

    @Test(arguments: [
        ("Re: Tablets", "Tablets"), ("RE: FW: Tablets", "Tablets"), ("Fwd: Re: Fw: AW: SV: WG: Tablets", "Tablets"),
        ("[Partners] Re: [Learning] Tablets", "Tablets"), ("Re[2]: Tablets", "Tablets"), ("Re: Re: Re: Re: x", "x"),
        ("AW : Tablets", "Tablets"), ("Tablets (fwd)", "Tablets"), ("Rethinking tablets", "Rethinking tablets"),
        ("Fwd:Tablets", "Tablets"), ("TR: RV: Tablets", "Tablets"), ("   Tablets\r\n folded", "Tablets folded"),
        ("Re: Tablets: what worked", "Tablets: what worked"), ("[EXTERNAL] RE: Tablets", "Tablets"),
        ("EXTERNAL: Tablets", "Tablets"),
        ("Re: Received as #42, awaiting review: Tablets", "Tablets"), ("RE: Published: #7 Tablets", "Tablets"),
        ("Re: Received as #42, held for the facilitator: Tablets", "Tablets"),
        ("Received as a gift", "Received as a gift"), ("[]", ""), ("", ""),
    ])
    func titles(subject: String, title: String) {
        #expect(SubjectTitle.title(fromSubject: subject) == title)
    }

    @Test(arguments: [
        ("See https://example.org/a.", ["https://example.org/a"]),
        ("(see https://example.org/a)", ["https://example.org/a"]),
        (
            "https://en.wikipedia.org/wiki/Digital_divide_(UK) and more",
            ["https://en.wikipedia.org/wiki/Digital_divide_(UK)"]
        ),
        ("<https://example.org/b>, https://example.org/b", ["https://example.org/b"]),
        ("www.learnmyway.com!", ["https://www.learnmyway.com"]),
        ("HTTPS://EXAMPLE.ORG/X", ["HTTPS://EXAMPLE.ORG/X"]),
        ("\"https://example.org/q?a=1&b=2\"", ["https://example.org/q?a=1&b=2"]),
        ("no links here, just e-mail a@b.org", []),
        ("http:// broken and https://x", []),
        (
            "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fp%3Fx%3D1&data=abc",
            ["https://example.org/p?x=1"]
        ),
        ("https://www.google.com/url?q=https://example.org/g&sa=D", ["https://example.org/g"]),
        ("https://urldefense.com/v3/__https://example.org/v3__;!!x$", ["https://example.org/v3"]),
        ("https://urldefense.proofpoint.com/v2/url?u=https-3A__example.org_v2&d=x", ["https://example.org/v2"]),
        ("https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Ffb&h=x", ["https://example.org/fb"]),
        (
            "form: https://www.eastvale-\nca.example/digital/databank\n\nRob",
            ["https://www.eastvale-ca.example/digital/databank"]
        ),
        ("form: https://www.eastvale-\r\nca.example/x", ["https://www.eastvale-ca.example/x"]),
        ("see https://example.org/a-\n\nnext", ["https://example.org/a-"]),
    ])
    func links(text: String, expected: [String]) {
        #expect(LinkFinder.links(in: text) == expected)
    }

    @Test(arguments: [
        ("No links.", "No links."),
        (
            "Help: https://www.nhs.uk/app/ (https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.nhs.uk%2Fapp%2F&data=x)",
            "Help: https://www.nhs.uk/app/"
        ),
        ("Guide (https://www.google.com/url?q=https://example.org/g&sa=D).", "Guide (https://example.org/g)."),
        ("<https://urldefense.com/v3/__https://example.org/v3__;!!x$>", "<https://example.org/v3>"),
        ("https://example.org/a (https://example.org/b)", "https://example.org/a (https://example.org/b)"),
    ])
    func unwrappingInText(text: String, expected: String) {
        #expect(LinkFinder.unwrappingLinks(in: text) == expected)
    }

    @Test(arguments: [
        ("plan.pdf", "application/pdf", "1-plan.pdf", "plan.pdf"),
        ("../../etc/passwd", "text/plain", "1-passwd", "passwd"),
        ("C:\\Users\\ann\\My Plan.docx", "application/msword", "1-My-Plan.docx", "My Plan.docx"),
        (".htaccess", "text/plain", "1-htaccess", ".htaccess"),
        ("...", "application/pdf", "1-attachment-1.pdf", "attachment-1.pdf"),
        ("Café “plan”.pdf", "application/pdf", "1-Cafe-plan-.pdf", "Café “plan”.pdf"),
        ("a\u{0}b\r\nc.txt", "text/plain", "1-abc.txt", "abc.txt"),
        ("план.pdf", "application/pdf", "1-pdf", "план.pdf"),
        ("", "image/png", "1-attachment-1.png", "attachment-1.png"),
    ])
    func attachmentNames(original: String, type: String, stored: String, display: String) {
        #expect(AttachmentNaming.storedName(original.isEmpty ? nil : original, contentType: type, index: 1) == stored)
        #expect(AttachmentNaming.displayName(original.isEmpty ? nil : original, contentType: type, index: 1) == display)
    }

    @Test func longNamesKeepTheirExtension() {
        let name = AttachmentNaming.storedName(String(repeating: "a", count: 300) + ".pdf", contentType: "", index: 12)
        #expect(name.hasPrefix("12-") && name.hasSuffix(".pdf") && name.count <= 84)
    }

    @Test(arguments: [
        ("ann@examplehousing.org.uk", SenderPolicy.Decision.partner(organisation: "Example Housing"), false),
        ("ann@mail.examplehousing.org.uk", .partner(organisation: "Example Housing"), false),
        ("ann@notexamplehousing.org.uk", .hold(reason: "notexamplehousing.org.uk is not a partner domain"), false),
        ("Facilitator@Example.org", .moderator, false),
        ("jo@gmail.com", .hold(reason: "gmail.com is not a partner domain"), false),
        ("jo@gmail.com", .anyone, true),
        ("", .hold(reason: "the sender has no usable address"), true),
    ])
    func senderPolicy(address: String, decision: SenderPolicy.Decision, anyone: Bool) {
        let policy = SenderPolicy(
            anyoneMayContribute: anyone, rules: IntakeFixtures.rules, moderators: ["facilitator@example.org"])
        #expect(policy.decide(address) == decision)
    }

    @Test func duplicates() {
        let t0 = Date(timeIntervalSince1970: 1_795_425_300)
        func item(_ id: Int, _ mid: String?, _ from: String, _ body: String, _ at: Date) -> LearningItem {
            LearningItem(
                id: id,
                contribution: Contribution(title: "t", contributor: Person(address: from), body: body, messageId: mid),
                receivedAt: at)
        }
        let existing = [item(1, "a@x", "ann@x.org", "We lent tablets.", t0), item(2, nil, "bob@x.org", "Other.", t0)]
        func check(_ mid: String?, _ from: String, _ body: String, _ at: Date) -> Int? {
            DuplicateCheck.duplicate(
                of: Contribution(title: "t", contributor: Person(address: from), body: body, messageId: mid),
                receivedAt: at,
                among: existing)
        }
        #expect(check("a@x", "someone@else.org", "Different", t0 + 30 * 86_400) == 1)
        #expect(check("b@x", "ANN@x.org", "We  lent\ntablets.", t0 + 3600) == 1)
        #expect(check("b@x", "ann@x.org", "We lent tablets.", t0 + 25 * 3600) == nil)
        #expect(check("b@x", "ann@x.org", "We lent laptops.", t0 + 3600) == nil)
        #expect(check(nil, "carol@x.org", "We lent tablets.", t0) == nil)
    }

    @Test(arguments: [
        ("Area: devices AND data", "Devices and Data"), ("Area: Nonsense\n\nOur volunteers", "Digital Champions"),
        ("Area: general\n\nvolunteers", "General"), ("Scam scams SCAM, volunteer", "Online Safety"),
        ("champions-led tablet session", "Digital Champions"), ("Datasets and simulations", "General"),
    ])
    func learningArea(body: String, area: String) {
        let result = ContributionExtractor.extract(
            subject: "x", contributor: Person(address: "a@b.org"), text: body, messageId: nil,
            rules: IntakeFixtures.rules)
        #expect(result.contribution.learningArea == area)
    }

    @Test(arguments: [
        ("Short.", "Short."),
        (
            String(repeating: "word ", count: 100),
            String(repeating: "word ", count: 56).trimmingCharacters(in: .whitespaces) + "…"
        ),
        ("Hello everyone!\n\nThe real first paragraph.", "The real first paragraph."),
        ("First line\nwrapped here.\n\nSecond.", "First line wrapped here."),
        ("Helo bawb,\n\n(English below)\n\nRydyn ni wedi cynnal chwe sesiwn.", "Rydyn ni wedi cynnal chwe sesiwn."),
        ("Tablets.\n\nMore text here.", "Tablets."),
    ])
    func summaries(body: String, summary: String) {
        #expect(ContributionExtractor.summarise(body) == summary)
        #expect(ContributionExtractor.summarise(body).count <= 280)
    }
}
