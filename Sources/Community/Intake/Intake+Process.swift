import Foundation
import MIME
import SMTP

extension Intake {
    /// Classifies one stored message in DESIGN.md's order and acts on it. Safe to call again for
    /// the same key after a crash: every step recognises what an earlier attempt already did.
    func process(key: SourceKey, bytes: [UInt8]) throws -> RunReport.Entry {
        if bytes.count > config.limits.maxMessageBytes {
            return try quarantineOversize(key: key, bytes: bytes)
        }
        let message = Message(bytes)
        #if DEBUG
            DebugCrash.trapIfAsked(subject: message.subject)
        #endif
        let sender = (message.from.first ?? message.sender)?.address ?? ""
        var entry = RunReport.Entry(
            key: key, subject: message.subject ?? "(no subject)", from: sender, outcome: .ignored(reason: ""))

        if let earlier = session.index.item(forSourceKey: key) {
            // Processed before a crash: finish queueing its mail, make nothing new.
            try drainPendingMail(of: earlier)
            entry.outcome = .duplicate(item: earlier)
            return entry
        }
        let subscription = SubscriptionRequest.detect(
            from: sender, recipients: message.deliveryRecipients, subject: message.subject, body: message.textBody,
            communityAddress: config.community.address)
        if case .unsubscribeByToken? = subscription?.command {
            // One-click unsubscribes come from mail providers' robots, often marked automatic:
            // the token in the address is the proof, so they are honoured before the robot check.
            entry.outcome = try Subscriptions(session: session).handle(
                subscription!, key: key, mayReply: !message.isAutomatedOrBulk)
            return entry
        }
        switch AutomatedMail.classify(message) {
        case .bounce(let reason)?:
            entry.outcome = try Subscriptions(session: session).handleBounce(message, reason: reason)
            return entry
        case .automatic(let reason)?:
            entry.outcome = .ignored(reason: reason)
            return entry
        case nil:
            break
        }
        // A reply to the digest's preview carries a token in the same places as an item's: it is
        // recognised first, by its own tag and address.
        if let token = DigestPreviewToken.find(subject: message.subject, addresses: message.deliveryRecipients) {
            entry.outcome = try Digests(session: session).answerPreview(message, sender: sender, token: token, key: key)
            return entry
        }
        if let subject = message.subject, DigestPreviewToken.mentionsPreview(subject),
            moderationPolicy.isModerator(sender)
        {
            let note = "a digest preview reply from \(sender) carries no token: nothing changed"
            log("refused: \(note)")
            entry.outcome = .refused(reason: note)
            return entry
        }
        if let reference = ModerationToken.find(in: message) {
            entry.outcome = try Moderation(session: session).answer(
                message, sender: sender, reference: reference, key: key)
            return entry
        }
        if let request = subscription {
            entry.outcome = try Subscriptions(session: session).handle(request, key: key, mayReply: true)
            return entry
        }
        if sender.isEmpty {
            entry.outcome = .ignored(reason: "no sender address")
            return entry
        }
        if moderationPolicy.isModerator(sender), let command = ModerationReply.parse(message).commands.first {
            // A moderator's command without a token (a reply to a partner's own mail, or a forged
            // From): nothing changes. Only the token proves which item and which moderator.
            let note = "“\(command)” from \(sender) carries no moderation token: nothing changed"
            log("refused: \(note)")
            entry.outcome = .refused(reason: note)
            return entry
        }
        entry.outcome = try contribute(message, bytes: bytes, sender: sender, key: key)
        return entry
    }

