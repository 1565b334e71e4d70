import Foundation

/// The moderation state machine for one item (DESIGN flow 4 and the security model).
///
/// `apply` first checks who is asking (a configured moderator, optionally authenticated) and
/// with what (a token valid for this item and this moderator, not expired); on any failure
/// nothing changes and the outcome says why. Then it applies the commands in order. A
/// decision is final: approve after reject (or the reverse) is refused and the reply states the
/// current state; repeating a decision is idempotent (one history entry).
public struct ModerationDesk: Sendable {
    public struct Policy: Sendable {
        public var moderators: [String]
        /// Configured learning-area names; `edit area` must name one of them (or "General").
        public var learningAreas: [String]
        /// Configured learning sets; `set NAME` must name one of them.
        public var learningSets: [Config.LearningSet] = []
        public var communityName: String
        /// The subject tag's word: `[learnmail #42 tok:…]`.
        public var subjectTag: String
        /// When set, moderator mail must pass `AuthenticationResults.verify` for this authserv-id.
        public var trustedAuthservId: String?

        public init(
            moderators: [String], learningAreas: [String] = [], communityName: String = "learnmail",
            subjectTag: String = "learnmail", trustedAuthservId: String? = nil
        ) {
            self.moderators = moderators.map { $0.lowercased() }
            self.learningAreas = learningAreas
            self.communityName = communityName
            self.subjectTag = subjectTag
            self.trustedAuthservId = trustedAuthservId
        }

        public func isModerator(_ address: String) -> Bool { moderators.contains(address.lowercased()) }
    }

    /// A line of `list`: the other items in the queue.
    public struct QueueEntry: Sendable, Equatable {
        public var id: Int
        public var status: ItemStatus
        public var title: String
        public init(id: Int, status: ItemStatus, title: String) {
            self.id = id
            self.status = status
            self.title = title
        }
    }

    public private(set) var item: LearningItem
    public var tokens: [ModerationTokenRecord]
    public var policy: Policy
    public var queue: [QueueEntry]

    public init(item: LearningItem, tokens: [ModerationTokenRecord], policy: Policy, queue: [QueueEntry] = []) {
        self.item = item
        self.tokens = tokens
        self.policy = policy
        self.queue = queue
    }

    /// Applies a moderator's mailed commands. `authenticationResults` are the message's
    /// `Authentication-Results` field values (checked only when the policy names a trusted
    /// authserv-id). `malformed` is `ModerationReply.malformed`, answered with the help.
    public mutating func apply(
        _ commands: [ModerationCommand], by moderator: String, token: ModerationToken?, at now: Date,
        authenticationResults: [String] = [], malformed: String? = nil
    ) -> ModerationOutcome {
        let sender = moderator.lowercased()
        guard policy.isModerator(sender) else {
            return refused(.notModerator(sender), reply: false)
        }
        if let trusted = policy.trustedAuthservId {
            let domain = sender.split(separator: "@").last.map(String.init) ?? ""
            let verdict = AuthenticationResults.verify(
                authenticationResults, trustedAuthservId: trusted, fromDomain: domain)
            if case .fail(let why) = verdict { return refused(.notAuthenticated(why), reply: true) }
        }
        guard let token else { return refused(.missingToken, reply: true) }
        let check = ModerationTokenRecord.check(token, records: tokens, itemId: item.id, moderator: sender, now: now)
        guard check == .valid else { return refused(.token(check), reply: true) }
        return run(commands, by: sender, at: now, token: token, malformed: malformed)
    }

    /// Applies commands given by the operator on the command line (`learnmail queue approve N`):
    /// the person at the console is trusted, so no moderator or token check.
    public mutating func applyTrusted(
        _ commands: [ModerationCommand], by actor: String, at now: Date
    ) -> ModerationOutcome {
        run(commands, by: actor, at: now, token: nil, malformed: nil)
    }

    private func refused(_ refusal: ModerationOutcome.Refusal, reply: Bool) -> ModerationOutcome {
        var outcome = ModerationOutcome(
            itemId: item.id, refusal: refusal, steps: [], statusBefore: item.status, statusAfter: item.status,
            decision: nil, reason: nil, changed: false, reply: nil)
        if reply {
            outcome.reply = ModerationTexts.confirmation(
                outcome, item: item, policy: policy, token: nil, malformed: nil)
        }
        return outcome
    }

    private mutating func run(
        _ commands: [ModerationCommand], by actor: String, at now: Date, token: ModerationToken?, malformed: String?
    ) -> ModerationOutcome {
        let before = item.status
        var outcome = ModerationOutcome(
            itemId: item.id, refusal: nil, steps: [], statusBefore: before, statusAfter: before, decision: nil,
            reason: nil, changed: false, reply: nil)
        for command in commands {
            let step = step(command, by: actor, at: now, outcome: &outcome)
            if step.result == .done { outcome.changed = true }
            outcome.steps.append(step)
        }
        outcome.statusAfter = item.status
        outcome.reply = ModerationTexts.confirmation(
            outcome, item: item, policy: policy, token: token, malformed: malformed, queue: queue)
        return outcome
    }

