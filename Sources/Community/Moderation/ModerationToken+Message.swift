import MIME

extension ModerationToken {
    /// Finds the token in a moderator's reply: plus-addresses in To, Cc, Delivered-To,
    /// X-Original-To and Envelope-To, then the subject tag.
    public static func find(in message: Message) -> ModerationTokenReference? {
        var addresses = (message.to + message.cc).map(\.address)
        for name in ["Delivered-To", "X-Original-To", "Envelope-To", "X-Delivered-To"] {
            for value in message.headers.all(name) {
                addresses.append(value.trimmingSpaces().trimmingAngles())
            }
        }
        return find(subject: message.subject, addresses: addresses)
    }
}

extension ModerationReply {
    /// The commands of a reply, read from its text body (HTML-only replies via their text).
    public static func parse(_ message: Message) -> ModerationReply { parse(message.textBody ?? "") }
}

extension String {
    fileprivate func trimmingAngles() -> String {
        var s = Substring(self)
        if s.first == "<" { s = s.dropFirst() }
        if s.last == ">" { s = s.dropLast() }
        return String(s)
    }
}
