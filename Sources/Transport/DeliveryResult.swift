import SMTP

/// One recipient and its outcome.
public struct RecipientResult: Sendable, Equatable {
    public var recipient: String
    public var status: RecipientStatus

    public init(recipient: String, status: RecipientStatus) {
        self.recipient = recipient
        self.status = status
    }
}

/// The outcome of one envelope in a batch. Here rather than in SMTP with the per-recipient
/// `RecipientStatus`, because the transaction's `error` is a libcurl failure (TLS, login, an
/// unreachable server) that only Transport knows; a mail sink hands on the statuses alone.
public struct DeliveryResult: Sendable, Equatable {
    /// The envelope's index in the batch passed to `SMTPSender.send`.
    public var envelopeIndex: Int
    /// One entry per envelope recipient, in the envelope's order.
    public var recipients: [RecipientResult]
    /// Why the transaction failed as a whole (unreachable, TLS, login, rejected sender or data), else nil.
    /// `error?.isUnreachable` tells "the server is down" apart from "the server said no".
    public var error: TransportError?

    public init(envelopeIndex: Int, recipients: [RecipientResult], error: TransportError?) {
        self.envelopeIndex = envelopeIndex
        self.recipients = recipients
        self.error = error
    }

    public var allAccepted: Bool { recipients.allSatisfy(\.status.isAccepted) }

    /// "CODE TEXT" of the first recipient not delivered, for messages about it.
    public var firstRefusal: String? {
        recipients.lazy.compactMap(\.status.failure).first?.description
    }
}
