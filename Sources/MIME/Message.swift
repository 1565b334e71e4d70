/// A parsed Internet message (RFC 5322, MIME RFC 2045-2049, RFC 6532).
///
/// Parsing never fails: malformed input is read as far as it can be (see `notes`). The bytes are
/// kept once and shared by every part; bodies are decoded when asked for.
public struct Message: Sendable {
    /// All top-level header fields, in order.
    public var headers: HeaderList { root.headers }
    /// The Subject, unfolded and RFC 2047 decoded.
    public var subject: String?
    public var from: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: [MailAddress]
    public var sender: MailAddress?
    /// The Return-Path address; nil when absent, "" for `Return-Path: <>`.
    public var returnPath: String?
    /// The Date header; nil when absent or unparseable.
    public var date: MessageDate?
    /// Message-ID without angle brackets.
    public var messageId: String?
    public var inReplyTo: [String]
    public var references: [String]
    /// The MIME tree.
    public var root: MIMEPart
    /// The main text/plain body (format=flowed joined, LF line ends), else the HTML body as text.
    public var textBody: String?
    /// The main text/html body.
    public var htmlBody: String?
    /// Leaf parts with a filename or `Content-Disposition: attachment`, other than the bodies.
    public var attachments: [Attachment]
    /// What was odd about the message and how it was handled (unknown charsets, limits, broken structure).
    public var notes: [String]

    /// UTF-8 sizes of the body parts already decoded by body selection, by body start offset (two at
    /// most: a list, not a dictionary to build and hash for every message).
    var decodedTextSizes: [(start: Int, size: Int)]

    /// When files were uuencoded into the text body: the text as written, with them, and how many
    /// attachments at the end of `attachments` came from there (for comparing with parsers that keep them).
    var textWithUUEncodedFiles: (text: String, files: Int)?

    /// The range of the whole message in `root.source`.
    let range: Range<Int>
    let depth: Int

    /// The message's own bytes (for a nested message, its part of the outer message).
    public var rawBytes: ArraySlice<UInt8> { root.source[range] }

    /// Decodes every leaf part (transfer encoding and, for text, charset into a String) and returns the
    /// total number of decoded bytes (text counted as UTF-8). Used by `learnmail parse --stats`. The two
    /// bodies were decoded when the message was parsed and are not decoded again; binary base64 parts
    /// are decoded through a fixed buffer and their bytes dropped, as GMime's harness writes them to a
    /// null stream.
    public func fullyDecodedByteCount() -> Int {
        Message.decodedByteCount(root, known: decodedTextSizes)
    }

    /// Recursive and borrowing (nesting is bounded by `MIMEParser.maxDepth`): no part is copied.
    private static func decodedByteCount(_ part: borrowing MIMEPart, known: [(start: Int, size: Int)]) -> Int {
        if part.isMultipart {
            var total = 0
            for i in part.children.indices { total += decodedByteCount(part.children[i], known: known) }
            return total
        }
        if let m = part.message { return decodedByteCount(m.root, known: m.decodedTextSizes) }
        let start = part.bodyRange.lowerBound
        if let size = known.first(where: { $0.start == start })?.size { return size }
        var total = 0
        if !part.contentType.isText && part.transferEncoding == .base64 {
            // Binary attachments are decoded through a fixed buffer: bounded memory at any size.
            part.source.withUnsafeBufferPointer { p in
                TransferDecoding.base64Chunks(UnsafeBufferPointer(rebasing: p[part.bodyRange])) {
                    total += $0.count
                }
            }
        } else {
            // Text is converted to a String from its charset, as Python's email (`bytes.decode`) and
            // GMime (`g_mime_text_part_get_text`) do: not only sized.
            let isText = part.contentType.isText
            let charset = part.contentType.charset
            total = part.withDecodedBody { p in isText ? Charset.decode(p, charset: charset).text.utf8.count : p.count }
        }
        return total
    }
}

/// The initializers live here so that the memberwise one stays available to `init(source:...)`.
extension Message {
    /// Parses a message. Never throws, never crashes.
    public init(_ bytes: [UInt8]) {
        self.init(bytes, depth: 0)
    }

    init(_ bytes: [UInt8], depth: Int) {
        let (root, notes) = bytes.withUnsafeBufferPointer { p -> (MIMEPart, [String]) in
            var parser = MIMEParser(source: bytes, pointer: p)
            let (root, _) = parser.parseEntity(start: 0, end: p.count, depth: depth, defaultType: .textPlain)
            return (root, parser.notes)
        }
        self.init(source: bytes, root: root, range: 0..<bytes.count, depth: depth, notes: notes)
    }

    /// Everything is computed first and the message is built in one memberwise call: assigning the
    /// fields of `self` one by one left the optimizer copying and releasing the whole message once.
    init(source: [UInt8], root: MIMEPart, range: Range<Int>, depth: Int, notes: [String]) {
        let bodies = Message.selectBodies(root, notes: notes)
        let h = root.headers
        self.init(
            subject: h.firstIndex(.subject).map(h.decodedValue(at:)),
            from: h.firstIndex(.from).map { h.withRawValue(at: $0, AddressParser.parseList) } ?? [],
            to: h.addresses(.to),
            cc: h.addresses(.cc),
            replyTo: h.firstIndex(.replyTo).map { h.withRawValue(at: $0, AddressParser.parseList) } ?? [],
            sender: h.firstIndex(.sender).flatMap { h.withRawValue(at: $0, AddressParser.parseList).first },
            returnPath: h.firstIndex(.returnPath).map { i in
                h.withRawValue(at: i, AddressParser.parseIDs).first?.lowercased() ?? ""
            },
            date: h.firstIndex(.date).flatMap { i in
                h.withRawValue(at: i) { MessageDate(canonical: $0) } ?? MessageDate(parsing: h.decodedValue(at: i))
            },
            messageId: h.messageIDs(.messageID).first,
            inReplyTo: h.messageIDs(.inReplyTo),
            references: h.messageIDs(.references),
            root: root,
            textBody: bodies.textBody,
            htmlBody: bodies.htmlBody,
            attachments: bodies.attachments,
            notes: bodies.notes,
            decodedTextSizes: bodies.decodedTextSizes,
            textWithUUEncodedFiles: bodies.textWithUUEncodedFiles,
            range: range,
            depth: depth)
    }
}
