import Foundation
import Testing

@testable import MIME

/// Builds TNEF streams byte for byte as MS-OXTNEF lays them out.
struct TNEFTestBuilder {
    var bytes: [UInt8] = le32(0x223E_9F78) + le16(0x0001)

    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    static func utf16z(_ s: String) -> [UInt8] { s.utf16.flatMap { (u: UInt16) -> [UInt8] in le16(u) } + [0, 0] }
    static func padded(_ b: [UInt8]) -> [UInt8] { b + [UInt8](repeating: 0, count: (4 - b.count % 4) % 4) }

    mutating func attribute(_ level: UInt8, _ id: UInt32, _ data: [UInt8]) {
        let checksum = UInt16(truncatingIfNeeded: data.reduce(0) { $0 + Int($1) })
        bytes += [level] + Self.le32(id) + Self.le32(UInt32(data.count)) + data + Self.le16(checksum)
    }

    enum Value {
        case long(UInt32)
        case boolean(Bool)
        case systime
        case string8(String)
        case unicode(String)
        case binary([UInt8])
        case object([UInt8])
        case multiLong([UInt32])
        case multiUnicode([String])
    }

    /// A MAPI property list; `named` adds a named property (GUID + string name) before the value.
    static func properties(_ props: [(id: UInt16, value: Value)], named: Bool = false) -> [UInt8] {
        var out = le32(UInt32(props.count))
        for (id, value) in props {
            func variable(_ type: UInt16, _ items: [[UInt8]]) {
                out += le16(type) + le16(id)
                if named {
                    let name = utf16z("X-Name")
                    out += [UInt8](repeating: 0xAB, count: 16) + le32(1) + le32(UInt32(name.count)) + padded(name)
                }
                out += le32(UInt32(items.count))
                for item in items { out += le32(UInt32(item.count)) + padded(item) }
            }
            func fixed(_ type: UInt16, _ data: [UInt8]) {
                out += le16(type) + le16(id)
                if named { out += [UInt8](repeating: 0xCD, count: 16) + le32(0) + le32(0x8123) }
                out += padded(data)
            }
            switch value {
            case .long(let v): fixed(0x0003, le32(v))
            case .boolean(let b): fixed(0x000B, le16(b ? 1 : 0))
            case .systime: fixed(0x0040, [UInt8](repeating: 7, count: 8))
            case .string8(let s): variable(0x001E, [Array(s.utf8) + [0]])
            case .unicode(let s): variable(0x001F, [utf16z(s)])
            case .binary(let b): variable(0x0102, [b])
            case .object(let b): variable(0x000D, [b])
            case .multiLong(let vs):
                out += le16(0x1003) + le16(id) + le32(UInt32(vs.count))
                for v in vs { out += le32(v) }
            case .multiUnicode(let ss): variable(0x101F, ss.map(utf16z))
            }
        }
        return out
    }

    /// A message-level preamble as Outlook writes it (version, codepage, message class, MAPI props).
    mutating func messagePreamble() {
        attribute(1, 0x0008_9006, [0, 0, 1, 0])
        attribute(1, 0x0006_9007, Self.le32(1252) + Self.le32(0))
        attribute(1, 0x0007_8008, Array("IPM.Microsoft Mail.Note\0".utf8))
        attribute(1, 0x0006_9003, Self.properties([(0x0037, .string8("Subject")), (0x0E07, .long(1))]))
    }

    mutating func legacyAttachment(title: String, data: [UInt8]) {
        attribute(2, 0x0006_9002, [UInt8](repeating: 0, count: 14))
        attribute(2, 0x0001_8010, Array(title.utf8) + [0])
        attribute(2, 0x0003_8013, [UInt8](repeating: 0, count: 14))
        attribute(2, 0x0006_800F, data)
    }
}

private typealias B = TNEFTestBuilder

@Suite struct TNEFTests {
    @Test func legacyAttributesOnly() {
        var b = B()
        b.messagePreamble()
        b.legacyAttachment(title: "README.TXT", data: Array("hello\r\n".utf8))
        let files = TNEF.attachments(in: b.bytes)
        #expect(files.map(\.filename) == ["README.TXT"])
        #expect(files.map(\.contentType) == ["text/plain"])
        #expect(files.map(\.data) == [Array("hello\r\n".utf8)])
        #expect(files.map(\.inline) == [false])
    }

    @Test func mapiPropertiesWinOverLegacyAttributes() {
        var b = B()
        b.messagePreamble()
        b.legacyAttachment(title: "RSUMFI~1.DOC", data: [1, 2, 3])
        b.attribute(
            2, 0x0006_9005,
            B.properties([
                (0x0E20, .long(3)), (0x3705, .long(1)), (0x0E21, .boolean(true)), (0x3007, .systime),
                (0x6801, .multiLong([1, 2, 3])), (0x6802, .multiUnicode(["a", "bc"])),
                (0x3707, .unicode("Résumé final.docx")), (0x370E, .string8("Application/X-Custom")),
                (0x3712, .string8("<img1@example.org>")),
            ]))
        let files = TNEF.attachments(in: b.bytes)
        #expect(files.count == 1)
        #expect(files.first?.filename == "Résumé final.docx")
        #expect(files.first?.contentType == "application/x-custom")
        #expect(files.first?.contentId == "img1@example.org")
        #expect(files.first?.data == [1, 2, 3])
    }

