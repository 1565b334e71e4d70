/// One untagged `STATUS` response (RFC 3501 §7.2.4, RFC 7162 for HIGHESTMODSEQ).
///
/// `mailbox-data =/ "STATUS" SP mailbox SP "(" [status-att-list] ")"`. Servers differ in quoting the
/// mailbox name (Courier sends `* STATUS "INBOX" (...)`, Dovecot `* STATUS INBOX (...)`); both parse.
public struct StatusResponse: Sendable, Equatable {
    /// The mailbox name as sent (quotes and escapes removed, not decoded from modified UTF-7).
    public var mailbox: String
    public var messages: Int?
    public var recent: Int?
    public var uidNext: UID?
    public var uidValidity: UIDValidity?
    public var unseen: Int?
    public var highestModSeq: UInt64?

    public init(
        mailbox: String, messages: Int? = nil, recent: Int? = nil, uidNext: UID? = nil,
        uidValidity: UIDValidity? = nil, unseen: Int? = nil, highestModSeq: UInt64? = nil
    ) {
        self.mailbox = mailbox
        self.messages = messages
        self.recent = recent
        self.uidNext = uidNext
        self.uidValidity = uidValidity
        self.unseen = unseen
        self.highestModSeq = highestModSeq
    }

    /// All STATUS responses found in `bytes` (a whole server reply, CRLF or LF separated), in order.
    public static func parseAll(_ bytes: [UInt8]) -> [StatusResponse] {
        var found: [StatusResponse] = []
        ResponseCursor.forEachUntagged(in: bytes) { cursor in
            if let status = parse(&cursor) { found.append(status) }
        }
        return found
    }

    /// The STATUS response for `mailbox` (matched case-insensitively for INBOX, RFC 3501 §5.1), else nil.
    public static func parse(_ bytes: [UInt8], mailbox: String) -> StatusResponse? {
        parseAll(bytes).last { sameMailbox($0.mailbox, mailbox) }
    }

    static func sameMailbox(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        return isInbox(a) && isInbox(b)
    }

    /// "INBOX" in any ASCII case (RFC 3501 §5.1). Not `uppercased() == "INBOX"`: full case mapping
    /// makes "ınbox" (dotless ı) "INBOX" too, and that is another mailbox.
    static func isInbox(_ name: String) -> Bool {
        name.utf8.count == 5 && zip(name.utf8, "INBOX".utf8).allSatisfy { ResponseCursor.upper($0) == $1 }
    }

    // "STATUS" SP mailbox SP "(" [status-att-val *(SP status-att-val)] ")"
    static func parse(_ cursor: inout ResponseCursor) -> StatusResponse? {
        guard cursor.consumeWord("STATUS"), cursor.skipSpaces(), let name = cursor.astring() else { return nil }
        cursor.skipSpaces()
        guard cursor.consume(UInt8(ascii: "(")) else { return nil }
        var status = StatusResponse(mailbox: ResponseCursor.text(name))
        while true {
            cursor.skipSpaces()
            if cursor.consume(UInt8(ascii: ")")) { return status }
            // status-att-val = status-att SP number
            guard let attribute = cursor.atom(), cursor.skipSpaces(), let value = cursor.number64() else {
                return nil
            }
            let small = value <= UInt64(UInt32.max) ? UInt32(value) : nil
            switch ResponseCursor.text(attribute).uppercased() {
            case "MESSAGES": status.messages = Int(value)
            case "RECENT": status.recent = Int(value)
            case "UIDNEXT": status.uidNext = small.map(UID.init)
            case "UIDVALIDITY": status.uidValidity = small.map(UIDValidity.init)
            case "UNSEEN": status.unseen = Int(value)
            case "HIGHESTMODSEQ": status.highestModSeq = value
            default: break  // SIZE, DELETED, APPENDLIMIT...: ignored, still well-formed
            }
        }
    }
}
