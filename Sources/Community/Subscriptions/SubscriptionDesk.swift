import Foundation

/// One mail the desk wants sent (the engine builds it, with `Auto-Submitted: auto-replied`).
public struct SubscriptionReply: Sendable, Equatable {
    public var to: String
    public var replyTo: String?
    public var subject: String
    public var text: String
}

/// What handling one request did: the mails to send and a line for the log.
public struct SubscriptionOutcome: Sendable, Equatable {
    public var replies: [SubscriptionReply]
    public var log: String
    /// True when the subscriber list changed (the engine persists it).
    public var listChanged: Bool
}

/// Carries out subscription requests (DESIGN flow 5): double opt-in for `subscribe` with an
/// expiring random token, immediate `unsubscribe`, `confirm`, `help`. Every reply goes through
/// the rate limit; a refused reply is logged, never queued. A state machine over the values the
/// engine persists (`SubscriberList`, `SubscriptionRateLimit`); time and randomness come in.
public struct SubscriptionDesk: Sendable {
    public var list: ListIdentity
    /// How long a confirmation token works (default 3 days).
    public var confirmationLifetime: TimeInterval

    public init(list: ListIdentity, confirmationLifetime: TimeInterval = 3 * 86_400) {
        self.list = list
        self.confirmationLifetime = confirmationLifetime
    }

    public func handle(
        _ request: SubscriptionRequest, subscribers: inout SubscriberList, limits: inout SubscriptionRateLimit,
        now: Date, using rng: inout some RandomNumberGenerator
    ) -> SubscriptionOutcome {
        var replies: [SubscriptionReply] = []
        var notes: [String] = []
        func reply(_ to: String, _ t: SubscriptionTexts.Text, replyTo: String? = nil, limited: Bool = true) {
            if limited, !limits.permit(to, now: now) {
                notes.append("reply to \(to) not sent: rate limit reached")
                return
            }
            replies.append(SubscriptionReply(to: to, replyTo: replyTo, subject: t.subject, text: t.text))
        }
        let before = subscribers
        let from = request.from

        switch request.command {
        case .subscribe:
            guard case .success(let address) = EmailAddressSyntax.normalise(from) else {
                return .init(replies: [], log: "subscribe from unusable address \(from): ignored", listChanged: false)
            }
            var s =
                subscribers.subscriber(address: address)
                ?? SubscriberList.newSubscriber(
                    address, name: nil, status: .pending, now: now, source: "email", using: &rng)
            if s.status == .active {
                notes.insert("subscribe from \(address): already active", at: 0)
                reply(address, SubscriptionTexts.alreadySubscribed(list))
                break
            }
            // Re-send a still valid token rather than invalidating the one already in their inbox.
            let confirmation: PendingConfirmation
            if s.status == .pending, let c = s.confirmation, c.expiresAt > now {
                confirmation = c
            } else {
                confirmation = PendingConfirmation(
                    token: SubscriberToken.make(bits: 128, using: &rng), expiresAt: now + confirmationLifetime)
            }
            if s.status != .pending { s.since = now }
            s.status = .pending
            s.confirmation = confirmation
            subscribers.upsert(s)
            notes.insert("subscribe from \(address): confirmation requested", at: 0)
            reply(
                address,
                SubscriptionTexts.confirmationRequest(
                    list, token: confirmation.token, expiresAt: confirmation.expiresAt),
                replyTo: list.confirmAddress(token: confirmation.token))

        case .confirm(let token):
            let wanted = token.lowercased()
            var match: Subscriber?
            for s in subscribers.subscribers {  // full scan, constant-time compares: no timing hints
                if let c = s.confirmation, SubscriberToken.constantTimeEqual(c.token, wanted) { match = s }
            }
            guard var s = match, s.status == .pending, let c = s.confirmation else {
                notes.append("confirm from \(from): unknown or used token")
                reply(from, SubscriptionTexts.confirmationFailed(list, expired: false))
                break
            }
            guard c.expiresAt > now else {
                notes.insert("confirm for \(s.address): token expired", at: 0)
                reply(from, SubscriptionTexts.confirmationFailed(list, expired: true))
                break
            }
            s.status = .active
            s.since = now
            s.confirmation = nil
            s.bounceCount = 0
            subscribers.upsert(s)
            notes.insert("confirmed \(s.address): now active", at: 0)
            // Not rate-limited: one welcome per confirmation, and confirmations already were.
            reply(
                s.address, SubscriptionTexts.welcome(list, unsubscribeAddress: list.unsubscribeAddress(for: s)),
                limited: false)

        case .unsubscribe:
            guard let s = subscribers.subscriber(address: from), s.status == .active || s.status == .pending else {
                notes.append("unsubscribe from \(from): not subscribed")
                reply(from, SubscriptionTexts.notSubscribed(list))
                break
            }
            _ = try? subscribers.unsubscribe(s.address, now: now)
            notes.insert("unsubscribed \(s.address) (by mail)", at: 0)
            reply(s.address, SubscriptionTexts.goodbye(list))

        case .unsubscribeByToken(let token):
            guard let s = subscribers.subscriber(unsubscribeToken: token) else {
                return .init(
                    replies: [], log: "list-unsubscribe from \(from): unknown token, ignored", listChanged: false)
            }
            guard s.status != .unsubscribed else {
                return .init(
                    replies: [], log: "list-unsubscribe for \(s.address): already unsubscribed", listChanged: false)
            }
            _ = try? subscribers.unsubscribe(s.address, now: now)
            notes.insert("unsubscribed \(s.address) (List-Unsubscribe)", at: 0)
            reply(s.address, SubscriptionTexts.goodbye(list))

        case .help:
            notes.append("help for \(from)")
            reply(from, SubscriptionTexts.help(list))
        }
        return SubscriptionOutcome(
            replies: replies, log: notes.joined(separator: "; "), listChanged: subscribers != before)
    }
}

extension SubscriberList {
    /// Drops pending records whose confirmation expired more than `grace` ago and that never were
    /// active (source `email`), so that forged `subscribe` mails do not grow the list forever.
    @discardableResult
    public mutating func purgeExpiredPending(now: Date, grace: TimeInterval = 7 * 86_400) -> [String] {
        let stale = subscribers.filter { s in
            s.status == .pending && s.source == "email" && (s.confirmation?.expiresAt ?? s.since) + grace < now
        }
        guard !stale.isEmpty else { return [] }
        let gone = Set(stale.map(\.address))
        self = SubscriberList(subscribers.filter { !gone.contains($0.address) })
        return stale.map(\.address)
    }
}
