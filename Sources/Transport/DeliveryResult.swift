/// What the SMTP server said about one recipient (RFC 5321 §4.2.1 reply classes).
public enum RecipientStatus: Sendable, Equatable {
    /// The server took responsibility for delivery (2xx to RCPT and to the end of DATA).
    case accepted
    /// 4xx, or no answer (connection failure): try again later. `code` is 0 when the server never answered.
    case temporaryFailure(code: Int, text: String)
    /// 5xx: do not retry; tell someone.
    case permanentFailure(code: Int, text: String)

    public var isAccepted: Bool { self == .accepted }
}

/// One recipient and its outcome.
public struct RecipientResult: Sendable, Equatable {
    public var recipient: String
    public var status: RecipientStatus

    public init(recipient: String, status: RecipientStatus) {
        self.recipient = recipient
        self.status = status
    }
}

/// The outcome of one envelope in a batch.
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

    /// "CODE TEXT" of the first recipient the server refused, for messages about it.
    public var firstRefusal: String? {
        for recipient in recipients {
            switch recipient.status {
            case .accepted: continue
            case .temporaryFailure(let code, let text), .permanentFailure(let code, let text): return "\(code) \(text)"
            }
        }
        return nil
    }
}
