/// One message to deliver: the SMTP envelope (RFC 5321 §2.3.1) and the message bytes.
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
