// The pure paths the `smtpanswer` fuzz target drives: what an SMTP server says of a recipient, on
// its way from the sink ("CODE TEXT") through `ServerAnswer` to the outbox's decision and the retry
// policy (Outbox+Flush.swift). Shared by the libFuzzer build (`scripts/fuzz` compiles this file with
// Sources/Community and Sources/MIME as one module, -D LEARNMAIL_FUZZ) and by
// `SMTPAnswerFuzzRegressionTests`, which replays every kept input through the same calls.
import Foundation

#if !LEARNMAIL_FUZZ
    @testable import Community
#endif

enum SMTPAnswerFuzzPaths {
    static let queuedAt = Date(timeIntervalSince1970: 1_800_000_000)
    static let policy = RetryPolicy()

    /// Each line of the input as a sink's answer, and the whole input as the text after the reply
    /// codes a transcript reader can give (0 for "no answer", then 2xx–5xx).
    static func answers(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            decide(String(line))
        }
        decide(text)
        for code in [0, 250, 421, 450, 451, 452, 454, 550, 552, 554] {
            let answer = ServerAnswer("\(code) \(text)")
            // The sink's code is what is read back, whatever text follows it.
            precondition(
                answer.code == (code == 0 ? nil : code), "\(code) read back as \(String(describing: answer.code))")
            switch answer.kind {
            case .permanent: precondition(code >= 500, "\(code) taken for a permanent answer")
            case .throttled: precondition([421, 450, 451, 452].contains(code), "\(code) taken for throttling")
            case .tooManyRecipients: precondition(code == 452, "\(code) taken for too many recipients")
            case .temporary: precondition(code < 500, "\(code) taken for a temporary answer")
            }
            decide("\(code) \(text)")
        }
    }

    /// One sink answer through everything that reads it: the outbox's decision, the failure and the
    /// retry decision built from it as `Outbox.record` does, at several ages of the message.
    static func decide(_ response: String) {
        let answer = ServerAnswer(response)
        if let code = answer.code { precondition((1...999).contains(code), "reply code \(code)") }
        if let status = answer.enhancedStatus {
            precondition(ServerAnswer.isEnhancedStatus(Substring(status)), "enhanced status \(status)")
        }
        for outcome in [RecipientOutcome.temporaryFailure(response), .permanentFailure(response)] {
            let decision = Outbox.Decision(outcome)
            _ = decision.response
            let again = ServerAnswer(decision.response)
            precondition(again == answer, "the kept answer reads differently: \(again) \(answer)")
        }
        let failure = DeliveryFailure.temporary(
            code: answer.code, text: [answer.enhancedStatus, answer.text].compactMap { $0 }.joined(separator: " "))
        for (attempts, age) in [(1, 0.0), (3, 3600.0), (9, 5 * 86_400.0 - 1), (10, 5 * 86_400.0), (Int.max, 1e9)] {
            let now = queuedAt.addingTimeInterval(age)
            switch policy.decide(failure, attempts: attempts, queuedAt: queuedAt, now: now) {
            case .retry(let at):
                precondition(at > now && at <= queuedAt + policy.maximumAge, "retry at \(at) for \(now)")
            case .giveUp(let reason): _ = reason
            }
        }
        if let code = answer.code {
            _ = RetryPolicy().decide(
                .smtp(code: code, text: answer.text), attempts: 1, queuedAt: queuedAt, now: queuedAt)
        }
    }
}
