/// One entry of `parse --json`'s `parts`.
public struct PartInfo: Sendable, Hashable, Encodable {
    /// IMAP-style part number, e.g. "1", "2.1".
    public var path: String
    public var contentType: String
    public var charset: String?
    /// Decoded byte count.
    public var size: Int
    public var filename: String?

    init(part: MIMEPart, path: String) {
        self.path = path
        self.contentType = part.contentType.mimeType
        self.charset = part.contentType.charset?.lowercased()
        self.size = part.isMultipart ? part.bodyRange.count : part.decodedSize
        self.filename = part.filename
    }
}
