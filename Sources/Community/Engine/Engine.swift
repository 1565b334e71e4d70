import DurableFiles
import Foundation
import MIME

/// The whole flow of DESIGN.md, one round at a time: intake → classify → process → deliver,
/// plus the weekly digest. Time, randomness, the mailbox and the sender are passed in, so the
/// same code runs the demo (Maildir and a folder), the tests and production (IMAP and SMTP).
public final class Engine {
    public let config: Config
    public let spool: Spool
    public let outbox: Outbox
    let clock: any Clock
    var random: RandomSource
    let log: (String) -> Void
    var state: EngineState
    var index: ItemIndex
    /// The message in hand and the crashes counted against each (poison-message isolation).
    let attempts: IntakeAttempts
    /// Asked between messages and before each later stage of a round: true once the daemon was told
    /// to stop (SIGTERM), so that a round ends after the message in hand and the rest waits, in the
    /// spool or on the server, for the next start.
    public var shouldStop: () -> Bool = { false }

    /// `itemCheck` says how the items are checked on opening: every folder read (the default), or
    /// the items index trusted unless it is missing, damaged or out of step (the everyday commands,
    /// which must not read 10,000 folders to show one).
    public init(
        config: Config, clock: any Clock = SystemClock(),
        random: any RandomNumberGenerator = SystemRandomNumberGenerator(), log: @escaping (String) -> Void = { _ in },
        spoolLockWait: TimeInterval? = nil, itemCheck: ItemCheck = .readEveryItem
    ) throws {
        self.config = config
        var spool = try Spool(directory: config.dataDirectory)
        spool.lockWait = spoolLockWait
        self.spool = spool
        self.outbox = Outbox(spool: spool)
        self.clock = clock
        self.random = RandomSource(random)
        self.log = log
        self.state = EngineState()
        self.index = ItemIndex.open(spool, check: itemCheck, log: log)
        self.attempts = IntakeAttempts(spool: spool)
        repairOnOpen()
    }

    public var now: Date { clock.now }

    /// One round: take in new mail, send the digest if it is due, deliver what is queued.
    /// Errors of one stage are reported and do not stop the others: a mailbox that cannot be
    /// reached must not hold back the digest, nor a failing SMTP server the intake.
    public func runOnce(
        source: MailSource?, sink: MailSink, progress: ((String, Int, Int) -> Void)? = nil
    )
        -> RunReport
    {
        do {
            return try spool.withLock {
                // Another process may have changed the spool since this one last looked.
                state = loadState()
                if index.isOutdated(spool) { index = ItemIndex.open(spool, check: .trustIndex, log: log) }
                setAsideDamagedItems()
                return round(source: source, sink: sink, progress: progress)
            }
        } catch {
            var report = RunReport()
            report.failures.append(("spool", error))
            return report
        }
    }

    private func round(source: MailSource?, sink: MailSink, progress: ((String, Int, Int) -> Void)?) -> RunReport {
        var report = RunReport()
        if let source {
            do {
                report.entries = try intake(from: source) { progress?("Taking in", $0, $1) }
                state.lastPollError = nil
            } catch let interrupted as IntakeInterrupted {
                report.entries = interrupted.entries
                report.failures.append((Self.stage(of: interrupted.cause), interrupted.cause))
                state.lastPollError = "\(interrupted.cause)"
            } catch {
                report.failures.append((Self.stage(of: error), error))
                state.lastPollError = "\(error)"
            }
            state.lastPollAt = now
        }
        if shouldStop() {
            do { try spool.saveState(state) } catch { report.failures.append(("state", error)) }
            return report
        }
        do {
            report.digest = try sendDigestIfDue()
        } catch {
            report.failures.append(("digest", error))
        }
        do {
            report.delivery = try deliverQueuedLocked(through: sink) { progress?("Sending", $0, $1) }
            for note in report.delivery.setAside { log(note) }
        } catch {
            report.failures.append(("sending", error))
        }
        do { try index.writeIfNeeded(to: spool) } catch { report.failures.append(("spool", error)) }
        do { try spool.saveState(state) } catch { report.failures.append(("state", error)) }
        return report
    }

