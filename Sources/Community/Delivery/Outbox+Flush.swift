import DurableFiles
import Foundation
import SMTP

// Sending what the outbox holds: batches to the sink, state saved after each, and the next batch
// made while the server answers the current one; paced and counted by the `SendingGate`.

extension Outbox {
    /// One message to send: an entry's due recipients together, or one recipient of a personalised
    /// entry (each gets a copy of their own).
    struct Slot {
        var entry: Int
        var recipients: [Int]
    }

    /// Sends what is due, `batchSize` messages per round trip to the sink (a personalised entry
    /// counts one message per recipient). State is saved after every batch, so that a crash
    /// re-sends at most one batch. While the sink waits for the server, the next batch's copies
    /// are made on this thread: the time spent making copies hides behind the network's.
    ///
    /// `gate` applies `sender.limits` and the server's requests to slow down: with a per-minute
    /// limit messages go one at a time, paced; no more recipients go than today's budget allows;
    /// after a throttling answer the flush waits and resumes (within the gate's wait limit, else
    /// the rest waits for the next round). Without a gate nothing is paced or counted, and a
    /// throttling answer ends the flush.
    public func flush(
        through sink: MailSink, at now: Date, batchSize: Int = 50, personalise: Personaliser? = nil,
        gate: SendingGate? = nil, progress: ((Int, Int) -> Void)? = nil
    ) throws -> FlushReport {
        // What a crashed flush already handed to the server is marked sent first.
        try replayJournal(at: now)
        var report = FlushReport()
        // Entries that cannot be sent as they are go aside first, with a word in the log.
        let checked = checkedPending(at: now)
        report.setAside = checked.notes
        var entries = checked.entries
        let gate =
            gate ?? SendingGate(limits: .none, timeZone: .gmt, clock: StoppedClock(now: now), spool: nil, waitLimit: 0)
        var done = 0
        // Passes: after a throttling answer (a wait, then the rest) or a `452 4.5.3` (the recipients
        // the transaction could not take, in one of their own), the next pass sends what is due then.
        for _ in 0..<Self.maximumPasses {
            guard gate.waitForTurn() else { break }
            let pass = try flushPass(
                &entries, through: sink, at: gate.now, batchSize: gate.paces ? 1 : batchSize,
                personalise: personalise, gate: gate, report: &report
            ) { sent, total in progress?(done + sent, done + total) }
            done += pass.sent
            guard pass.again else { break }
        }
        if entries.contains(where: { entry in entry.recipients.contains { $0.state == .queued } }) {
            report.waitingUntil = gate.nextOpening(at: gate.now)
        }
        return report
    }

    /// Enough for a throttled server to take everything within one flush's wait limit, and a
    /// bound on a server that keeps answering `452 4.5.3` while taking something each time.
    static let maximumPasses = 1000

