/// Variable envelope return paths (VERP): each subscriber's copy is sent with the envelope sender
/// `learning+bounce-<token>@domain`, so that a bounce names the subscriber even when the bounce
/// text does not (or names a forwarding address). The token is the subscriber's random
/// `bounceToken`, looked up in the subscriber list: no address is ever encoded in it, and there is
/// no key to keep secret or rotate. A forged bounce would need the token, which only that
/// subscriber's mail systems see.
public enum VERP {
    /// The envelope sender (SMTP `MAIL FROM`) for `subscriber`'s copy.
    public static func envelopeSender(for subscriber: Subscriber, list: ListIdentity) -> String {
        list.bounceAddress(for: subscriber)
    }

    /// The bounce token from the addresses a mail was delivered to (To, Delivered-To,
    /// X-Original-To, Envelope-To), or nil when none is one of our bounce addresses.
    public static func token(inRecipients recipients: [String], list: ListIdentity) -> String? {
        for r in recipients {
            guard let tag = list.tag(of: r), tag.hasPrefix("bounce-") else { continue }
            let token = String(tag.dropFirst(7))
            if SubscriberToken.isWellFormed(token) { return token }
        }
        return nil
    }

    /// The subscriber a bounce delivered to one of our bounce addresses is about.
    public static func subscriber(
        inRecipients recipients: [String], list: ListIdentity, subscribers: SubscriberList
    ) -> Subscriber? {
        token(inRecipients: recipients, list: list).flatMap(subscribers.subscriber(bounceToken:))
    }
}
