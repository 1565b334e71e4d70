/// One attachment of a contribution, as stored in the spool (`items/N/attachments/<storedName>`).
public struct AttachmentRecord: Codable, Sendable, Hashable {
    /// The original name, sanitised for display (no control characters).
    public var filename: String
    /// The generated safe name under `items/N/attachments/` (never a path, never hidden).
    public var storedName: String
    public var contentType: String
    /// Decoded size in bytes.
    public var size: Int

    public init(filename: String, storedName: String, contentType: String, size: Int) {
        self.filename = filename
        self.storedName = storedName
        self.contentType = contentType
        self.size = size
    }
}
