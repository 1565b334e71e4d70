/// One SMTP reply as the sink reported it ("450 4.7.1 Error: too much mail from 127.0.0.1"),
/// taken apart again so that the decision about the recipient sees the reply code and the
/// enhanced status code (RFC 3463), not only a line of text.
public struct ServerAnswer: Sendable, Equatable {
    /// The reply code; nil when the server never answered (the connection failed, or the
    /// message was not tried: the sink reports code 0).
    public var code: Int?
    /// `class.subject.detail`, when the text starts with one (RFC 3463, RFC 2034).
    public var enhancedStatus: String?
    public var text: String

    /// What the outbox does with a recipient after this answer.
    public enum Kind: Sendable, Equatable {
        /// The server asks the sender to slow down (`421`, or `450`/`451`/`452` with `4.7.x`):
        /// wait and resume; never a failure, never a bounce, never an attempt that counts towards
        /// giving up.
        case throttled
        /// `452 4.5.3`: too many recipients in this transaction (RFC 5321 §4.5.3.1.10, RFC 3463
        /// 5.3). Not a bounce: the others were taken, this one goes in a transaction of its own.
        /// (A bare `452` may as well mean "insufficient storage", so it is an ordinary temporary
        /// failure.)
        case tooManyRecipients
        /// Any other 4xx, or no answer: retried with backoff (`RetryPolicy`).
        case temporary
        /// 5xx: a final answer for this recipient.
        case permanent
    }

    public init(code: Int?, enhancedStatus: String?, text: String) {
        self.code = code
        self.enhancedStatus = enhancedStatus
        self.text = text
    }

    /// Reads "CODE [ENHANCED] TEXT" as the mail sinks write a recipient's answer.
    public init(_ response: String) {
        var rest = Substring(response)
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        // Code 0 is the sinks' "no answer from the server".
        if (1...3).contains(digits.count), let value = Int(digits), rest.dropFirst(digits.count).first != "." {
            code = value == 0 ? nil : value
            rest = rest.dropFirst(digits.count).drop(while: { $0 == " " || $0 == "-" })
        } else {
            code = nil
        }
        let word = rest.prefix(while: { $0 != " " })
        if Self.isEnhancedStatus(word) {
            enhancedStatus = String(word)
            rest = rest.dropFirst(word.count).drop(while: { $0 == " " })
        } else {
            enhancedStatus = nil
        }
        text = String(rest)
    }

    /// RFC 3463: `class "." subject "." detail`, class 2, 4 or 5, subject and detail 1–3 digits.
    static func isEnhancedStatus(_ word: Substring) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, ["2", "4", "5"].contains(parts[0]) else { return false }
        return parts.dropFirst().allSatisfy {
            (1...3).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }

    public var kind: Kind {
        guard let code else { return .temporary }
        if code == 421 { return .throttled }  // "closing transmission channel": the server wants us gone for now
        if [450, 451, 452].contains(code), enhancedStatus?.hasPrefix("4.7.") == true { return .throttled }
        if code == 452, enhancedStatus == "4.5.3" { return .tooManyRecipients }
        return code >= 500 ? .permanent : .temporary
    }
}
