import Foundation
import MIME

/// Moderation (DESIGN.md flow 5): a moderator's reply carrying a token, and the same commands
/// from the console. The decisions themselves are `ModerationDesk`'s; this loads and saves the
/// item, and queues what the decision causes.
public struct Moderation: SessionUseCase {
    let session: SpoolSession

    /// A reply carrying a moderation token. Whatever happens, nothing changes unless the sender is
    /// a moderator holding this item's token; refusals are logged, and answered only to moderators.
    func answer(
        _ message: Message, sender: String, reference: ModerationTokenReference, key: SourceKey
    ) throws
        -> RunReport.Outcome
    {
        let itemId = reference.itemId ?? findItem(holding: reference.token)
        guard let itemId, let item = try? spool.loadItem(itemId) else {
            let note = "a moderation reply from \(sender) names no known item (\(reference.token))"
            log("refused: \(note)")
            return .refused(reason: note)
        }
        let reply = ModerationReply.parse(message)
        var desk = ModerationDesk(
            item: item, tokens: spool.loadTokens(itemId), policy: moderationPolicy, queue: queueSummary())
        let outcome = desk.apply(
            reply.commands, by: sender, token: reference.token, at: now,
            authenticationResults: message.headers.all("Authentication-Results"), malformed: reply.malformed)
        log(outcome.logLine)
        if outcome.changed { try session.saveItem(desk.item) }
        try afterDecision(outcome, item: desk.item)
        if let text = outcome.reply, moderationPolicy.isModerator(sender) {
            // The confirmation repeats the token (subject tag, "reply to this" address): secret, so
            // that once sent only its envelope is kept.
            try outbox.enqueue(
                id: "reply-\(key)", kind: .moderationReply, envelopeFrom: bounceAddress, recipients: [sender],
                message: session.compose(
                    to: [sender], subject: text.subject, text: text.text, inReplyTo: message.messageId,
                    references: message.references),
                at: now)
        }
        if let refusal = outcome.refusal {
            return .refused(reason: "#\(itemId) from \(sender): \(refusal)")
        }
        return .moderated(item: itemId, by: sender, result: Self.describe(outcome))
    }

    /// The same actions from the command line (`learnmail queue approve 42`): trusted, no token.
    public func applyFromConsole(
        _ commands: [ModerationCommand], item id: Int, by actor: String
    ) throws
        -> ModerationOutcome
    {
        try spool.withLock {
            session.state = session.loadState()
            return try moderateLocked(commands, item: id, by: actor)
        }
    }

    private func moderateLocked(
        _ commands: [ModerationCommand], item id: Int, by actor: String
    ) throws
        -> ModerationOutcome
    {
        let item = try spool.loadItem(id)
        var desk = ModerationDesk(
            item: item, tokens: spool.loadTokens(id), policy: moderationPolicy, queue: queueSummary())
        let outcome = desk.applyTrusted(commands, by: actor, at: now)
        if outcome.changed { try session.saveItem(desk.item) }
        try afterDecision(outcome, item: desk.item)
        try spool.saveState(session.state)
        try session.index.writeIfNeeded(to: spool)
        return outcome
    }

    /// A rejection is told to the contributor at once (within the reply limits); an approval is
    /// told when the item is published in a digest.
    private func afterDecision(_ outcome: ModerationOutcome, item: LearningItem) throws {
        guard outcome.decision == .rejected, outcome.changed else { return }
        let contributor = item.contribution.contributor.address
        let text = ContributorTexts.declined(item: item, reason: outcome.reason, communityName: config.community.name)
        _ = try session.queueAutomaticReply(
            id: "item-\(item.id)-declined", kind: .declined, to: contributor,
            message: session.compose(
                to: [contributor], subject: text.subject, text: text.text, inReplyTo: item.contribution.messageId))
    }

    /// The item whose token this is, when the reply carried it only in its address.
    private func findItem(holding token: ModerationToken) -> Int? {
        for id in spool.itemIds().reversed() {
            if let found = ModerationTokenRecord.itemId(for: token, in: spool.loadTokens(id)) { return found }
        }
        return nil
    }

    /// The queue as the items index has it: no item folder is read.
    func queueSummary() -> [ModerationDesk.QueueEntry] {
        session.index.summaries { $0.status == .pending || $0.status == .held }.map {
            ModerationDesk.QueueEntry(id: $0.id, status: $0.status, title: $0.title)
        }
    }

    static func describe(_ outcome: ModerationOutcome) -> String {
        let steps = outcome.steps.map { "\($0.command) (\($0.result.rawValue))" }.joined(separator: ", ")
        let state =
            outcome.statusBefore == outcome.statusAfter
            ? "still \(outcome.statusAfter.rawValue)" : "now \(outcome.statusAfter.rawValue)"
        return steps.isEmpty ? "no commands; \(state)" : "\(steps); \(state)"
    }
}
