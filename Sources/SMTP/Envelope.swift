/// One message to deliver: the SMTP envelope (RFC 5321 §2.3.1) and the message bytes. The one
/// envelope type of the package: the outbox makes it, a mail sink takes it, SMTPSender sends it
/// and a directory outbox writes it.
public struct Envelope: Sendable, Equatable {
    /// The reverse path (`MAIL FROM`), a bare address without angle brackets; "" for the null sender `<>`.
    public var from: String
    /// The forward paths (`RCPT TO`), bare addresses.
    public var recipients: [String]
    /// The message exactly as it goes on the wire, with CRLF line endings (RFC 5322 §2.1). Dot-stuffing is
    /// done by libcurl after each CRLF, so bare LF line endings would lose a leading dot.
    public var data: [UInt8]

    public init(from: String, recipients: [String], data: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.data = data
    }
}

/// Coded as the envelope alone, `{"from": "...", "recipients": [...]}` (a directory outbox's
/// `NAME.envelope.json`): the message bytes are kept apart, in the `.eml` beside it, so a decoded
/// envelope has no `data` until its reader adds the message.
extension Envelope: Codable {
    enum CodingKeys: String, CodingKey {
        case from, recipients
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try container.decode(String.self, forKey: .from)
        recipients = try container.decode([String].self, forKey: .recipients)
        data = []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(recipients, forKey: .recipients)
    }
}
