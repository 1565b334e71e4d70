import Community
import SMTP

/// A sink that refuses some recipients for good, as a server does with 550 at RCPT, and hands the
/// rest to `inner`.
public final class RefusingSink: MailSink {
    public let inner: MailSink
    public let refused: Set<String>

    public init(_ inner: MailSink, refusing refused: Set<String>) {
        self.inner = inner
        self.refused = refused
    }

    public func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        let accepted = envelopes.filter { !$0.recipients.contains(where: refused.contains) }
        _ = try inner.deliver(accepted)
        return envelopes.map { envelope in
            envelope.recipients.map {
                refused.contains($0)
                    ? .failed(
                        .refused(Reply(code: 550, text: "5.1.1 <\($0)>: Recipient address rejected: User unknown")))
                    : .accepted
            }
        }
    }
}
