import Foundation

/// The subject and text of each mail the subscription desk sends. Plain text wrapped at 72
/// columns, written for someone who did not expect the mail (a forged request is the common case
/// for a confirmation request, so it says clearly that doing nothing is fine).
public enum SubscriptionTexts {
    public struct Text: Sendable, Equatable {
        public var subject: String
        public var text: String
    }

    /// Paragraphs wrapped at 72 columns; a paragraph starting with four spaces is kept as written
    /// (commands and addresses that must stay on one line).
    static func body(_ paragraphs: [String]) -> String {
        paragraphs.map { p in
            p.hasPrefix("    ") ? p : TextLayout.reflow(p, width: 72).joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    public static func confirmationRequest(_ list: ListIdentity, token: String, expiresAt: Date) -> Text {
        let name = TextLayout.displayLine(list.name)
        return Text(
            subject: "Please confirm your subscription to \(name) (confirm \(token))",
            text: body([
                "Hello,",
                "Someone, probably you, asked for this address to receive the weekly digest of \(name).",
                "To confirm, just reply to this message. Or send a message to \(list.address) with this line as the subject:",
                "    confirm \(token)",
                "The code works until \(ISO8601UTC.string(from: expiresAt).prefix(10)) (UTC).",
                "If you did not ask for this, do nothing: you will not be subscribed and you will not hear from us again.",
            ]))
    }

    public static func welcome(_ list: ListIdentity, unsubscribeAddress: String) -> Text {
        let name = TextLayout.displayLine(list.name)
        return Text(
            subject: "Welcome to \(name)",
            text: body([
                "Hello,",
                "You are now subscribed to the weekly digest of \(name): what partners across the community "
                    + "have learned, grouped by learning area.",
                "To share something you have learned, write to \(list.address).",
                "To leave at any time, send any message to:",
                "    \(unsubscribeAddress)",
                "or send \"unsubscribe\" to \(list.address).",
            ]))
    }

    public static func goodbye(_ list: ListIdentity) -> Text {
        let name = TextLayout.displayLine(list.name)
        return Text(
            subject: "You have left \(name)",
            text: body([
                "Hello,",
                "This address will no longer receive the digest of \(name).",
                "If that was a mistake, send \"subscribe\" to \(list.address) to join again.",
            ]))
    }

    public static func alreadySubscribed(_ list: ListIdentity) -> Text {
        let name = TextLayout.displayLine(list.name)
        return Text(
            subject: "You are already subscribed to \(name)",
            text: body([
                "Hello,",
                "This address already receives the digest of \(name); nothing has changed.",
                "To leave, send \"unsubscribe\" to \(list.address).",
            ]))
    }

    public static func notSubscribed(_ list: ListIdentity) -> Text {
        let name = TextLayout.displayLine(list.name)
        return Text(
            subject: "Not subscribed to \(name)",
            text: body([
                "Hello,",
                "This address is not on the digest list of \(name), so there was nothing to unsubscribe. "
                    + "If you receive the digest at another address, use the unsubscribe address at the end "
                    + "of the digest itself.",
            ]))
    }

    public static func confirmationFailed(_ list: ListIdentity, expired: Bool) -> Text {
        let name = TextLayout.displayLine(list.name)
        return Text(
            subject: "Subscription to \(name) not confirmed",
            text: body([
                "Hello,",
                (expired
                    ? "That confirmation code has expired."
                    : "That confirmation code is not valid or was already used.")
                    + " To subscribe, send \"subscribe\" to \(list.address) and reply to the new confirmation request.",
            ]))
    }

    public static func help(_ list: ListIdentity) -> Text {
        let name = TextLayout.displayLine(list.name)
        return Text(
            subject: "How to use \(name)",
            text: body([
                "Hello,",
                "\(name) shares what partners learn, as a weekly digest.",
                "Send a message to \(list.address) with one of these as the subject:",
                """
                    subscribe          receive the weekly digest (we ask you to confirm)
                    unsubscribe        stop receiving it
                    confirm CODE       confirm a subscription (CODE from our request)
                    help               this message
                """,
                "To share your learning, write to \(list.address) with a clear subject; a facilitator reviews "
                    + "every contribution before it is published.",
            ]))
    }
}