    /// Takes in new mail, `batchSize` messages at a time, each batch in three group commits that
    /// are durable before the next begins: the raw messages are stored; then they are processed
    /// (items, outgoing mail); then they are marked processed and, only after that, handled on the
    /// server. A crash anywhere leaves the raw message in the spool or on the server, and
    /// reprocessing recognises what was done. Batches keep each server reply small (a session
    /// hears of every flag its other connections changed) and bound what one crash repeats.
    public func intake(
        from source: MailSource, batchSize: Int = 500, progress: ((Int, Int) -> Void)? = nil
    ) throws -> [RunReport.Entry] {
        // Before anything is processed: did the last process die with a message in hand?
        if let blamed = try attempts.recover() {
            log(
                blamed.count >= IntakeAttempts.limit
                    ? "\(blamed.key): learnmail stopped \(blamed.count) times while processing this message; "
                        + "it is set aside in \(Spool.quarantineFolder)/ now"
                    : "\(blamed.key): learnmail stopped while processing this message; it is tried once more, "
                        + "and set aside in \(Spool.quarantineFolder)/ if it stops learnmail again")
        }
        let keys = try source.pendingKeys()
        var entries: [RunReport.Entry] = []
        // Messages left in incoming/ by an earlier crash go first, with the first batch.
        var leftOver = !spool.incomingKeys().isEmpty
        var start = 0
        // An empty poll writes nothing and flushes nothing: idle costs three IMAP commands.
        while (start < keys.count || leftOver) && !(start > 0 && shouldStop()) {
            let batch = Array(keys[start..<min(start + batchSize, keys.count)])
            start += batch.count
            leftOver = false
            do {
                entries += try intake(batch, from: source)
                // A backfill on a terminal: "Taking in 1500/12000" after each batch.
                if keys.count > batchSize { progress?(start, keys.count) }
            } catch let interrupted as IntakeInterrupted {
                throw IntakeInterrupted(entries: entries + interrupted.entries, cause: interrupted.cause)
            }
        }
        try source.finishBatch()
        return entries
    }

    private func intake(_ keys: [String], from source: MailSource) throws -> [RunReport.Entry] {
        // A failure part-way still leaves what was fetched to be processed now; it is reported after.
        var fetchFailure: (any Error)?
        try AtomicFile.groupCommit(syncing: spool.root) {
            do {
                try source.fetch(keys.filter { !spool.isKnown($0) }) { try spool.storeIncoming($0, bytes: $1) }
            } catch {
                fetchFailure = error
            }
        }
        // A full or failing disk stops the batch here, named as what it is: processing would only
        // fail on the next file and report that instead.
        if let fetchFailure, Self.stage(of: fetchFailure) == "spool" {
            throw IntakeInterrupted(entries: [], cause: fetchFailure)
        }
        let waiting = spool.incomingKeys()
        var entries: [RunReport.Entry] = []
        var done: [String] = []
        // Stored copies without the tokens they quote (`TokenRedaction`): a moderator's reply, an
        // auto-reply or a report about a notification would otherwise keep a live token in
        // processed/. Made while each message is in hand, written only once what it caused is durable.
        var redacted: [String: [UInt8]] = [:]
        // Processing may make or change any item: announced first, so that a crash inside the
        // commit leaves the items index to be rebuilt rather than trusted.
        if !waiting.isEmpty { try index.beginGroup(in: spool) }
        try AtomicFile.groupCommit(syncing: spool.root) {
            // The marker names each message while it is in hand (see IntakeAttempts): a crash blames
            // that message alone, not the batch around it.
            attempts.begin()
            defer { attempts.end() }
            for key in waiting {
                // Told to stop: what is not processed yet stays in incoming/ and goes first next time.
                if shouldStop() { break }
                done.append(key)
                guard let bytes = spool.readIncoming(key) else { continue }
                let entry: RunReport.Entry
                let crashes = attempts.count(key)
                if crashes >= IntakeAttempts.limit {
                    entry = try quarantinePoison(key: key, bytes: bytes, crashes: crashes)
                } else {
                    attempts.processing(key)
                    entry = try process(key: key, bytes: bytes)
                }
                redacted[key] = TokenRedaction.redact(bytes)
                log("\(key): \(entry.outcome)")
                entries.append(entry)
            }
            attempts.end()
            try spool.saveState(state)
        }
        try index.writeIfNeeded(to: spool)
        try AtomicFile.groupCommit(syncing: spool.root) {
            for key in done {
                if let clean = redacted[key] { try spool.storeIncoming(key, bytes: clean) }
                try spool.markProcessed(key)
            }
            try attempts.forget(processed: done)
        }
        do {
            try source.markHandled(keys.filter { spool.isProcessed($0) })
        } catch {
            throw IntakeInterrupted(entries: entries, cause: error)
        }
        if let fetchFailure { throw IntakeInterrupted(entries: entries, cause: fetchFailure) }
        return entries
    }

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
    func queueAutomaticReply(id: String, kind: String, to address: String, message: [UInt8]) throws -> Bool {
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
}

extension Engine {
    /// Where an intake failure belongs in the report: the spool's own files (a full disk, a folder
    /// that cannot be written) are not the mailbox's fault, and the administrator fixes them elsewhere.
    static func stage(of error: any Error) -> String {
        error is AtomicFile.Failure || error is SpoolError ? "spool" : "mailbox"
    }
}

/// Fetching stopped part-way: what was fetched was processed (`entries`), the rest waits for the
/// next round.
struct IntakeInterrupted: Error {
    var entries: [RunReport.Entry]
    var cause: any Error
}
