import MIME

extension ModerationToken {
    /// Finds the token in a moderator's reply: plus-addresses in To, Cc, Delivered-To,
    /// X-Original-To and Envelope-To, then the subject tag.
    public static func find(in message: Message) -> ModerationTokenReference? {
        find(subject: message.subject, addresses: message.deliveryRecipients)
    }
}

extension ModerationReply {
    /// The commands of a reply, read from its text body (HTML-only replies via their text).
    public static func parse(_ message: Message) -> ModerationReply { parse(message.textBody ?? "") }
}