    /// A new contribution (or a held one from a sender the policy does not allow).
    private func contribute(
        _ message: Message, bytes: [UInt8], sender: String, key: SourceKey
    ) throws
        -> RunReport.Outcome
    {
        let extraction = ContributionExtractor.extract(message, rules: ExtractionRules(config))
        let contribution = extraction.contribution
        let source = ItemSource(
            key: key, messageId: message.messageId, sender: sender,
            bodyDigest: DuplicateCheck.bodyDigest(contribution.body))
        if let existing = session.index.duplicate(of: source, at: now) {
            return .duplicate(item: existing)
        }
        var decision = SenderPolicy(config).decide(sender)
        let answered = (message.inReplyTo + message.references).first {
            MessageIDGenerator.isMade($0, domain: communityDomain)
        }
        if decision.isAllowed, let ours = answered {
            // "Thanks!" in answer to an acknowledgement is a conversation, not learning: the
            // facilitator sees it, held, and decides.
            decision = .hold(reason: "it answers learnmail's own message <\(ours)>")
        }
        let id = session.index.highestId + 1
        var item = LearningItem(
            id: id, status: decision.isAllowed ? .pending : .held, contribution: contribution, receivedAt: now,
            history: [HistoryEntry(at: now, action: "received", by: sender, note: nil)])
        item.learningSet = LearningSetMembership.set(
            requested: extraction.requestedSet, area: contribution.learningArea, arrivedAt: now,
            sets: config.learningSets, timeZone: config.digest.timeZone)
        if case .hold(let reason) = decision {
            item.history.append(HistoryEntry(at: now, action: "held", by: "learnmail", note: reason))
        }

        var tokens: [ModerationTokenRecord] = []
        var outgoing: [PendingMail] = []
        // Outgoing ids name this creation of the item, so that an item made again after a power
        // cut (set aside as damaged) gets its own notifications, not the lost ones' ids.
        let creation = String(UInt32.random(in: 0...UInt32.max, using: &session.random), radix: 36)
        let authentication = AuthenticationResults.summary(
            message.headers.all("Authentication-Results"), trustedAuthservId: config.moderation.trustedAuthservId)
        for moderator in config.moderators {
            let token = ModerationToken.generate(using: &session.random)
            tokens.append(
                token.record(
                    itemId: id, moderator: moderator, issuedAt: now,
                    lifetime: TimeInterval(config.moderation.tokenDays) * 86_400))
            let note = ModerationTexts.notification(
                item: item, token: token, policy: moderationPolicy, authentication: authentication)
            outgoing.append(
                PendingMail(
                    id: "item-\(id)-\(creation)-notify-\(moderator)", kind: .notification,
                    envelope: Envelope(
                        from: bounceAddress, recipients: [moderator],
                        data: session.compose(
                            to: [moderator], subject: note.subject, text: note.text,
                            replyTo: token.replyAddress(community: config.community.address),
                            autoSubmitted: "auto-generated"))))
        }
        // The contributor hears back only within the automatic-reply rules (never to robots, and
        // not to an answer to our own mail, which would only start a conversation between robots).
        if !message.isAutomatedOrBulk, answered == nil,
            session.state.spendReply(to: sender, day: dayKey, limit: config.limits.autoRepliesPerAddressPerDay)
        {
            let ack =
                decision.isAllowed
                ? ContributorTexts.acknowledgement(item: item, communityName: config.community.name)
                : ContributorTexts.heldForReview(item: item, communityName: config.community.name)
            outgoing.append(
                PendingMail(
                    id: "item-\(id)-\(creation)-received", kind: .acknowledgement,
                    envelope: Envelope(
                        from: bounceAddress, recipients: [sender],
                        data: session.compose(
                            to: [sender], subject: ack.subject, text: ack.text, inReplyTo: message.messageId))))
        }
        try spool.createItem(
            NewItem(
                item: item, source: source, tokens: tokens, message: bytes, attachments: extraction.attachmentData,
                outgoing: outgoing), at: now)
        session.index.put(ItemSummary(item, source: source))
        try drainPendingMail(of: id)
        if case .hold(let reason) = decision {
            return .held(item: id, title: contribution.title, reason: reason)
        }
        return .contribution(item: id, title: contribution.title)
    }

    /// Moves the mail made with an item into the outbox; each is queued at most once.
    func drainPendingMail(of id: Int) throws {
        try outbox.adopt(from: spool.itemFolder(id) + "/outbox")
    }
}

extension Message {
    /// Mail we must never answer automatically (RFC 3834 §2): auto-generated, bulk or list mail,
    /// or mail with an empty Return-Path.
    var isAutomatedOrBulk: Bool {
        AutomatedMail.classify(self) != nil || returnPath == ""
    }
}
