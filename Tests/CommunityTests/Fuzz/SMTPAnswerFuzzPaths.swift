// The pure paths the `smtpanswer` fuzz target drives: what an SMTP server says of a recipient, on
// its way from the transcript's lines (SMTP's `ReplyReader`) through the typed `DeliveryFailure`
// to the outbox's decision and the retry policy (Outbox+Flush.swift). Shared by the libFuzzer build
// (`scripts/fuzz` compiles this file with Sources/Community and Sources/MIME as one module over
// the SMTP module built apart, -D LEARNMAIL_FUZZ) and by `SMTPAnswerFuzzRegressionTests`, which replays every kept
// input through the same calls.
import Foundation
import SMTP

#if !LEARNMAIL_FUZZ
    @testable import Community
#endif

enum SMTPAnswerFuzzPaths {
    static let queuedAt = Date(timeIntervalSince1970: 1_800_000_000)
    static let policy = RetryPolicy()

    /// The input's lines as a server's replies (multi-line ones put together), each line read alone
    /// as the outbox keeps an answer, the whole text after each reply code a reader can give, and
    /// the whole text as the reason no server replied.
    static func answers(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for reply in ReplyReader.replies(lines.map { Array($0.utf8) }) { decide(.refused(reply)) }
        for line in lines {
            if let reply = Reply(String(line)) { decide(.refused(reply)) }
        }
        decide(.unanswered(text))
        decide(.unsendable(text))
        for code in [250, 421, 450, 451, 452, 454, 550, 552, 554] {
            let reply = Reply(code: code, text: text)
            // The code is what is read back, whatever text follows it.
            precondition(Reply(reply.description)?.code == code, "\(code) read back differently")
            switch reply.kind {
            case .positive: precondition(code < 400, "\(code) taken for a positive answer")
            case .permanent: precondition(code >= 500, "\(code) taken for a permanent answer")
            case .throttled: precondition([421, 450, 451, 452].contains(code), "\(code) taken for throttling")
            case .tooManyRecipients: precondition(code == 452, "\(code) taken for too many recipients")
            case .temporary: precondition((400..<500).contains(code), "\(code) taken for a temporary answer")
            }
            decide(.refused(reply))
        }
    }

    /// One failure through everything that reads it: the reply read back from the outbox's line,
    /// the outbox's decision and the retry decision, at several ages of the message.
    static func decide(_ failure: DeliveryFailure) {
        if let reply = failure.reply {
            precondition((0...999).contains(reply.code), "reply code \(reply.code)")
            if let status = reply.enhancedStatus {
                precondition(EnhancedStatus(status.description) == status, "enhanced status \(status)")
                precondition([2, 4, 5].contains(status.statusClass), "enhanced status class \(status)")
            }
            // What `lastResponse` keeps reads back as the same reply: every reply a transcript gives
            // (a code under 100 is written without its leading zeros, as the sinks always did, and a
            // text made up here may end in a line break, which no reply line keeps).
            if reply.code >= 100, reply.text.utf8.last != UInt8(ascii: "\n"), reply.text.utf8.last != UInt8(ascii: "\r")
            {
                precondition(Reply(reply.description) == reply, "the kept answer reads differently: \(reply)")
            }
        }
        let decision = Outbox.Decision(.failed(failure))
        precondition(decision.response == failure.description, "the decision keeps another text")
        switch decision {
        case .accepted: preconditionFailure("a failure taken for acceptance")
        case .throttled: precondition(failure.reply?.kind == .throttled, "\(failure) taken for throttling")
        case .split: precondition(failure.reply?.kind == .tooManyRecipients, "\(failure) split")
        case .failed: break
        }
        for (attempts, age) in [(1, 0.0), (3, 3600.0), (9, 5 * 86_400.0 - 1), (10, 5 * 86_400.0), (Int.max, 1e9)] {
            let now = queuedAt.addingTimeInterval(age)
            switch policy.decide(failure, attempts: attempts, queuedAt: queuedAt, now: now) {
            case .retry(let at):
                precondition(!failure.isPermanent, "a permanent failure retried")
                precondition(at > now && at <= queuedAt + policy.maximumAge, "retry at \(at) for \(now)")
            case .giveUp(let reason): _ = reason
            }
        }
    }
}
