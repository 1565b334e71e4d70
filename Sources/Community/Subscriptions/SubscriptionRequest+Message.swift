import MIME

extension SubscriptionRequest {
    /// The subscription command in `message`, or nil (see the type's rules). The classifier calls
    /// this after ruling out auto-generated mail and moderator replies (DESIGN flow 2).
    public static func detect(in message: Message, communityAddress: String) -> SubscriptionRequest? {
        guard let from = message.from.first?.address ?? message.sender?.address else { return nil }
        return detect(
            from: from, recipients: message.deliveryRecipients, subject: message.subject,
            body: message.textBody, communityAddress: communityAddress)
    }
}
