import Foundation

/// The mail learnmail sends moderators (DESIGN flow 4): the notification of a new item and the
/// confirmation of a reply. Plain text, lines of at most 72 characters, readable on a phone:
/// what to do comes first, the item follows.
public enum ModerationTexts {
    /// The commands, written so that none of these lines is itself a command when a reply quotes
    /// them without `>` (each starts with `*`).
    public static let help = """
        Reply with commands, one per line, at the top of your reply
        (anything after the first other line is ignored):
          * approve               publish it in the next digest
          * reject <reason>       decline it; the reason goes to the sender
          * hold                  keep it in the queue for later
          * edit title <text>     change the title; summary,
                                  organisation and area work too
          * tag +word -word       add or remove tags
          * set <learning set>    put it in a learning set
                                  ("set none" takes it out)
          * show                  send the item again
          * list                  list the queue
          * help                  this text
        Approving or rejecting is final.
        """

    /// The notification sent to one moderator: subject `[learnmail #42 tok:…] New: <title>`;
    /// Reply-To should be `token.replyAddress(community:)` so that the token survives a client
    /// that rewrites the subject.
    public static func notification(
        item: LearningItem, token: ModerationToken, policy: ModerationDesk.Policy, authentication: String
    ) -> MailText {
        let c = item.contribution
        let title = TextLayout.singleLine(c.title, limit: 100)
        var text = "New contribution #\(item.id) is waiting for your review.\n"
        text += "Reply \"approve\" or \"reject <reason>\" (see the end).\n\n"
        text += itemFields(item, authentication: authentication) + "\n\n"
        text += "Summary\n-------\n" + TextLayout.wrap(TextLayout.singleLine(c.summary, limit: 2000)) + "\n\n"
        text += "Message\n-------\n" + TextLayout.wrap(c.body.isEmpty ? "(empty)" : c.body) + "\n\n"
        text += help + "\n"
        return MailText(
            subject: token.subjectTag(itemId: item.id, tag: policy.subjectTag) + " New: " + title, text: text)
    }

    /// The confirmation of a moderation reply: what was done and the item's state.
    public static func confirmation(
        _ outcome: ModerationOutcome, item: LearningItem, policy: ModerationDesk.Policy, token: ModerationToken?,
        malformed: String?, queue: [ModerationDesk.QueueEntry] = []
    ) -> MailText {
        let tag = token?.subjectTag(itemId: item.id, tag: policy.subjectTag) ?? "[\(policy.subjectTag) #\(item.id)]"
        let title = TextLayout.singleLine(item.contribution.title, limit: 80)
        if let refusal = outcome.refusal {
            var text = "Nothing was done to #\(item.id): \(refusal).\n\n"
            switch refusal {
            case .token(.expired):
                text +=
                    "Moderation tokens expire. Use \"learnmail queue\" on the server,\nor ask for a fresh notification.\n"
            case .missingToken, .token:
                text +=
                    "Reply to the notification for this item itself, keeping its\nsubject, so that learnmail can tell that it is you.\n"
            case .notAuthenticated:
                text +=
                    "Your mail server's authentication of this message did not\npass, so learnmail cannot tell that it came from you.\n"
            case .notModerator: break
            }
            return MailText(subject: "\(tag) Not done: \(title)", text: TextLayout.wrap(text))
        }
        var text = ""
        if outcome.steps.isEmpty {
            text += "No command was found at the top of your reply.\n\n"
        }
        for step in outcome.steps where step.result != .shown {
            let mark: String
            switch step.result {
            case .done: mark = "Done"
            case .unchanged: mark = "No change"
            case .refused: mark = "Refused"
            case .shown: mark = ""
            }
            text += TextLayout.wrap("\(mark): \(step.message)") + "\n"
        }
        if let malformed {
            text += TextLayout.wrap("Not understood: \"\(TextLayout.singleLine(malformed, limit: 60))\"") + "\n"
        }
        text += "\n#\(item.id) is now \(item.status.rawValue).\n\n"
        let commands = outcome.steps.map(\.command)
        if commands.contains(.show) || outcome.changed {
            text += itemFields(item, authentication: nil) + "\n\n"
        }
        if commands.contains(.show) {
            text += "Message\n-------\n" + TextLayout.wrap(item.contribution.body) + "\n\n"
        }
        if commands.contains(.list) {
            text += "Queue\n-----\n" + queueList(queue, item: item) + "\n\n"
        }
        if commands.contains(.help) || outcome.steps.isEmpty || malformed != nil {
            text += help + "\n"
        }
        let state = outcome.decision?.rawValue ?? item.status.rawValue
        return MailText(subject: "\(tag) \(state.capitalized): \(title)", text: text)
    }

    static func itemFields(_ item: LearningItem, authentication: String?) -> String {
        let c = item.contribution
        var lines: [String] = []
        lines.append(TextLayout.field("Title", c.title))
        let who = c.contributor.name.map { "\($0) <\(c.contributor.address)>" } ?? c.contributor.address
        lines.append(TextLayout.field("From", who))
        if let f = c.forwardedFrom {
            lines.append(TextLayout.field("Forwarded", f.name.map { "\($0) <\(f.address)>" } ?? f.address))
        }
        if let authentication { lines.append(TextLayout.field("Sender check", authentication)) }
        lines.append(TextLayout.field("Organisation", c.organisation ?? "(unknown)"))
        lines.append(TextLayout.field("Area", c.learningArea))
        lines.append(TextLayout.field("Tags", c.tags.isEmpty ? "(none)" : c.tags.joined(separator: ", ")))
        if let set = item.learningSet { lines.append(TextLayout.field("Learning set", set)) }
        lines.append(TextLayout.field("Received", ISO8601UTC.string(from: item.receivedAt)))
        lines.append(TextLayout.field("Status", item.status.rawValue))
        for (n, link) in c.links.enumerated() {
            lines.append(
                (n == 0
                    ? "Links:".padding(toLength: 14, withPad: " ", startingAt: 0) : String(repeating: " ", count: 14))
                    + link)
        }
        if c.attachments.isEmpty {
            lines.append(TextLayout.field("Attachments", "(none)"))
        } else {
            lines.append("Attachments:")
            for a in c.attachments {
                let line = TextLayout.wrap("* \(a.filename) (\(a.contentType), \(sizeText(a.size)))", width: 70)
                lines.append(line.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func queueList(_ queue: [ModerationDesk.QueueEntry], item: LearningItem) -> String {
        var entries = queue.filter { $0.id != item.id }
        entries.append(.init(id: item.id, status: item.status, title: item.contribution.title))
        entries.sort { $0.id < $1.id }
        let open = entries.filter { $0.status == .pending || $0.status == .held || $0.id == item.id }
        return open.map { "#\($0.id) \($0.status.rawValue): \(TextLayout.singleLine($0.title, limit: 50))" }
            .joined(separator: "\n")
    }

    /// "48 KB", "1.2 MB", "312 bytes".
    public static func sizeText(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        let tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024)
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