    /// One pass over what is due at `now`: batches, each paced and counted by `gate`. Returns how
    /// many messages it handed to the sink, and whether another pass should follow (a throttling
    /// answer, or recipients split off a transaction).
    private func flushPass(
        _ entries: inout [Entry], through sink: MailSink, at now: Date, batchSize: Int, personalise: Personaliser?,
        gate: SendingGate, report: inout FlushReport, progress: (Int, Int) -> Void
    ) throws -> (sent: Int, again: Bool) {
        var slots: [Slot] = []
        // Today's budget decides how many recipients this pass may take; the rest wait for tomorrow.
        var allowance = gate.remainingToday(at: now)
        for (e, entry) in entries.enumerated() where allowance > 0 {
            let due = entry.recipients.indices.filter { entry.isDue(entry.recipients[$0], at: now) }
            guard !due.isEmpty else { continue }
            let taken = Array(due.prefix(allowance))
            allowance -= taken.count
            if entry.template == nil {
                slots.append(Slot(entry: e, recipients: taken))
            } else {
                slots += taken.map { Slot(entry: e, recipients: [$0]) }
            }
        }
        let batches = stride(from: 0, to: slots.count, by: batchSize).map {
            slots[$0..<min($0 + batchSize, slots.count)]
        }
        guard !batches.isEmpty else { return (0, false) }
        let journal = try Journal(path: journalPath)
        var next = try prepare(batches[0], of: &entries, personalise: personalise)
        var again = false
        for (number, batch) in batches.enumerated() {
            // The pace (or a spent day) may end the pass between batches; what is left stays queued.
            if number > 0 && !gate.waitForTurn() { break }
            let current = next
            let moreToFollow = number + 1 < batches.count
            let reserved = current.envelopes.reduce(0) { $0 + $1.recipients.count }
            // Counted against the day before it goes: a crash can only make the count too high.
            try gate.reserve(reserved)
            let startedAt = gate.now
            let delivery = BackgroundCall { () throws -> [[RecipientStatus]] in
                if current.envelopes.isEmpty { return [] }
                return try sink.deliver(current.envelopes, moreToFollow: moreToFollow) { index, statuses in
                    guard index < current.envelopes.count else { return }
                    let accepted = zip(current.envelopes[index].recipients, statuses).filter { $0.1 == .accepted }
                    journal.note(entry: current.entryIds[index], addresses: accepted.map(\.0))
                }
            }
            // A copy that cannot be made stops the flush, but only after this batch's answers are saved.
            var preparationError: (any Error)?
            if moreToFollow {
                do { next = try prepare(batches[number + 1], of: &entries, personalise: personalise) } catch {
                    preparationError = error
                }
            }
            let statuses = try delivery.wait()
            var accepted = 0
            var throttle: Reply?
            var throttled: [(entry: Int, recipient: Int)] = []
            for (position, slot) in current.slots.enumerated() {
                let answers = position < statuses.count ? statuses[position] : []
                let anyTaken = answers.contains(.accepted)
                for (index, recipient) in slot.recipients.enumerated() {
                    let status =
                        index < answers.count ? answers[index] : .failed(.unanswered("no answer from the sink"))
                    let entry = entries[slot.entry]
                    var decision = Decision(status)
                    // Once the server throttles, what it refused after that in the batch was refused
                    // (or never tried) because of it: none of it counts as a failure.
                    if throttle != nil, case .failed(let failure) = decision { decision = .throttled(failure) }
                    // A 452 4.5.3 with nothing taken is no reason to think a smaller transaction would do.
                    if case .split(let failure) = decision, !anyTaken { decision = .failed(failure) }
                    switch decision {
                    case .accepted: accepted += 1
                    case .throttled(let failure):
                        throttle = throttle ?? failure.reply
                        throttled.append((slot.entry, recipient))
                    case .split: again = true
                    case .failed: break
                    }
                    entries[slot.entry].recipients[recipient] = record(
                        decision, for: entry.recipients[recipient], queuedAt: entry.createdAt, now: gate.now,
                        in: &report)
                    if case .failed(let failure) = decision, failure.isPermanent {
                        report.refusals.append(
                            Refusal(kind: entry.kind, address: entry.recipients[recipient].address, failure: failure))
                    }
                }
            }
            try gate.settle(
                attempted: current.envelopes.count, startedAt: startedAt, reserved: reserved, accepted: accepted,
                throttle: throttle)
            if let throttle {
                // They go again when the gate opens; `nextAttemptAt` says when (for `status`).
                let resume = gate.nextOpening(at: gate.now)
                for (entry, recipient) in throttled { entries[entry].recipients[recipient].nextAttemptAt = resume }
                report.throttled.append(throttle)
            }
            try save(Set(batch.map(\.entry)).sorted().map { entries[$0] })
            journal.clear()
            progress(batch.endIndex, slots.count)
            if let preparationError { throw preparationError }
            if throttle != nil { return (batch.endIndex, true) }
        }
        return (slots.count, again)
    }

    /// The envelopes of one batch: the queued message, or a personalised copy made now. A copy
    /// that is no longer wanted marks its recipient cancelled and sends nothing.
    private func prepare(
        _ batch: ArraySlice<Slot>, of entries: inout [Entry], personalise: Personaliser?
    ) throws -> (slots: [Slot], envelopes: [Envelope], entryIds: [String]) {
        var slots: [Slot] = []
        var envelopes: [Envelope] = []
        var entryIds: [String] = []
        for slot in batch {
            let entry = entries[slot.entry]
            let first = entry.recipients[slot.recipients[0]]
            let data: [UInt8]
            if entry.template != nil {
                guard let copy = try personalise?(entry, first) else {
                    entries[slot.entry].recipients[slot.recipients[0]].state = .cancelled
                    continue
                }
                data = copy
            } else {
                // Never an empty message in place of one that cannot be read.
                guard let bytes = message(entry), !bytes.isEmpty else {
                    throw UnreadableOutboxMessage(entry: entry.id, path: spool.path("outbox", entry.id + ".eml"))
                }
                data = bytes
            }
            slots.append(slot)
            entryIds.append(entry.id)
            envelopes.append(
                Envelope(
                    from: first.envelopeFrom ?? entry.envelopeFrom,
                    recipients: slot.recipients.map { entry.recipients[$0].address }, data: data))
        }
        return (slots, envelopes, entryIds)
    }

