/// What a moderator's reply (or a CLI action) did to an item, for the log and the confirmation.
public struct ModerationOutcome: Sendable, Equatable {
    /// Why nothing was done at all; nil when the commands were considered.
    public enum Refusal: Sendable, Equatable, CustomStringConvertible {
        /// The sender is not a configured moderator (forged or mistaken From).
        case notModerator(String)
        /// The reply carried no token (the subject was retyped, or a new message was written).
        case missingToken
        case token(TokenCheck)
        /// The configured Authentication-Results check failed.
        case notAuthenticated(String)

        public var description: String {
            switch self {
            case .notModerator(let address): return "\(address) is not a moderator"
            case .missingToken: return "the reply carries no moderation token"
            case .token(let check): return check.explanation
            case .notAuthenticated(let why): return "the message is not authenticated (\(why))"
            }
        }
    }

    /// One command and what became of it.
    public struct Step: Sendable, Equatable {
        public enum Result: String, Sendable { case done, unchanged, refused, shown }
        public var command: ModerationCommand
        public var result: Result
        /// A sentence for the confirmation ("approved; it will go out in the next digest").
        public var message: String
    }

    public var itemId: Int
    public var refusal: Refusal?
    public var steps: [Step]
    /// The status before and after.
    public var statusBefore: ItemStatus
    public var statusAfter: ItemStatus
    /// Set when this reply made the decision (approve or reject): the engine then sends the
    /// contributor the published or declined note.
    public var decision: ItemStatus?
    /// The reject reason, when `decision == .rejected`.
    public var reason: String?
    /// True when the item changed and must be saved.
    public var changed: Bool
    /// The confirmation to send to the moderator; nil when no reply is due (the sender is not a
    /// moderator: answering a forged From would only help the forger or make backscatter).
    public var reply: MailText?

    /// One line for the log.
    public var logLine: String {
        if let refusal { return "item #\(itemId): moderation refused: \(refusal)" }
        let summary = steps.map { "\($0.command.description.prefix(40)) → \($0.result.rawValue)" }
        return
            "item #\(itemId): \(summary.joined(separator: "; ")) (\(statusBefore.rawValue) → \(statusAfter.rawValue))"
    }
}
