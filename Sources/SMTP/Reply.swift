/// One SMTP reply (RFC 5321 §4.2): the reply code, the enhanced status code at the start of the text
/// when the server gives one (RFC 2034, RFC 3463), and the text. Carried whole from the transcript
/// to the outbox, the retry policy and the bounce count, so that no one has to read a line of text
/// again to learn what the server meant.
public struct Reply: Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    /// Everything after the code (a multi-line reply's lines joined by one space), enhanced status included.
    public let text: String
    /// `4.7.1` in `450 4.7.1 Error: too much mail`, nil when the text does not start with one.
    public let enhancedStatus: EnhancedStatus?

    public init(code: Int, text: String) {
        self.code = code
        self.text = text
        enhancedStatus = EnhancedStatus(startOf: text)
    }

    /// One line as logs and the outbox's state keep a reply, `CODE TEXT` (`450 4.7.1 Error: too much
    /// mail`); a `CODE-TEXT` line reads the same. Nil when the line does not start with three digits.
    public init?(_ line: String) {
        guard let parsed = ReplyLine(line.utf8) else { return nil }
        self.init(code: parsed.code, text: parsed.text)
    }

    /// `CODE TEXT`, the form `init?(_:)` reads back.
    public var description: String { "\(code) \(text)" }

    /// 2xx or 3xx: the command was taken.
    public var isPositive: Bool { code < 400 }
    /// 5xx (RFC 5321 §4.2.1): the same command will fail again; do not retry.
    public var isPermanent: Bool { code >= 500 }

    /// What a sender does after this reply.
    public enum Kind: Sendable, Equatable {
        /// 2xx or 3xx.
        case positive
        /// The server asks the sender to slow down (`421`, or `450`/`451`/`452` with `4.7.x`): wait
        /// and resume; never a failure, never a bounce, never an attempt that counts towards giving up.
        case throttled
        /// `452 4.5.3`: too many recipients in this transaction (RFC 5321 §4.5.3.1.10, RFC 3463
        /// 5.3). Not a bounce: the others were taken, this one goes in a transaction of its own.
        /// (A bare `452` may as well mean "insufficient storage", so it is an ordinary temporary
        /// failure.)
        case tooManyRecipients
        /// Any other 4xx: retried with backoff.
        case temporary
        /// 5xx: a final answer.
        case permanent
    }

    public var kind: Kind {
        if isPositive { return .positive }
        if code == 421 { return .throttled }  // "closing transmission channel": the server wants us gone for now
        if [450, 451, 452].contains(code), enhancedStatus?.statusClass == 4, enhancedStatus?.subject == 7 {
            return .throttled
        }
        if code == 452, enhancedStatus?.description == "4.5.3" { return .tooManyRecipients }
        return isPermanent ? .permanent : .temporary
    }
}
