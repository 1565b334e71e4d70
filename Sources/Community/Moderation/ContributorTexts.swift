/// The notes learnmail sends the contributor (DESIGN, "what they must get"): the
/// acknowledgement, then a note when the item is published or declined, with the reason.
/// The engine addresses them to the contributor with `Auto-Submitted: auto-replied` and only
/// when the sender may be answered (never to automated mail; rate-limited per address).
public enum ContributorTexts {
    /// "Received as #42, awaiting review".
    public static func acknowledgement(item: LearningItem, communityName: String) -> MailText {
        let title = TextLayout.singleLine(item.contribution.title, limit: 100)
        let text = """
            Thank you for your contribution to \(communityName).

            It was received as #\(item.id), "\(title)", and is awaiting
            review by the facilitator. You will get a note when it is
            published or declined.

            To add to it, reply to this message or send a new one.
            """
        return MailText(
            subject: "Received as #\(item.id), awaiting review: \(title)", text: TextLayout.wrap(text) + "\n")
    }

    /// Sent when a contributor who is not a partner wrote and the policy holds their mail.
    public static func heldForReview(item: LearningItem, communityName: String) -> MailText {
        let title = TextLayout.singleLine(item.contribution.title, limit: 100)
        let text = """
            Thank you for writing to \(communityName).

            Your message "\(title)" was received as #\(item.id). Your address
            is not on the list of partner organisations, so the facilitator
            will look at it before anything else happens.
            """
        return MailText(
            subject: "Received as #\(item.id), held for the facilitator: \(title)", text: TextLayout.wrap(text) + "\n")
    }

    /// Sent when the item is published: by default when it goes out in a digest (`digestWeek`
    /// names it), else as soon as it is approved.
    public static func published(item: LearningItem, communityName: String, digestWeek: String? = nil) -> MailText {
        let title = TextLayout.singleLine(item.contribution.title, limit: 100)
        let when =
            digestWeek.map { "in the weekly digest (\(TextLayout.singleLine($0, limit: 20)))" }
            ?? "in the next weekly digest"
        let verb = digestWeek == nil ? "was approved and will be shared" : "was shared"
        let text = """
            Good news: your contribution #\(item.id), "\(title)", \(verb) with \(communityName) \(when).

            Thank you for sharing what you learned.
            """
        return MailText(subject: "Published: #\(item.id) \(title)", text: TextLayout.wrap(text) + "\n")
    }

    /// Sent when the item is rejected; the moderator's reason is quoted as given.
    public static func declined(item: LearningItem, reason: String?, communityName: String) -> MailText {
        let title = TextLayout.singleLine(item.contribution.title, limit: 100)
        var text = """
            Your contribution #\(item.id), "\(title)", was not published
            in \(communityName).

            """
        if let reason, !reason.trimmingSpaces().isEmpty {
            text += "The facilitator's reason: \(reason)\n"
        } else {
            text += "No reason was given.\n"
        }
        text += "\nYou are welcome to reply to the facilitator or send it again\nwith changes.\n"
        return MailText(subject: "Declined: #\(item.id) \(title)", text: TextLayout.wrap(text) + "\n")
    }
}
