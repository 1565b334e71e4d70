import MIME

extension SubscriptionRequest {
    /// The subscription command in `message`, or nil (see the type's rules). The classifier calls
    /// this after ruling out auto-generated mail and moderator replies (DESIGN flow 2).
    public static func detect(in message: Message, communityAddress: String) -> SubscriptionRequest? {
        guard let from = message.from.first?.address ?? message.sender?.address else { return nil }
        return detect(
            from: from, recipients: deliveryRecipients(of: message), subject: message.subject,
            body: message.textBody, communityAddress: communityAddress)
    }

    /// Every address the mail was delivered to: To, Cc, and the envelope recipient as MTAs record
    /// it (Delivered-To, X-Original-To, Envelope-To, X-Envelope-To), which is the only place a
    /// subaddress shows when the mail came by Bcc or by a List-Unsubscribe mailto.
    public static func deliveryRecipients(of message: Message) -> [String] {
        var out = (message.to + message.cc).map(\.address)
        for name in ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To"] {
            for value in message.headers.all(name) {
                let v = value.split(separator: ",").map {
                    $0.trimmingWhitespaceSlice().filter { $0 != "<" && $0 != ">" }
                }
                out += v.map { $0.lowercased() }.filter { $0.contains("@") }
            }
        }
        return out
    }
}
