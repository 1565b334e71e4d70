/// Reads one SMTP transaction back out of the lines libcurl sent and received (its debug callback), pairing
/// each reply with the command it answers (RFC 5321 §4.2: one reply per command, `ddd-` continues, `ddd ` ends).
///
/// libcurl reports per-recipient replies nowhere else: with CURLOPT_MAIL_RCPT_ALLLOWFAILS it goes on after a
/// refused RCPT, and only the transcript tells which recipients were refused and why.
struct SMTPDialogue: Equatable {
    struct Reply: Equatable {
        var code: Int
        var text: String
    }

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
        var text = ""
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
                text = ""
                continue
            }
            guard let (code, final, lineText) = SMTPDialogue.parseReplyLine(line) else { continue }
            text += text.isEmpty ? lineText : " " + lineText
            guard final else { continue }
            let reply = Reply(code: code, text: text)
            text = ""
            switch pending {
            case .mail: mailReply = reply
            case .recipient: recipientReplies.append(reply)
            case .data:
                dataReply = reply
                afterData = code == 354
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

    /// `reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF`
    static func parseReplyLine(_ line: [UInt8]) -> (code: Int, final: Bool, text: String)? {
        guard line.count >= 3, line[0...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        let code = line[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let final = line.count == 3 || line[3] != UInt8(ascii: "-")
        var end = line.count
        while end > 4, line[end - 1] == UInt8(ascii: "\n") || line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let text = end > 4 ? String(decoding: line[4..<end], as: UTF8.self) : ""
        return (code, final, text)
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
            finalProblem = .temporaryFailure(code: 0, text: failure ?? "no reply after the message data")
        }
        return (0..<count).map { index in
            guard index < recipientReplies.count else {
                // Never reached RCPT for this one: MAIL FROM refused, or the connection failed first.
                if let mailReply, mailReply.code >= 400 { return SMTPDialogue.status(mailReply) }
                if let otherReply, otherReply.code >= 400 { return SMTPDialogue.status(otherReply) }
                return .temporaryFailure(code: 0, text: failure ?? "recipient not sent")
            }
            let reply = recipientReplies[index]
            if reply.code >= 400 { return SMTPDialogue.status(reply) }
            return finalProblem ?? .accepted
        }
    }

    static func status(_ reply: Reply) -> RecipientStatus {
        reply.code >= 500
            ? .permanentFailure(code: reply.code, text: reply.text)
            : .temporaryFailure(code: reply.code, text: reply.text)
    }
}
