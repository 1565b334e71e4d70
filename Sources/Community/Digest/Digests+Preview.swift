import DurableFiles
import Foundation
import MIME

/// The digest's preview, mailed to each moderator the day before the digest goes out, with a
/// token like a notification's. A reply holds items back from this week or adds the opening note.
/// `digests/WEEK.preview.json` keeps the tokens' hashes and the items held back.
public struct DigestPreviewRecord: Codable, Sendable, Equatable {
    public struct Token: Codable, Sendable, Equatable {
        public var moderator: String
        public var sha256: String
    }

    public var week: String
    public var tokens: [Token]
    /// Items kept out of this week's digest by a reply (they stay approved, for next week's).
    public var holds: [Int]
}

extension Digests {
    static func previewPath(_ week: String) -> String { "digests/\(week).preview.json" }

    /// Items held back from `week`'s digest by a preview reply.
    func heldBack(from week: String) -> Set<Int> {
        Set((try? spool.loadJSON(DigestPreviewRecord.self, at: Self.previewPath(week)))?.holds ?? [])
    }

    /// Mails the preview when the next digest is due within a day and no preview went out for it.
    /// The record and the mails are one group commit: after a crash, either both or neither.
    func sendPreviewIfDue() throws -> String? {
        let next = schedule.nextDue(after: now, lastSentWeek: session.state.lastDigestWeek)
        guard now >= next.dueAt.addingTimeInterval(-86_400), now < next.dueAt,
            try spool.loadJSON(DigestPreviewRecord.self, at: Self.previewPath(next.week)) == nil
        else { return nil }
        let week = next.week
        let items = DigestRenderer.selectItems(candidates(for: week), week: week)
        // No preview of a digest that will not go out (nothing approved, or nobody to read it).
        guard !items.isEmpty || config.digest.sendEmpty, try !spool.loadSubscribers().active.isEmpty else {
            return nil
        }
        let digest = DigestRenderer.render(
            items: items, community: list, week: week, unsubscribeAddress: list.address(tag: "unsubscribe"),
            unsubscribeURL: nil, extras: extras(week: week, items: items))
        var record = DigestPreviewRecord(week: week, tokens: [], holds: [])
        var mails: [(String, [UInt8])] = []
        for moderator in config.moderators {
            let token = ModerationToken.generate(using: &session.random)
            record.tokens.append(.init(moderator: moderator, sha256: token.sha256Hex))
            let text = DigestPreviewTexts.preview(
                digest: digest, items: items, dueAt: describeDue(next.dueAt), community: config.community.address)
            mails.append(
                (
                    moderator,
                    session.compose(
                        to: [moderator],
                        subject: DigestPreviewToken.subjectTag(week: week, token: token) + " Preview: "
                            + digest.subject,
                        text: text, replyTo: DigestPreviewToken.replyAddress(token, community: config.community.address)
                    )
                ))
        }
        try AtomicFile.groupCommit(syncing: spool.root) {
            try spool.saveJSON(record, at: Self.previewPath(week))
            for (moderator, message) in mails {
                // The preview carries its token: secret, so that once sent only its envelope is kept.
                _ = try outbox.enqueue(
                    id: "preview-\(week)-\(SHA256.hexDigest(moderator).prefix(16))", kind: .digestPreview,
                    envelopeFrom: bounceAddress, recipients: [moderator], message: message, at: now)
            }
        }
        let summary = "digest \(week): preview mailed to \(config.moderators.count) moderator(s)"
        log(summary)
        return summary
    }

    /// A reply to a preview. Nothing changes unless the sender is a moderator holding that week's
    /// token and the digest has not gone out yet.
    func answerPreview(
        _ message: Message, sender: String, token: ModerationToken, key: SourceKey
    ) throws
        -> RunReport.Outcome
    {
        let week = nextDigestWeek
        guard moderationPolicy.isModerator(sender),
            var record = try spool.loadJSON(DigestPreviewRecord.self, at: Self.previewPath(week)),
            record.tokens.contains(where: {
                $0.moderator == sender.lowercased() && ConstantTime.equal($0.sha256, token.sha256Hex)
            })
        else {
            let note = "a digest preview reply from \(sender) carries no valid token for the next digest (\(token))"
            log("refused: \(note)")
            return .refused(reason: note)
        }
        let reply = DigestPreviewReply.parse(message.textBody ?? "")
        let selected = Set(DigestRenderer.selectItems(candidates(for: week), week: week).map(\.id))
        var done: [String] = []
        var refused: [String] = []
        for id in reply.holds {
            if !selected.contains(id) {
                refused.append("#\(id) is not in this digest")
            } else if !record.holds.contains(id) {
                record.holds.append(id)
                done.append("#\(id) held back until next week's digest")
            }
        }
        if let text = reply.note {
            let note = DigestNote(week: week, text: text, by: sender, at: now)
            try spool.saveJSON(note, at: Self.notePath)
            done.append("the note is set")
        }
        try spool.saveJSON(record, at: Self.previewPath(week))
        let result = (done + refused).joined(separator: "; ")
        let text = DigestPreviewTexts.confirmation(
            week: week, done: done, refused: refused, malformed: reply.malformed)
        try outbox.enqueue(
            id: "reply-\(key)", kind: .moderationReply, envelopeFrom: bounceAddress, recipients: [sender],
            message: session.compose(
                to: [sender], subject: "Re: digest \(week) preview", text: text, inReplyTo: message.messageId,
                references: message.references),
            at: now)
        log("digest \(week) preview reply by \(sender): \(result.isEmpty ? "nothing to do" : result)")
        return .moderated(item: nil, by: sender, result: "digest \(week): \(result.isEmpty ? "nothing to do" : result)")
    }

    func describeDue(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.digest.timeZone
        let c = calendar.dateComponents([.weekday, .day, .month, .hour, .minute], from: date)
        let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
        return "\(days[(c.weekday ?? 1) - 1]) \(c.day ?? 1) \(DigestRenderer.months[(c.month ?? 1) - 1]) at "
            + String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}

/// The preview's text and the answer to a reply: plain text, 72 columns, commands first.
enum DigestPreviewTexts {
    static func preview(digest: RenderedDigest, items: [LearningItem], dueAt: String, community: String) -> String {
        var out = [
            "This is the digest that goes out on \(dueAt), as subscribers will",
            "read it. To change it, reply with commands at the top:",
            "",
            "  hold 42        keep item #42 out of this digest (it goes in next",
            "                 week's); several: hold 42, 43",
            "  note           on a line of its own, then your text, then a line",
            "                 with: end   Your note opens the digest.",
            "",
        ]
        if items.isEmpty { out.append("No item is approved for this digest yet.") }
        out.append(String(repeating: "-", count: 72))
        return out.joined(separator: "\n") + "\n" + digest.text
    }

    static func confirmation(week: String, done: [String], refused: [String], malformed: String?) -> String {
        var out: [String] = []
        if done.isEmpty && refused.isEmpty {
            out.append("Nothing was changed in the digest of \(week): no command was found at")
            out.append("the top of your reply.")
        }
        for line in done { out.append("Done: \(line).") }
        for line in refused { out.append("Not done: \(line).") }
        if let malformed { out.append("Not understood: \(malformed)") }
        out.append("")
        out.append("See the digest as it stands with: learnmail digest preview")
        return out.joined(separator: "\n") + "\n"
    }
}
