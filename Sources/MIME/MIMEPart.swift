/// One entity of the MIME tree (RFC 2045 section 2.4): its headers, type, and either children
/// (multipart), a nested message (message/rfc822, message/global) or a body.
///
/// Immutable, and a class: a part is handed around (body selection, attachments, the tree walks) more
/// often than it is built, and a class costs one retain to pass where a struct of eight
/// reference-counted fields cost eight.
public final class MIMEPart: Sendable {
    /// This entity's own header fields.
    public let headers: HeaderList
    /// The Content-Type, defaulted as RFC 2045 section 5.2 and RFC 2046 section 5.1.5 say.
    public let contentType: ContentType
    /// Content-Disposition (RFC 2183), when present.
    public let disposition: ContentDisposition?
    /// Content-Transfer-Encoding.
    public let transferEncoding: TransferEncoding
    /// The children of a multipart entity, in order.
    public let children: [MIMEPart]
    /// The raw body as written (for a multipart, everything after the header block).
    public let bodyRange: Range<Int>
    /// The multipart preamble and epilogue (RFC 2046 section 5.1.1), when present.
    public let preambleRange: Range<Int>?
    public let epilogueRange: Range<Int>?

    let source: [UInt8]
    let nested: [Message]

    init(
        headers: HeaderList, contentType: ContentType, transferEncoding: TransferEncoding, source: [UInt8],
        bodyRange: Range<Int>, children: [MIMEPart] = [], preambleRange: Range<Int>? = nil,
        epilogueRange: Range<Int>? = nil, nested: [Message] = []
    ) {
        self.headers = headers
        self.contentType = contentType
        self.disposition = headers.raw(.contentDisposition).flatMap(ContentDisposition.init(raw:))
        self.transferEncoding = transferEncoding
        self.children = children
        self.bodyRange = bodyRange
        self.preambleRange = preambleRange
        self.epilogueRange = epilogueRange
        self.source = source
        self.nested = nested
    }

    /// The message inside a message/rfc822 or message/global part.
    public var message: Message? { nested.first }

    /// True for multipart entities that have children.
    public var isMultipart: Bool { preambleRange != nil }

    /// The body bytes as written.
    public var rawBody: ArraySlice<UInt8> { source[bodyRange] }

    /// The body with the transfer encoding removed.
    public var decodedBody: [UInt8] {
        source.withUnsafeBufferPointer { transferEncoding.decode(UnsafeBufferPointer(rebasing: $0[bodyRange])) }
    }

    /// Calls `body` with the decoded bytes; identity encodings pass the message bytes without a copy.
    func withDecodedBody<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if transferEncoding.isIdentity {
            return source.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[bodyRange])) }
        }
        return decodedBody.withUnsafeBufferPointer(body)
    }

    /// For text/* parts, the body decoded with its charset (lenient, see `Charset`); nil otherwise.
    public var text: String? {
        guard contentType.isText else { return nil }
        return withDecodedBody { Charset.decode($0, charset: contentType.charset).text }
    }

    /// The file name: Content-Disposition filename (RFC 2183/2231), else the Content-Type name
    /// parameter, else the name on an x-uuencode begin line.
    public var filename: String? {
        if let f = disposition?.filename, !f.isEmpty { return f }
        if let n = contentType["name"], !n.isEmpty { return n }
        if transferEncoding == .uuencode {
            return source.withUnsafeBufferPointer {
                TransferDecoding.uuencodedFilename(UnsafeBufferPointer(rebasing: $0[bodyRange]))
            }
        }
        return nil
    }

    /// The Content-ID without angle brackets.
    public var contentId: String? {
        headers.raw("content-id").flatMap { AddressParser.parseIDs($0).first }
    }

    /// True when the disposition is `attachment` (RFC 2183).
    public var isAttachmentDisposition: Bool { disposition?.isAttachment ?? false }

    /// Size of the decoded body without building a text string.
    var decodedSize: Int {
        switch transferEncoding {
        case .base64:
            // Counted through a fixed buffer: no copy of a large attachment just to learn its size.
            var total = 0
            source.withUnsafeBufferPointer { p in
                TransferDecoding.base64Chunks(UnsafeBufferPointer(rebasing: p[bodyRange])) { total += $0.count }
            }
            return total
        case .quotedPrintable, .uuencode: return decodedBody.count
        default: return bodyRange.count
        }
    }
}
