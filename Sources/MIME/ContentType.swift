/// A parsed Content-Type (RFC 2045 section 5.1): lowercase type and subtype, and parameters with
/// lowercase names and fully decoded values (RFC 2231 continuations and charsets, RFC 2047 words).
public struct ContentType: Sendable, Hashable {
    /// "text", "multipart", ...
    public var type: String
    /// "plain", "mixed", ...
    public var subtype: String
    /// Parameters by lowercase name (made on each call from `parameterList`, which the parser reads).
    public var parameters: [String: String] {
        get { parameterList.dictionary }
        set { parameterList = MIMEParameterList(newValue) }
    }
    var parameterList: MIMEParameterList

    /// "type/subtype", lowercase.
    public var mimeType: String { type + "/" + subtype }

    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type
        self.subtype = subtype
        self.parameterList = MIMEParameterList(parameters)
    }

    init(type: String, subtype: String, parameterList: MIMEParameterList) {
        self.type = type
        self.subtype = subtype
        self.parameterList = parameterList
    }

    /// The RFC 2045 default, `text/plain; charset=us-ascii`.
    public static let textPlain = ContentType(type: "text", subtype: "plain")
    /// The default inside multipart/digest (RFC 2046 section 5.1.5).
    public static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    /// A parameter value by case-insensitive name.
    public subscript(_ name: String) -> String? {
        if let value = parameterList[name] { return value }
        let lower = name.lowercased()
        return lower == name ? nil : parameterList[lower]
    }

    public var charset: String? { parameterList["charset"] }
    public var isMultipart: Bool { type == "multipart" }
    public var isMessage: Bool { type == "message" && (subtype == "rfc822" || subtype == "global") }
    public var isText: Bool { type == "text" }

    /// Parses a Content-Type value; nil when it has no usable type/subtype (the caller then uses the
    /// default, as RFC 2045 section 5.2 says for a syntactically invalid header).
    init?(raw: [UInt8]) {
        guard let parsed = MIMEParameters.parseParts(raw, wantsSubtype: true), let subtype = parsed.subtype,
            !parsed.value.isEmpty, !subtype.isEmpty
        else { return nil }
        self.init(type: parsed.value, subtype: subtype, parameterList: parsed.parameters)
    }
}