    /// What becomes of a recipient after the sink's answer, by the server's reply (`Reply.kind`).
    enum Decision {
        case accepted
        /// Wait for the gate, then go again; not an attempt that counts towards giving up. (The
        /// throttling reply, or what the server refused or left untried after it in the batch.)
        case throttled(DeliveryFailure)
        /// `452 4.5.3`: due again at once, in a transaction of its own.
        case split(DeliveryFailure)
        case failed(DeliveryFailure)

        init(_ status: RecipientStatus) {
            switch status {
            case .accepted: self = .accepted
            case .failed(let failure):
                switch failure.reply?.kind {
                case .throttled: self = .throttled(failure)
                case .tooManyRecipients: self = .split(failure)
                default: self = .failed(failure)
                }
            }
        }

        /// The answer as the recipient's `lastResponse` keeps it ("" when accepted).
        var response: String {
            switch self {
            case .accepted: ""
            case .throttled(let failure), .split(let failure), .failed(let failure): failure.description
            }
        }
    }

    /// The recipient after the sink's answer: sent, to be retried, or failed for good. The typed
    /// answer goes to the retry decision, reply code and enhanced status included.
    private func record(
        _ decision: Decision, for recipient: Recipient, queuedAt: Date, now: Date, in report: inout FlushReport
    ) -> Recipient {
        var recipient = recipient
        switch decision {
        case .accepted:
            recipient.attempts += 1
            recipient.state = .sent
            recipient.nextAttemptAt = nil
            recipient.lastResponse = nil
            report.sent += 1
        case .throttled:
            // Not an attempt: a throttled recipient never runs out of tries, and never fails for it.
            // (Counted in `report.throttled`, once per answer, not as deferred.)
            recipient.lastResponse = decision.response
        case .split:
            recipient.lastResponse = decision.response
            recipient.nextAttemptAt = nil
        case .failed(let failure) where failure.isPermanent:
            recipient.attempts += 1
            recipient.state = .failed
            recipient.lastResponse = decision.response
            report.failed += 1
            report.failures.append("\(recipient.address): \(decision.response)")
        case .failed(let failure):
            recipient.attempts += 1
            recipient.lastResponse = decision.response
            switch retry.decide(failure, attempts: recipient.attempts, queuedAt: queuedAt, now: now) {
            case .retry(let at):
                recipient.nextAttemptAt = at
                report.deferred += 1
            case .giveUp(let reason):
                recipient.state = .failed
                report.failed += 1
                report.failures.append("\(recipient.address): \(reason)")
            }
        }
        return recipient
    }

    /// Writes the batch's new state, then moves finished entries out of the queue: one group
    /// commit per batch, since the server already has the mail.
    func save(_ batch: [Entry]) throws {
        try AtomicFile.groupCommit(syncing: spool.root) {
            for entry in batch {
                try AtomicFile.write(try Self.encode(entry), to: spool.path("outbox", entry.id + ".json"))
            }
            for entry in batch where entry.isFinished {
                let folder = entry.recipients.contains { $0.state == .failed } ? "failed" : "sent"
                // The state moves first: a crash between the two renames leaves a stray .eml in the
                // queue folder (never listed), not an entry without its message.
                try AtomicFile.move(
                    spool.path("outbox", entry.id + ".json"), to: spool.path(folder, entry.id + ".json"))
                if entry.template != nil {
                    continue  // its copies were made at send time; there is no .eml
                } else if !Spool.exists(spool.path("outbox", entry.id + ".eml")) {
                    continue  // lost after it was sent (the journal told of it): the state says enough
                } else if entry.secret == true {
                    // A token lives on in the recipients' mailboxes only: a secret message is not kept,
                    // sent or failed (the entry, with `secret` and each recipient's last answer, says
                    // what became of it; `lastResponse` never holds the message).
                    try FileManager.default.removeItem(atPath: spool.path("outbox", entry.id + ".eml"))
                } else {
                    try AtomicFile.move(
                        spool.path("outbox", entry.id + ".eml"), to: spool.path(folder, entry.id + ".eml"))
                }
            }
        }
    }
}
