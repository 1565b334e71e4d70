import Foundation

/// Reads the files inside an Outlook `winmail.dat` (`application/ms-tnef`, [MS-OXTNEF]).
///
/// The stream is a signature (0x223E9F78), a legacy key, then attributes: level (1 message,
/// 2 attachment), id, length, data and a checksum. Each attachment starts with attAttachRendData and
/// carries attAttachTitle (8.3 name), attAttachData (content) and attAttachment, a MAPI property list
/// with PR_ATTACH_LONG_FILENAME (0x3707), PR_ATTACH_DATA_BIN (0x3701), PR_ATTACH_MIME_TAG (0x370E)
/// and PR_ATTACH_CONTENT_ID (0x3712), which win over the legacy attributes when present.
///
/// Every length and count is checked against the bytes that remain: truncated or hostile input
/// yields the attachments read so far, never a trap. Checksums are not enforced (real files get them
/// wrong). Embedded messages (PR_ATTACH_METHOD 5) contribute their own attachments, to a bounded depth.
public enum TNEF {
    public static let signature: UInt32 = 0x223E_9F78

    /// The attachments in `data`, in stream order; [] when `data` is not TNEF.
    public static func attachments(in data: [UInt8]) -> [Attachment] {
        var result: [Attachment] = []
        read(data, depth: 0, into: &result)
        return result
    }

    // Attribute ids (low 16 bits; the high word is the attribute's type, MS-OXTNEF section 2.1.3.3).
    private static let attAttachData: UInt32 = 0x800F
    private static let attAttachTitle: UInt32 = 0x8010
    private static let attAttachRendData: UInt32 = 0x9002
    private static let attAttachment: UInt32 = 0x9005
    private static let levelAttachment: UInt8 = 0x02
    private static let maxDepth = 4
    private static let objectIIDLength = 16

    /// One attachment being assembled from its attributes.
    private struct Pending {
        var title: String?
        var data: Range<Int>?
        var properties = TNEFProperties()
        var started = false
    }

    private static func read(_ bytes: [UInt8], depth: Int, into result: inout [Attachment]) {
        var pending = Pending()
        for (level, id, range) in attributes(in: bytes) where level == levelAttachment {
            switch id & 0xFFFF {
            case attAttachRendData:
                finish(pending, bytes, depth: depth, into: &result)
                pending = Pending()
                pending.started = true
            case attAttachTitle:
                pending.title = TNEFText.eightBit(bytes[range])
                pending.started = true
            case attAttachData:
                pending.data = range
                pending.started = true
            case attAttachment:
                var props = TNEFCursor(bytes, from: range.lowerBound, to: range.upperBound)
                pending.properties = TNEFProperties.read(&props)
                pending.started = true
            default:
                break
            }
        }
        finish(pending, bytes, depth: depth, into: &result)
    }

    /// The attribute stream: (level, id, data range) for every complete attribute, in order.
    static func attributes(in bytes: [UInt8]) -> [(level: UInt8, id: UInt32, data: Range<Int>)] {
        var cursor = TNEFCursor(bytes)
        guard cursor.u32() == signature, cursor.u16() != nil else { return [] }
        var result: [(level: UInt8, id: UInt32, data: Range<Int>)] = []
        while !cursor.isAtEnd {
            guard let level = cursor.u8(), let id = cursor.u32(), let length = cursor.u32(),
                let range = cursor.take(Int(length))
            else { break }
            _ = cursor.u16()  // checksum, not enforced
            result.append((level, id, range))
        }
        return result
    }

    private static func finish(_ p: Pending, _ bytes: [UInt8], depth: Int, into result: inout [Attachment]) {
        guard p.started else { return }
        let props = p.properties
        var data: ArraySlice<UInt8> = []
        if let range = props.data {
            data = bytes[range]
            if props.dataIsObject { data = data.dropFirst(objectIIDLength) }
        } else if let range = p.data {
            data = bytes[range]
        }
        // An embedded message is itself TNEF: its files are what the reader wants.
        if data.starts(with: [0x78, 0x9F, 0x3E, 0x22]), props.attachMethod == 5 || props.dataIsObject {
            if depth < maxDepth { read(Array(data), depth: depth + 1, into: &result) }
            return
        }
        let name = props.longFilename ?? p.title ?? props.filename ?? props.displayName
        guard name != nil || !data.isEmpty else { return }
        let type = props.mimeTag.map { $0.lowercased() } ?? TNEFMediaType.guess(filename: name)
        result.append(
            Attachment(
                filename: name, contentType: type, data: Array(data), inline: false,
                contentId: props.contentId.map { $0.trimmingCharacters(in: ["<", ">", " "]) }))
    }
}
