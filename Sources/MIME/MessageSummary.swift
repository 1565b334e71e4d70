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
