import Foundation

/// A message to send, rendered to the exact bytes handed to SMTP (RFC 5322 + MIME, RFC 2045–2049).
///
/// Every header value is cleaned before use: CR and LF are removed (so a value can never start a new
/// header line), tabs become spaces and other control characters are dropped; non-ASCII text is written
/// as RFC 2047 encoded words (UTF-8, B or Q, whichever is shorter) and lines are folded at 78 columns.
/// The body is text/plain, multipart/alternative (text + HTML) and/or multipart/mixed (attachments),
/// each leaf in the cheapest safe transfer encoding (7bit, quoted-printable or base64).
/// Rendering is pure and deterministic: the same value always gives the same bytes.
public struct OutgoingMail: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: [MailAddress]
    public var subject: String
    /// The origination date (RFC 5322 section 3.6.1), written in `timeZone`'s offset at that instant.
    public var date: Date
    public var timeZone: TimeZone
    /// Without angle brackets, e.g. "abc@example.org" (see `MessageIDGenerator`); omitted when empty.
    public var messageId: String
    public var inReplyTo: [String]
    public var references: [String]
    /// Further fields written after the standard ones, e.g. ("List-Id", "<digest.example.org>"),
    /// ("Auto-Submitted", "auto-generated"). Names that this type writes itself are ignored.
    public var extraHeaders: [(String, String)]
    public var text: String
    public var html: String?
    public var attachments: [(filename: String, contentType: String, data: [UInt8])]
    /// The base of the multipart boundaries; by default derived from a hash of the content. Either way
    /// a boundary that occurs in the encoded content is changed until it does not.
    public var boundary: String?

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], replyTo: [MailAddress] = [],
        subject: String, date: Date, timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!, messageId: String,
        inReplyTo: [String] = [], references: [String] = [], extraHeaders: [(String, String)] = [],
        text: String, html: String? = nil,
        attachments: [(filename: String, contentType: String, data: [UInt8])] = [], boundary: String? = nil
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.timeZone = timeZone
        self.messageId = messageId
        self.inReplyTo = inReplyTo
        self.references = references
        self.extraHeaders = extraHeaders
        self.text = text
        self.html = html
        self.attachments = attachments
        self.boundary = boundary
    }

    /// The complete message: header fields, a blank line and the body, every line ending in CRLF.
    public func rendered() -> [UInt8] {
        var out = OutgoingMailHeaderWriter()
        let offset = timeZone.secondsFromGMT(for: date)
        out.raw("Date", OutgoingMailDate.rfc5322(date, offsetSeconds: offset))
        out.addresses("From", [from])
        if !to.isEmpty { out.addresses("To", to) }
        if !cc.isEmpty { out.addresses("Cc", cc) }
        if !replyTo.isEmpty { out.addresses("Reply-To", replyTo) }
        out.unstructured("Subject", subject)
        if let id = OutgoingMailHeaderWriter.messageID(messageId) { out.raw("Message-ID", id) }
        let replyIDs = inReplyTo.compactMap(OutgoingMailHeaderWriter.messageID)
        if !replyIDs.isEmpty { out.raw("In-Reply-To", replyIDs.joined(separator: " ")) }
        let referenceIDs = references.compactMap(OutgoingMailHeaderWriter.messageID)
        if !referenceIDs.isEmpty { out.raw("References", referenceIDs.joined(separator: " ")) }
        for (name, value) in extraHeaders {
            guard let name = OutgoingMailHeaderWriter.fieldName(name) else { continue }
            out.unstructured(name, value, encodeLongWords: false)
        }
        out.raw("MIME-Version", "1.0")

        let body = OutgoingMailBody.build(
            text: text, html: html, attachments: attachments, boundaryBase: boundary)
        for (name, value) in body.headers { out.raw(name, value) }
        var bytes = out.bytes
        bytes.append(contentsOf: [0x0D, 0x0A])
        bytes.append(contentsOf: body.content)
        return bytes
    }
}
