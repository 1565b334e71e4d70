/// What a mail of ours is, as the outbox records it (`Outbox.Entry.kind`, the raw values on disk).
/// The kind decides whether the mail carries a secret, so that no caller chooses it by hand.
public enum MailKind: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// A moderator's notice of a new item, with the item's moderation token.
    case notification
    /// "Received, thank you" to a contributor.
    case acknowledgement
    /// The answer to a moderator's reply, repeating the token (subject tag, "reply to this" address).
    case moderationReply = "moderation-reply"
    /// A contributor told their item was declined.
    case declined
    /// A contributor told their item was published in a digest.
    case published
    /// The digest, one copy per subscriber made at send time.
    case digest
    /// The digest's preview to each moderator, with a token to hold items back.
    case digestPreview = "digest-preview"
    /// Confirmation requests (a token in Reply-To), welcomes and goodbyes (the reader's own
    /// unsubscribe address).
    case subscription
    /// A note to the facilitator: a message set aside, a subscriber disabled.
    case note
    /// A notice to the facilitator that mail was given up.
    case notice

    /// The message carries a token (or an address that acts as one): once every recipient has it,
    /// the outbox keeps only its envelope (`Outbox.Entry.secret`), so that tokens live in plain
    /// text nowhere but the recipients' mailboxes.
    public var carriesSecret: Bool {
        switch self {
        case .notification, .moderationReply, .digestPreview, .subscription: true
        case .acknowledgement, .declined, .published, .digest, .note, .notice: false
        }
    }

    /// The automatic replies to contributors, counted against limits.autoRepliesPerAddressPerDay.
    public var isAutomaticReply: Bool {
        switch self {
        case .acknowledgement, .published, .declined: true
        default: false
        }
    }

    /// Said in logs and notices as it is on disk ("moderation-reply", not the case's name).
    public var description: String { rawValue }
}
