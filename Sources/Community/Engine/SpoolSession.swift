import Foundation
import MIME

/// An open spool and what every use case of it shares: the config, the outbox, the items index,
/// the engine's state, the clock, randomness and the log, and the few helpers they all use to
/// make and queue mail of their own. One per `Engine`; the use cases (`Intake`, `Moderation`,
/// `Subscriptions`, `Digests`, `Delivery`, `SiteBuilder`) are views over it.
final class SpoolSession {
    let config: Config
    let spool: Spool
    let outbox: Outbox
    let clock: any Clock
    var random: RandomSource
    let log: (String) -> Void
    var state: EngineState
    var index: ItemIndex
    /// Asked between messages and before each later stage of a round: true once the daemon was told
    /// to stop (SIGTERM), so that a round ends after the message in hand and the rest waits, in the
    /// spool or on the server, for the next start.
    var shouldStop: () -> Bool = { false }

    init(
        config: Config, spool: Spool, clock: any Clock, random: any RandomNumberGenerator,
        log: @escaping (String) -> Void, itemCheck: ItemCheck
    ) {
        self.config = config
        self.spool = spool
        self.outbox = Outbox(spool: spool)
        self.clock = clock
        self.random = RandomSource(random)
        self.log = log
        self.state = EngineState()
        self.index = ItemIndex.open(spool, check: itemCheck, log: log)
    }

    var now: Date { clock.now }

    /// Makes a message of ours: the community as sender, Auto-Submitted always (RFC 3834), so that
    /// other robots never answer it.
    func compose(
        to recipients: [String], subject: String, text: String, html: String? = nil, inReplyTo: String? = nil,
        references: [String] = [], replyTo: String? = nil, autoSubmitted: String = "auto-replied",
        extraHeaders: [(String, String)] = [], date: Date? = nil, messageId: String? = nil
    ) -> [UInt8] {
        var headers = [("Auto-Submitted", autoSubmitted)]
        headers += extraHeaders
        let mail = OutgoingMail(
            from: MailAddress(name: config.community.name, address: config.community.address),
            to: recipients.map { MailAddress(name: nil, address: $0) },
            replyTo: replyTo.map { [MailAddress(name: config.community.name, address: $0)] } ?? [],
            subject: subject, date: date ?? now,
            messageId: messageId ?? MessageIDGenerator.make(domain: communityDomain, using: &random),
            inReplyTo: inReplyTo.map { [$0] } ?? [], references: references + (inReplyTo.map { [$0] } ?? []),
            extraHeaders: headers, text: text, html: html)
        return mail.rendered()
    }

    /// Queues an automatic reply unless the address had its share today (limits.autoRepliesPerAddressPerDay).
    func queueAutomaticReply(id: String, kind: MailKind, to address: String, message: [UInt8]) throws -> Bool {
        guard !outbox.contains(id) else { return false }
        guard state.spendReply(to: address, day: dayKey, limit: config.limits.autoRepliesPerAddressPerDay) else {
            log(
                "not replying to \(address): \(config.limits.autoRepliesPerAddressPerDay) automatic replies today already"
            )
            return false
        }
        return try outbox.enqueue(
            id: id, kind: kind, envelopeFrom: bounceAddress, recipients: [address], message: message, at: now)
    }

    /// The envelope sender of our own mail (digest copies use each subscriber's VERP address):
    /// its bounces come back as DSNs and are never answered.
    var bounceAddress: String { list.address(tag: "bounces") }

    var communityDomain: String {
        config.community.address.split(separator: "@").last.map(String.init) ?? "localhost"
    }

    var dayKey: String { String(ISO8601UTC.string(from: now).prefix(10)) }

    var list: ListIdentity {
        ListIdentity(
            name: config.community.name, address: config.community.address, listId: config.community.listId,
            learningAreas: config.learningAreas.map(\.name), unsubscribeURL: config.community.unsubscribeURL)
    }

    var moderationPolicy: ModerationDesk.Policy {
        var policy = ModerationDesk.Policy(
            moderators: config.moderators, learningAreas: config.learningAreas.map(\.name),
            communityName: config.community.name, trustedAuthservId: config.moderation.trustedAuthservId)
        policy.learningSets = config.learningSets
        return policy
    }

    /// Saves an item and its line in the items index; the change is announced in the index's
    /// journal first (unless a group of changes is open), so that a crash between the two leaves
    /// the item to be read again, never a stale line.
    func saveItem(_ item: LearningItem) throws {
        try index.willChange(item.id, in: spool)
        try spool.saveItem(item)
        if let source = index.summary(item.id)?.source ?? spool.loadSource(item.id) {
            index.put(ItemSummary(item, source: source))
        }
    }
}

/// A use case over the open spool. What every use case reads (the config, the spool, the clock,
/// the list's identity) and the helpers they share are reached as if they were its own; what they
/// change (`session.state`, `session.index`, `session.random`) is named through the session, so
/// that each change is seen to be shared.
protocol SessionUseCase {
    var session: SpoolSession { get }
}

extension SessionUseCase {
    var config: Config { session.config }
    var spool: Spool { session.spool }
    var outbox: Outbox { session.outbox }
    var now: Date { session.now }
    var list: ListIdentity { session.list }
    var bounceAddress: String { session.bounceAddress }
    var communityDomain: String { session.communityDomain }
    var dayKey: String { session.dayKey }
    var moderationPolicy: ModerationDesk.Policy { session.moderationPolicy }

    func log(_ line: String) { session.log(line) }
}
