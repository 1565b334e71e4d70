import SMTP

/// A delivery failure report about one recipient, as read from a bounce message.
public struct Bounce: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// The address does not work (5.x.x: unknown user, domain gone): counts towards disabling.
        case hard
        /// Might work later (4.x.x: mailbox full, over quota, greylisted, delayed).
        case soft
    }

    /// Which shape of report it was read from.
    public enum Format: String, Sendable, Equatable {
        case dsn  // RFC 3464 multipart/report; report-type=delivery-status
        case exim, qmail, postfix, exchange, gmail
        case heuristic  // some other "undeliverable" text
        case smtp  // refused during the SMTP conversation itself (a 5xx reply to RCPT or DATA)
    }

    /// The failed recipient (lowercased), nil when the report does not say (VERP still tells).
    public var recipient: String?
    public var kind: Kind
    /// RFC 3463 enhanced status code (`5.1.1`) when the report gives or implies one.
    public var status: String?
    /// The remote server's words (`550 5.1.1 <x@y>: Recipient address rejected: User unknown`).
    public var diagnostic: String?
    public var format: Format

    public init(recipient: String?, kind: Kind, status: String?, diagnostic: String?, format: Format) {
        self.recipient = recipient
        self.kind = kind
        self.status = status
        self.diagnostic = diagnostic
        self.format = format
    }

    /// A recipient the SMTP server refused for good while learnmail itself was sending (`550 5.1.1`
    /// to RCPT or to the end of DATA): a hard bounce that no report will bring, with the enhanced
    /// status as the server's reply gave it.
    public init(refused recipient: String, failure: DeliveryFailure) {
        self.init(
            recipient: recipient, kind: .hard, status: failure.reply?.enhancedStatus?.description,
            diagnostic: failure.description, format: .smtp)
    }
}
