/// An attachment: a leaf part with a filename or `Content-Disposition: attachment` (RFC 2183), or a
/// file unpacked from a container such as winmail.dat. The data is decoded when first read.
public struct Attachment: Sendable {
    public var filename: String?
    /// Lowercase "type/subtype".
    public var contentType: String
    /// True when Content-Disposition is not `attachment`.
    public var inline: Bool
    /// Content-ID without angle brackets.
    public var contentId: String?

    private enum Storage: Sendable {
        case bytes([UInt8])
        case part(MIMEPart)
    }

    private var storage: Storage

    public init(filename: String?, contentType: String, data: [UInt8], inline: Bool = false, contentId: String? = nil) {
        self.filename = filename
        self.contentType = contentType
        self.inline = inline
        self.contentId = contentId
        self.storage = .bytes(data)
    }

    init(part: MIMEPart) {
        self.filename = part.filename
        self.contentType = part.contentType.mimeType
        self.inline = !part.isAttachmentDisposition
        self.contentId = part.contentId
        self.storage = .part(part)
    }

    /// The decoded content.
    public var data: [UInt8] {
        get {
            switch storage {
            case .bytes(let b): return b
            case .part(let p): return p.decodedBody
            }
        }
        set { storage = .bytes(newValue) }
    }

    /// The decoded size in bytes.
    public var size: Int {
        switch storage {
        case .bytes(let b): return b.count
        case .part(let p): return p.decodedSize
        }
    }
}