    private mutating func step(
        _ command: ModerationCommand, by actor: String, at now: Date, outcome: inout ModerationOutcome
    ) -> ModerationOutcome.Step {
        func make(_ result: ModerationOutcome.Step.Result, _ message: String) -> ModerationOutcome.Step {
            .init(command: command, result: result, message: message)
        }
        let id = "#\(item.id)"
        switch command {
        case .approve:
            switch item.status {
            case .pending, .held:
                record(.approved, "approved", by: actor, at: now, note: nil)
                outcome.decision = .approved
                return make(.done, "\(id) approved; it will go out in the next digest.")
            case .approved: return make(.unchanged, "\(id) was already approved.")
            case .published: return make(.unchanged, "\(id) was already approved and published.")
            case .rejected:
                return make(.refused, "\(id) was rejected; a decision is final, so it stays rejected.")
            }
        case .reject(let reason):
            switch item.status {
            case .pending, .held:
                record(.rejected, "rejected", by: actor, at: now, note: reason)
                outcome.decision = .rejected
                outcome.reason = reason
                return make(.done, "\(id) rejected" + (reason.map { ": \($0)" } ?? ".") + "")
            case .rejected: return make(.unchanged, "\(id) was already rejected.")
            case .approved, .published:
                return make(
                    .refused,
                    "\(id) was \(item.status.rawValue); a decision is final, so it stays \(item.status.rawValue).")
            }
        case .hold:
            switch item.status {
            case .pending:
                record(.held, "held", by: actor, at: now, note: nil)
                return make(.done, "\(id) is held: it stays in the queue until you approve or reject it.")
            case .held: return make(.unchanged, "\(id) was already held.")
            case .approved, .rejected, .published:
                return make(.refused, "\(id) was already \(item.status.rawValue); a decision is final.")
            }
        case .edit(let field, let value):
            guard item.status != .published else {
                return make(.refused, "\(id) was published; it can no longer be edited.")
            }
            let text = TextLayout.singleLine(value, limit: field == .summary ? 280 : 200)
            var contribution = item.contribution
            switch field {
            case .title: contribution.title = text
            case .summary: contribution.summary = text
            case .organisation: contribution.organisation = text
            case .area:
                let names = policy.learningAreas + ["General"]
                guard let match = names.first(where: { $0.lowercased() == text.lowercased() }) else {
                    return make(
                        .refused, "No learning area is called \"\(text)\". Areas: \(names.joined(separator: ", ")).")
                }
                contribution.learningArea = match
            }
            if contribution == item.contribution { return make(.unchanged, "The \(field.rawValue) was already that.") }
            item.contribution = contribution
            item.history.append(HistoryEntry(at: now, action: "edited", by: actor, note: "\(field.rawValue): \(text)"))
            return make(.done, "The \(field.rawValue) is now: \(text)")
        case .tag(let add, let remove):
            guard item.status != .published else {
                return make(.refused, "\(id) was published; it can no longer be edited.")
            }
            var tags = item.contribution.tags.filter { !remove.contains($0) }
            for tag in add where !tags.contains(tag) { tags.append(tag) }
            if tags == item.contribution.tags { return make(.unchanged, "The tags were already: \(tagList(tags)).") }
            item.contribution.tags = tags
            item.history.append(HistoryEntry(at: now, action: "tagged", by: actor, note: command.description))
            return make(.done, "The tags are now: \(tagList(tags)).")
        case .learningSet(let wanted):
            var name: String?
            if let wanted {
                guard let set = LearningSetMembership.named(wanted, in: policy.learningSets) else {
                    let names = policy.learningSets.map(\.name)
                    return make(
                        .refused,
                        names.isEmpty
                            ? "No learning sets are configured."
                            : "No learning set is called \"\(wanted)\". Sets: \(names.joined(separator: ", ")).")
                }
                name = set.name
            }
            if item.learningSet == name {
                return make(
                    .unchanged,
                    name.map { "\(id) was already in the learning set \($0)." } ?? "\(id) was in no learning set.")
            }
            item.learningSet = name
            item.history.append(HistoryEntry(at: now, action: "set", by: actor, note: name ?? "none"))
            return make(
                .done, name.map { "\(id) is now in the learning set \($0)." } ?? "\(id) is now in no learning set.")
        case .show: return make(.shown, "The item is shown below.")
        case .list: return make(.shown, "The queue is listed below.")
        case .help: return make(.shown, "The commands are listed below.")
        }
    }

    private mutating func record(_ status: ItemStatus, _ action: String, by actor: String, at now: Date, note: String?)
    {
        item.status = status
        item.history.append(HistoryEntry(at: now, action: action, by: actor, note: note))
    }

    private func tagList(_ tags: [String]) -> String { tags.isEmpty ? "none" : tags.joined(separator: ", ") }
}
