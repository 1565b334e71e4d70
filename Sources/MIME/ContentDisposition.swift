/// Content-Disposition (RFC 2183): `inline` or `attachment` plus parameters such as filename.
public struct ContentDisposition: Sendable, Hashable {
    /// Lowercase disposition type ("inline", "attachment", or another token).
    public var type: String
    /// Parameters by lowercase name (made on each call from `parameterList`).
    public var parameters: [String: String] {
        get { parameterList.dictionary }
        set { parameterList = MIMEParameterList(newValue) }
    }
    var parameterList: MIMEParameterList

    public var isAttachment: Bool { type == "attachment" }
    public var filename: String? { parameterList["filename"] }

    init?(raw: [UInt8]) {
        guard let parsed = MIMEParameters.parseParts(raw, wantsSubtype: false) else { return nil }
        self.type = parsed.value
        self.parameterList = parsed.parameters
    }
}
