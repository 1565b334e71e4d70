import Community
import Foundation
import Transport

/// An SMTP server as the engine's mail sink: one connection for the batches of one flush.
public final class SMTPMailSink: MailSink {
    public let sender: SMTPSender

    public init(sender: SMTPSender) { self.sender = sender }

    public func deliver(_ envelopes: [OutgoingEnvelope]) throws -> [[RecipientOutcome]] {
        try deliver(envelopes, moreToFollow: false, answered: { _, _ in })
    }

    public func deliver(
        _ envelopes: [OutgoingEnvelope], moreToFollow: Bool, answered: (Int, [RecipientOutcome]) -> Void
    ) throws -> [[RecipientOutcome]] {
        let results = sender.send(
            envelopes.map { Envelope(from: $0.from, recipients: $0.recipients, data: $0.data) }, hangUp: !moreToFollow,
            answered: { result in
                if result.envelopeIndex < envelopes.count {
                    answered(result.envelopeIndex, Self.outcomes(of: result, for: envelopes[result.envelopeIndex]))
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
        var outcomes = envelopes.map { $0.recipients.map { _ in RecipientOutcome.temporaryFailure("no answer") } }
        for result in results where result.envelopeIndex < outcomes.count {
            outcomes[result.envelopeIndex] = Self.outcomes(of: result, for: envelopes[result.envelopeIndex])
        }
        return outcomes
    }

    /// True when the server answered any recipient with a throttling reply (`ServerAnswer.Kind.throttled`).
    public static func isThrottled(_ result: DeliveryResult) -> Bool {
        result.recipients.contains { recipient in
            switch recipient.status {
            case .accepted: false
            case .temporaryFailure(let code, let text), .permanentFailure(let code, let text):
                ServerAnswer("\(code) \(text)").kind == .throttled
            }
        }
    }

    /// One outcome per recipient of `envelope`, in its order; "no answer" for any the result lacks.
    public static func outcomes(of result: DeliveryResult, for envelope: OutgoingEnvelope) -> [RecipientOutcome] {
        var outcomes = envelope.recipients.map { _ in RecipientOutcome.temporaryFailure("no answer") }
        for recipient in result.recipients {
            guard let slot = envelope.recipients.firstIndex(of: recipient.recipient) else { continue }
            switch recipient.status {
            case .accepted: outcomes[slot] = .accepted
            case .temporaryFailure(let code, let text): outcomes[slot] = .temporaryFailure("\(code) \(text)")
            case .permanentFailure(let code, let text): outcomes[slot] = .permanentFailure("\(code) \(text)")
            }
        }
        return outcomes
    }
}
