/// Content-Disposition (RFC 2183): `inline` or `attachment` plus parameters such as filename.
public struct ContentDisposition: Sendable, Hashable {
    /// Lowercase disposition type ("inline", "attachment", or another token).
    public var type: String
    public var parameters: [String: String]

    public var isAttachment: Bool { type == "attachment" }
    public var filename: String? { parameters["filename"] }

    init?(raw: [UInt8]) {
        guard let parsed = MIMEParameters.parse(raw, wantsSubtype: false) else { return nil }
        self.type = parsed.value
        self.parameters = parsed.parameters
    }
}
