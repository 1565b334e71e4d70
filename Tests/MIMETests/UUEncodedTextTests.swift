import Foundation
import Testing

@testable import MIME

/// Files uuencoded inside text/plain bodies (`begin 644 name` ... `end`) become attachments and leave
/// the text; anything that is not a complete, well-formed block stays text. Fixtures:
/// Fixtures/uuencode/*.eml (CRLF, as written by the clients that still do this).
struct UUEncodedTextTests {
    struct Case: Sendable, CustomStringConvertible {
        var fixture: String
        /// nil: the body as written (with LF line ends), nothing taken out.
        var text: String?
        /// (filename, decoded bytes) in order: MIME attachments first, then uuencoded files.
        var attachments: [(String, [UInt8])]
        var description: String { fixture }
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return [UInt8](try Data(contentsOf: dir.appendingPathComponent("uuencode/\(name).eml")))
    }

    static let cases: [Case] = [
        Case(
            fixture: "simple", text: "Hi all,\n\nhere is the file:\n\n\nBye\n",
            attachments: [("hello.txt", Array("Hello, world!\n".utf8))]),
        Case(
            fixture: "two-blocks", text: "First:\nSecond:\nDone.\n",
            attachments: [
                ("run me.sh", Array("#!/bin/sh\necho hi\n".utf8)), ("bytes.bin", (0...255).map { UInt8($0) }),
            ]),
        Case(
            fixture: "in-multipart", text: "Voilà the notes:\n",
            attachments: [("doc.pdf", Array("%PDF-1.4\n".utf8)), ("notes.txt", Array("line one\nline two\n".utf8))]),
        Case(fixture: "no-end", text: nil, attachments: []),
        Case(fixture: "prose", text: nil, attachments: []),
        Case(fixture: "stripped-spaces", text: "", attachments: [("zeros.bin", Array("  padded  \0\0\0".utf8))]),
    ]

    @Test(arguments: cases)
    func fixtures(_ c: Case) throws {
        let bytes = try Self.fixture(c.fixture)
        let m = Message(bytes)
        let asWritten = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n\r\n").dropFirst()
            .joined(separator: "\r\n\r\n").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(m.textBody == (c.text ?? asWritten))
        #expect(m.attachments.map(\.filename) == c.attachments.map(\.0))
        for (attachment, expected) in zip(m.attachments, c.attachments) {
            #expect(attachment.data == expected.1, "\(expected.0)")
            #expect(attachment.size == expected.1.count)
        }
        // Still fully decodable, and the parse --json summary lists the files.
        #expect(m.fullyDecodedByteCount() > 0)
        #expect(m.summary.jsonLine().contains("\"attachments\""))
    }

    /// Byte-level cases without a message around them.
    @Test(arguments: [
        ("begin 644 a\n#86)C\n`\nend\n", "", ["a": "abc"]),
        ("x\nbegin 644 a\n#86)C\nend", "x\n", ["a": "abc"]),
        ("begin 9 a\n#86)C\nend\n", "begin 9 a\n#86)C\nend\n", [:]),  // not an octal mode
        ("begin 644 \n#86)C\nend\n", "begin 644 \n#86)C\nend\n", [:]),  // no name
        ("begin 644 a\n#86)C\nbeginning\nend\n", "begin 644 a\n#86)C\nbeginning\nend\n", [:]),
        ("  begin 644 a\n#86)C\nend\n", "  begin 644 a\n#86)C\nend\n", [:]),  // not at a line start
        ("begin 644 a\n#86)C\nend\nbegin 644 b\n#86)C\n", "begin 644 b\n#86)C\n", ["a": "abc"]),
    ])
    func blocks(_ input: String, _ text: String, _ files: [String: String]) {
        let found = UUEncodedBlocks.extract(input)
        #expect((found?.text ?? input) == text)
        let decoded = Dictionary(
            uniqueKeysWithValues: (found?.files ?? []).map { ($0.name, String(decoding: $0.data, as: UTF8.self)) })
        #expect(decoded == files)
    }

    /// Hostile input: the work stays linear (a quadratic search would take minutes here).
    @Test(.timeLimit(.minutes(1)), arguments: [0, 1, 2])
    func hostile(_ kind: Int) {
        var s: String
        switch kind {
        case 0:
            // A begin line and a hundred thousand well-formed lines, never ended.
            s =
                "begin 644 a\n"
                + String(repeating: "M86)C86)C86)C86)C86)C86)C86)C86)C86)C86)C86)C86)C86)C86)C\n", count: 100_000)
        case 1:
            // Fifty thousand begin lines, none ended.
            s = String(repeating: "begin 644 x\n", count: 50_000)
        default:
            // One 4 MB line inside a block, then an end.
            s = "begin 644 a\n" + String(repeating: "M", count: 4_000_000) + "\nend\n"
        }
        let found = UUEncodedBlocks.extract(s)
        #expect(found == nil)
        let m = Message(Array(("Subject: x\r\n\r\n" + s).utf8))
        #expect(m.attachments.isEmpty)
    }
}
