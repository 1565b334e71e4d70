import Foundation
import MIME

extension Spool {
    public func loadSubscribers() throws -> SubscriberList {
        try loadJSON(SubscriberList.self, at: "subscribers.json") ?? SubscriberList()
    }

    public func saveSubscribers(_ list: SubscriberList) throws {
        try saveJSON(list, at: "subscribers.json")
    }
}

/// Subscriptions (DESIGN.md flow 6): requests by mail (double opt-in, rate-limited), the
/// facilitator's own changes from the console, and the bounces that disable a subscriber. The
/// rules are `SubscriptionDesk`'s and `BouncePolicy`'s; this loads and saves the list and queues
/// the replies.
public struct Subscriptions: SessionUseCase {
    let session: SpoolSession

    /// `subscribe`, `unsubscribe`, `confirm TOKEN` and `help` by mail (double opt-in, rate-limited).
    /// `mayReply` is false for mail from robots (a provider's one-click unsubscribe): acted on, never answered.
    func handle(_ request: SubscriptionRequest, key: SourceKey, mayReply: Bool) throws -> RunReport.Outcome {
        var subscribers = try spool.loadSubscribers()
        var limits =
            (try? spool.loadJSON(SubscriptionRateLimit.self, at: "subscription-limits.json"))
            ?? SubscriptionRateLimit(
                perAddressPerDay: config.limits.confirmationsPerAddressPerDay,
                globalPerDay: config.limits.confirmationsPerDay)
        let outcome = SubscriptionDesk(list: list).handle(
            request, subscribers: &subscribers, limits: &limits, now: now, using: &session.random)
        log(outcome.log)
        if outcome.listChanged { try spool.saveSubscribers(subscribers) }
        try spool.saveJSON(limits, at: "subscription-limits.json")
        for (number, reply) in outcome.replies.enumerated() where mayReply {
            try outbox.enqueue(
                id: "subscription-\(key)-\(number)", kind: .subscription, envelopeFrom: bounceAddress,
                recipients: [reply.to],
                message: session.compose(
                    to: [reply.to], subject: reply.subject, text: reply.text, replyTo: reply.replyTo),
                // Confirmation requests carry a token in Reply-To, welcomes the reader's own
                // unsubscribe address: none of them is kept once sent (`MailKind.carriesSecret`).
                at: now)
        }
        return .subscription(address: request.from, result: outcome.log)
    }

    /// A delivery failure report. It counts only when it came back to a reader's own VERP address
    /// (`learning+bounce-TOKEN@…`, a token only that reader's mail systems see); a report at any
    /// other address (the plain community address, `learning+bounces@`) may have been written by
    /// anyone, naming anyone, so it is logged and changes nobody. Refusals while learnmail itself
    /// sends are counted by `Delivery.sendQueuedLocked`.
    func handleBounce(_ message: Message, reason: String) throws -> RunReport.Outcome {
        var subscribers = try spool.loadSubscribers()
        let verp = VERP.subscriber(inRecipients: message.deliveryRecipients, list: list, subscribers: subscribers)
        guard let bounce = BounceReader.read(message) else {
            return .ignored(reason: "\(reason); no failed recipient could be read from it")
        }
        guard let verp else {
            let at = message.deliveryRecipients.first ?? config.community.address
            let note =
                "a delivery report at \(at) naming \(bounce.recipient ?? "nobody readable") was not counted: "
                + "only a report at a reader's own bounce address, or a refusal while sending, counts"
            log(note)
            return .ignored(reason: note)
        }
        let outcome = try recordBounce(bounce, subscriber: verp.address, in: &subscribers)
        return .bounce(address: outcome.subscriber ?? verp.address, result: outcome.log)
    }

    /// Counts `bounce` against the subscriber (BouncePolicy), saves the list and tells the
    /// facilitator when it disabled them.
    @discardableResult
    func recordBounce(_ bounce: Bounce, subscriber address: String?) throws -> BounceOutcome {
        var subscribers = try spool.loadSubscribers()
        return try recordBounce(bounce, subscriber: address, in: &subscribers)
    }

    private func recordBounce(
        _ bounce: Bounce, subscriber address: String?, in subscribers: inout SubscriberList
    )
        throws -> BounceOutcome
    {
        let outcome = BouncePolicy(hardBounceLimit: config.limits.hardBouncesToDisable).record(
            bounce, subscriber: address, in: &subscribers, listName: config.community.name, now: now)
        log(outcome.log)
        try spool.saveSubscribers(subscribers)
        if let note = outcome.noteForFacilitator, let address = outcome.subscriber {
            try outbox.enqueue(
                id: "bounce-disabled-\(address)-\(dayKey)", kind: .note, envelopeFrom: bounceAddress,
                recipients: config.moderators,
                message: session.compose(
                    to: config.moderators, subject: "A subscriber of \(config.community.name) was disabled",
                    text: note, autoSubmitted: "auto-generated"),
                at: now)
        }
        return outcome
    }
}

extension Subscriptions {
    /// `subscribers add`: active at once, no confirmation (the facilitator vouches for them).
    public func add(_ address: String, name: String? = nil) throws -> SubscriberList.AddResult {
        try spool.withLock {
            var subscribers = try spool.loadSubscribers()
            let result = try subscribers.add(address, name: name, now: now, using: &session.random)
            try spool.saveSubscribers(subscribers)
            return result
        }
    }

    /// `subscribers remove`: marked unsubscribed (the record stays, so a bounce still finds it).
    public func remove(_ address: String) throws -> SubscriberStatus {
        try spool.withLock {
            var subscribers = try spool.loadSubscribers()
            let previous = try subscribers.unsubscribe(address, now: now)
            try spool.saveSubscribers(subscribers)
            return previous
        }
    }

    /// `subscribers import FILE.csv`.
    public func importCSV(_ text: String, progress: ((Int, Int) -> Void)? = nil) throws -> ImportReport {
        try spool.withLock {
            var subscribers = try spool.loadSubscribers()
            let report = subscribers.importCSV(text, now: now, using: &session.random, progress: progress)
            try spool.saveSubscribers(subscribers)
            return report
        }
    }
}