    @Test func dataOnlyInMAPIBinaryAndObject() {
        var b = B()
        b.attribute(2, 0x0006_9002, [0])
        b.attribute(2, 0x0006_9005, B.properties([(0x3701, .binary([9, 8, 7])), (0x3707, .string8("a.png"))]))
        b.attribute(2, 0x0006_9002, [0])
        b.attribute(
            2, 0x0006_9005,
            B.properties([
                (0x3704, .string8("OLE.BIN")), (0x3701, .object([UInt8](repeating: 0xEE, count: 16) + [5, 6])),
            ]))
        let files = TNEF.attachments(in: b.bytes)
        #expect(files.map(\.filename) == ["a.png", "OLE.BIN"])
        #expect(files.map(\.contentType) == ["image/png", "application/octet-stream"])
        #expect(files.map(\.data) == [[9, 8, 7], [5, 6]])
    }

    @Test func namedPropertiesAreSkipped() {
        var b = B()
        b.attribute(2, 0x0006_9002, [0])
        // Named versions of the ids must not be taken for the real ones (their ids are >= 0x8000 anyway);
        // what matters is that skipping their GUID/name headers keeps the cursor aligned.
        let named = B.properties([(0x8010, .unicode("ignored")), (0x8011, .long(5))], named: true)
        let plain = B.properties([(0x3707, .unicode("after-named.txt")), (0x3701, .binary([42]))])
        // Join the two lists into one: count = 4, then both bodies.
        b.attribute(2, 0x0006_9005, B.le32(4) + Array(named.dropFirst(4)) + Array(plain.dropFirst(4)))
        let files = TNEF.attachments(in: b.bytes)
        #expect(files.map(\.filename) == ["after-named.txt"])
        #expect(files.map(\.data) == [[42]])
    }

    @Test func embeddedMessageContributesItsFiles() {
        var inner = B()
        inner.messagePreamble()
        inner.legacyAttachment(title: "INNER.PDF", data: [0x25, 0x50, 0x44, 0x46])
        var b = B()
        b.legacyAttachment(title: "outer.txt", data: [0x61])
        b.attribute(2, 0x0006_9002, [0])
        b.attribute(
            2, 0x0006_9005,
            B.properties([(0x3705, .long(5)), (0x3701, .object([UInt8](repeating: 0, count: 16) + inner.bytes))]))
        let files = TNEF.attachments(in: b.bytes)
        #expect(files.map(\.filename) == ["outer.txt", "INNER.PDF"])
        #expect(files.last?.contentType == "application/pdf")
    }

    @Test(arguments: [
        [UInt8](),
        [0x78, 0x9F, 0x3E],
        Array("not a tnef stream at all".utf8),
        [0x78, 0x9F, 0x3E, 0x22, 0x01, 0x00],
    ])
    func notTNEFOrEmpty(bytes: [UInt8]) {
        #expect(TNEF.attachments(in: bytes).isEmpty)
    }

    /// Every prefix of a valid stream, and deterministic random corruptions, parse without trapping.
    @Test func truncatedAndCorruptStreamsNeverTrap() {
        var b = B()
        b.messagePreamble()
        b.legacyAttachment(title: "A.TXT", data: Array(repeating: 0x41, count: 50))
        b.attribute(2, 0x0006_9005, B.properties([(0x3707, .unicode("long name.txt")), (0x3701, .binary([1, 2]))]))
        b.legacyAttachment(title: "B.TXT", data: [0x42])
        let full = b.bytes
        #expect(TNEF.attachments(in: full).map(\.filename) == ["long name.txt", "B.TXT"])
        for n in 0..<full.count {
            let files = TNEF.attachments(in: Array(full.prefix(n)))
            #expect(files.count <= 2)
        }
        var rng = OutgoingMailTestRNG(seed: 7)
        for _ in 0..<3000 {
            var corrupt = full
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let i = Int.random(in: 0..<corrupt.count, using: &rng)
                corrupt[i] = [0x00, 0xFF, 0x7F, 0x80, UInt8.random(in: 0...255, using: &rng)].randomElement(
                    using: &rng)!
            }
            _ = TNEF.attachments(in: corrupt)
        }
    }

    @Test func hostileCountsAndLengthsStayCheap() {
        var b = B()
        b.attribute(2, 0x0006_9002, [0])
        // A property list claiming 2^32-1 entries, and a multi-valued PT_NULL claiming 2^32-1 values.
        b.attribute(2, 0x0006_9005, B.le32(0xFFFF_FFFF) + B.le16(0x1001) + B.le16(0x0001) + B.le32(0xFFFF_FFFF))
        b.attribute(2, 0x0006_9005, B.le32(1) + B.le16(0x0102) + B.le16(0x3701) + B.le32(1) + B.le32(0xFFFF_FFF0))
        b.bytes.append(contentsOf: [2] + B.le32(0x0006_800F) + B.le32(0x7FFF_FFFF) + [1, 2, 3])
        let files = TNEF.attachments(in: b.bytes)
        #expect(files.count <= 1)
    }

    /// The real winmail.dat in MimeKit's ukr.eml (read in place from the shared corpus): message-level
    /// properties only, no files; the MAPI property list must be consumed exactly.
    @Test(.enabled(if: CorpusSupport.available, CorpusSupport.skipNote)) func realOutlookStream() throws {
        let url = CorpusSupport.root.appendingPathComponent("conformance/mimekit/ukr.eml")
        let message = Message(CorpusSupport.bytes(url))
        let tnef = try #require(message.root.children.first { $0.contentType.mimeType == "application/ms-tnef" })
        let bytes = tnef.decodedBody
        #expect(bytes.count == 9566)
        let attributes = TNEF.attributes(in: bytes)
        #expect(attributes.count == 9)
        let mapi = try #require(attributes.first { $0.id == 0x0006_9003 })
        var cursor = TNEFCursor(bytes, from: mapi.data.lowerBound, to: mapi.data.upperBound)
        let props = TNEFProperties.read(&cursor)
        #expect(props.count == 0x4E)
        #expect(cursor.isAtEnd)
        #expect(TNEF.attachments(in: bytes).isEmpty)
    }
}
