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

/// One entry of `parse --json`'s `attachments`.
public struct AttachmentSummary: Sendable, Hashable, Encodable {
    public var filename: String?
    public var contentType: String
    public var size: Int
    public var inline: Bool
}

/// DESIGN.md's `parse --json` object.
public struct MessageSummary: Sendable, Encodable {
    public var subject: String?
    public var from: [MailAddress]
    public var to: [MailAddress]
    public var cc: [MailAddress]
    /// ISO 8601 in the message's own offset.
    public var date: String?
    public var messageId: String?
    public var inReplyTo: [String]
    public var references: [String]
    public var textBody: String?
    public var htmlBody: String?
    public var attachments: [AttachmentSummary]
    public var parts: [PartInfo]

    /// The object as one line of JSON, keys in DESIGN.md's order.
    public func jsonLine() -> String {
        var w = JSONLineWriter()
        w.open()
        w.key("subject", string: subject)
        w.key("from", addresses: from)
        w.key("to", addresses: to)
        w.key("cc", addresses: cc)
        w.key("date", string: date)
        w.key("messageId", string: messageId)
        w.key("inReplyTo", strings: inReplyTo)
        w.key("references", strings: references)
        w.key("textBody", string: textBody)
        w.key("htmlBody", string: htmlBody)
        w.key("attachments")
        w.array(attachments) { w, a in
            w.open()
            w.key("filename", string: a.filename)
            w.key("contentType", string: a.contentType)
            w.key("size", int: a.size)
            w.key("inline", bool: a.inline)
            w.close()
        }
        w.key("parts")
        w.array(parts) { w, p in
            w.open()
            w.key("path", string: p.path)
            w.key("contentType", string: p.contentType)
            w.key("charset", string: p.charset)
            w.key("size", int: p.size)
            w.key("filename", string: p.filename)
            w.close()
        }
        w.close()
        return w.output
    }

    enum CodingKeys: String, CodingKey {
        case subject, from, to, cc, date, messageId, inReplyTo, references, textBody, htmlBody, attachments, parts
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(subject, forKey: .subject)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(cc, forKey: .cc)
        try c.encode(date, forKey: .date)
        try c.encode(messageId, forKey: .messageId)
        try c.encode(inReplyTo, forKey: .inReplyTo)
        try c.encode(references, forKey: .references)
        try c.encode(textBody, forKey: .textBody)
        try c.encode(htmlBody, forKey: .htmlBody)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(parts, forKey: .parts)
    }
}

extension Message {
    /// DESIGN.md's `parse --json` object for this message.
    public var summary: MessageSummary {
        MessageSummary(
            subject: subject, from: from, to: to, cc: cc, date: date?.iso8601, messageId: messageId,
            inReplyTo: inReplyTo, references: references, textBody: textBody, htmlBody: htmlBody,
            attachments: attachments.map {
                AttachmentSummary(filename: $0.filename, contentType: $0.contentType, size: $0.size, inline: $0.inline)
            },
            parts: parts)
    }
}

/// A minimal JSON writer for one-line output with a fixed key order.
struct JSONLineWriter {
    var output = ""
    private var needsComma = false

    mutating func open() {
        comma()
        output += "{"
        needsComma = false
    }

    mutating func close() {
        output += "}"
        needsComma = true
    }

    mutating func key(_ k: String) {
        comma()
        output += "\"\(k)\":"
        needsComma = false
    }

    mutating func key(_ k: String, string: String?) {
        key(k)
        value(string)
    }

    mutating func key(_ k: String, int: Int) {
        key(k)
        output += String(int)
        needsComma = true
    }

    mutating func key(_ k: String, bool: Bool) {
        key(k)
        output += bool ? "true" : "false"
        needsComma = true
    }

    mutating func key(_ k: String, strings: [String]) {
        key(k)
        array(strings) { w, s in w.value(s) }
    }

    mutating func key(_ k: String, addresses: [MailAddress]) {
        key(k)
        array(addresses) { w, a in
            w.open()
            w.key("name", string: a.name)
            w.key("address", string: a.address)
            w.close()
        }
    }

    mutating func array<T>(_ items: [T], _ each: (inout JSONLineWriter, T) -> Void) {
        output += "["
        needsComma = false
        for item in items { each(&self, item) }
        output += "]"
        needsComma = true
    }

    mutating func value(_ s: String?) {
        comma()
        guard let s else {
            output += "null"
            needsComma = true
            return
        }
        output += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
        needsComma = true
    }

    private mutating func comma() {
        if needsComma { output += "," }
    }
}
