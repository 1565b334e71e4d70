import SMTP

/// Reads one SMTP transaction back out of the lines libcurl sent and received (its debug callback), pairing
/// each reply with the command it answers (RFC 5321 §4.2: one reply per command, read by SMTP's `ReplyReader`).
///
/// libcurl reports per-recipient replies nowhere else: with CURLOPT_MAIL_RCPT_ALLLOWFAILS it goes on after a
/// refused RCPT, and only the transcript tells which recipients were refused and why.
struct SMTPDialogue: Equatable {
    var mailReply: Reply?
    /// Replies to RCPT commands in the order sent (libcurl sends recipients in envelope order).
    var recipientReplies: [Reply] = []
    var dataReply: Reply?
    /// The reply after the message data (`250 2.0.0 Ok: queued`), the server's final word.
    var finalReply: Reply?
    /// The last reply to anything else (greeting, EHLO, AUTH, STARTTLS), for errors before MAIL.
    var otherReply: Reply?

    private enum Command { case mail, recipient, data, other }

    init(_ dialogue: [(sent: Bool, line: [UInt8])]) {
        var pending: Command?
        var afterData = false
        var reader = ReplyReader()
        for (sent, line) in dialogue {
            if sent {
                let upper = String(decoding: line.prefix(10), as: UTF8.self).uppercased()
                if upper.hasPrefix("MAIL FROM") {
                    pending = .mail
                } else if upper.hasPrefix("RCPT TO") {
                    pending = .recipient
                } else if upper.hasPrefix("DATA") {
                    pending = .data
                } else {
                    pending = .other
                }
                reader.reset()
                continue
            }
            guard let reply = reader.read(line) else { continue }
            switch pending {
            case .mail: mailReply = reply
            case .recipient: recipientReplies.append(reply)
            case .data:
                dataReply = reply
                afterData = reply.code == 354
            case .other: otherReply = reply
            case nil:
                if afterData {
                    finalReply = reply
                    afterData = false
                } else {
                    otherReply = reply  // the greeting, before any command
                }
            }
            pending = nil
        }
    }

    /// The status of each of `count` recipients. `failure` is the transaction-level error if libcurl reported one.
    func statuses(count: Int, failure: String?) -> [RecipientStatus] {
        // A failed end of data (or no end at all) undoes every accepted RCPT.
        let finalProblem: RecipientStatus?
        if let finalReply {
            finalProblem = finalReply.code < 400 ? nil : SMTPDialogue.status(finalReply)
        } else if let dataReply, dataReply.code >= 400 {
            finalProblem = SMTPDialogue.status(dataReply)
        } else {
            finalProblem = .failed(.unanswered(failure ?? "no reply after the message data"))
        }
        return (0..<count).map { index in
            guard index < recipientReplies.count else {
                // Never reached RCPT for this one: MAIL FROM refused, or the connection failed first.
                if let mailReply, mailReply.code >= 400 { return SMTPDialogue.status(mailReply) }
                if let otherReply, otherReply.code >= 400 { return SMTPDialogue.status(otherReply) }
                return .failed(.unanswered(failure ?? "recipient not sent"))
            }
            let reply = recipientReplies[index]
            if reply.code >= 400 { return SMTPDialogue.status(reply) }
            return finalProblem ?? .accepted
        }
    }

    /// A refusal (4xx or 5xx: the reply says which, `Reply.isPermanent`).
    static func status(_ reply: Reply) -> RecipientStatus {
        .failed(.refused(reply))
    }
}
