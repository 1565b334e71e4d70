import Foundation
import Testing

@testable import MIME

/// Property-style: random messages rendered by OutgoingMail and read back by `Message` keep their
/// subject, addresses, text and HTML.
@Suite struct OutgoingMailRoundTripTests {
    private static let pieces: [String] = [
        "a", "Z", "7", "word", "From", ".", "..", "=", "?", "_", "=?", "?=", "\"", "\\", "(", ")", ",", ";", ":", "<",
        ">",
        "@", "[", "]", "'", "é", "ü", "ß", "Ω", "Київ", "日本語", "🌻", "👩‍👩‍👧", "e\u{301}", "\u{A0}", "€", "ﬁ", "-", "*",
    ]

    /// Words separated by one or two spaces (`single`: one, since white space between the words of a
    /// display-name phrase is not significant, RFC 5322 section 3.2.5).
    private static func words(_ rng: inout OutgoingMailTestRNG, count: Int, single: Bool = false) -> String {
        (0..<count).map { _ in
            (0..<Int.random(in: 1...4, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }.joined(separator: single || Bool.random(using: &rng) ? " " : "  ")
    }

    private static func body(_ rng: inout OutgoingMailTestRNG) -> String {
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...12, using: &rng) {
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: lines.append("From " + words(&rng, count: 3))
            case 1: lines.append(".")
            case 2: lines.append("." + words(&rng, count: 2))
            case 3: lines.append(String(repeating: "long" + words(&rng, count: 1), count: 300))
            case 4: lines.append("")
            case 5: lines.append(words(&rng, count: 5) + "  ")
            default: lines.append(words(&rng, count: Int.random(in: 1...20, using: &rng)))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func address(_ rng: inout OutgoingMailTestRNG, _ n: Int) -> MailAddress {
        let name = Bool.random(using: &rng) ? words(&rng, count: Int.random(in: 1...6, using: &rng), single: true) : nil
        return MailAddress(name: name, address: "user\(n).x-y@example\(n % 3).org")
    }

    @Test(arguments: 0..<500)
    func roundTrip(seed: Int) {
        var rng = OutgoingMailTestRNG(seed: UInt64(seed))
        let subject = Self.words(&rng, count: Int.random(in: 1...25, using: &rng))
        let text = Self.body(&rng)
        let html = Bool.random(using: &rng) ? "<p>" + Self.body(&rng) + "</p>" : nil
        let attachments: [(filename: String, contentType: String, data: [UInt8])] =
            seed % 4 == 0
            ? [
                (
                    Self.words(&rng, count: Int.random(in: 1...8, using: &rng), single: true)
                        .replacingOccurrences(of: "/", with: "").replacingOccurrences(of: "\\", with: "") + ".bin",
                    "application/octet-stream", (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }
                )
            ] : []
        let mail = OutgoingMail(
            from: Self.address(&rng, 0), to: (1...Int.random(in: 1...4, using: &rng)).map { Self.address(&rng, $0) },
            cc: seed % 3 == 0 ? [Self.address(&rng, 9)] : [], subject: subject,
            date: Date(timeIntervalSince1970: 1_795_000_000), messageId: "rt\(seed)@example.org",
            inReplyTo: ["parent\(seed)@example.org"], references: ["root@example.org", "parent\(seed)@example.org"],
            text: text, html: html, attachments: attachments)
        let bytes = mail.rendered()
        for line in String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 998)
        }
        let message = Message(bytes)
        #expect(message.subject == subject)
        #expect(message.from == [mail.from])
        #expect(message.to == mail.to)
        #expect(message.cc == mail.cc)
        #expect(message.messageId == "rt\(seed)@example.org")
        #expect(message.textBody == text)
        #expect(message.htmlBody == html.map { $0.hasSuffix("\n") ? $0 : $0 + "\n" })
        #expect(message.inReplyTo == ["parent\(seed)@example.org"])
        #expect(message.references == ["root@example.org", "parent\(seed)@example.org"])
        #expect(message.attachments.map(\.data) == attachments.map(\.data))
        #expect(message.attachments.map(\.filename) == attachments.map(\.filename))
    }
}
