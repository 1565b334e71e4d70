import Community
import Foundation
import SMTP
import Transport

/// An SMTP server as the engine's mail sink: one connection for the batches of one flush.
public final class SMTPMailSink: MailSink {
    public let sender: SMTPSender

    public init(sender: SMTPSender) { self.sender = sender }

    public func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        try deliver(envelopes, moreToFollow: false, answered: { _, _ in })
    }

    public func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]] {
        let results = sender.send(
            envelopes, hangUp: !moreToFollow,
            answered: { result in
                if result.envelopeIndex < envelopes.count {
                    answered(result.envelopeIndex, Self.statuses(of: result, for: envelopes[result.envelopeIndex]))
                }
            },
            // A server that asks us to slow down gets no more of this batch: the outbox waits, then resumes.
            stopAfter: Self.isThrottled)
        // Nothing accepted and the server unreachable: keep everything queued, untouched.
        if let error = results.first?.error, error.isUnreachable,
            results.allSatisfy({ !$0.recipients.contains { $0.status.isAccepted } })
        {
            throw UnreachableError(error.description)
        }
        // No token (the sign-in was revoked): keep everything queued, untouched, for after `auth login`,
        // instead of counting failed attempts and backing off.
        if let error = results.first?.error, error.isSignInFailure,
            results.allSatisfy({ !$0.recipients.contains { $0.status.isAccepted } })
        {
            throw CommandError(error.description)
        }
        var statuses = envelopes.map { $0.recipients.map { _ in Self.noAnswer } }
        for result in results where result.envelopeIndex < statuses.count {
            statuses[result.envelopeIndex] = Self.statuses(of: result, for: envelopes[result.envelopeIndex])
        }
        return statuses
    }

    static let noAnswer = RecipientStatus.failed(.unanswered("no answer"))

    /// True when the server answered any recipient with a throttling reply (`Reply.Kind.throttled`).
    static func isThrottled(_ result: DeliveryResult) -> Bool {
        result.recipients.contains { $0.status.failure?.reply?.kind == .throttled }
    }

    /// One status per recipient of `envelope`, in its order; "no answer" for any the result lacks.
    static func statuses(of result: DeliveryResult, for envelope: Envelope) -> [RecipientStatus] {
        var statuses = envelope.recipients.map { _ in noAnswer }
        for recipient in result.recipients {
            guard let slot = envelope.recipients.firstIndex(of: recipient.recipient) else { continue }
            statuses[slot] = recipient.status
        }
        return statuses
    }
}
