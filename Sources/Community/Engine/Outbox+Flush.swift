import Foundation

// Sending what the outbox holds: batches to the sink, state saved after each, and the next batch
// made while the server answers the current one.

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
    public func flush(
        through sink: MailSink, at now: Date, batchSize: Int = 50, personalise: Personaliser? = nil,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> FlushReport {
        // What a crashed flush already handed to the server is marked sent first.
        try replayJournal(at: now)
        var report = FlushReport()
        // Entries that cannot be sent as they are go aside first, with a word in the log.
        let checked = checkedPending(at: now)
        report.setAside = checked.notes
        var entries = checked.entries.filter { entry in entry.recipients.contains { entry.isDue($0, at: now) } }
        var slots: [Slot] = []
        for (e, entry) in entries.enumerated() {
            let due = entry.recipients.indices.filter { entry.isDue(entry.recipients[$0], at: now) }
            if entry.template == nil {
                slots.append(Slot(entry: e, recipients: due))
            } else {
                slots += due.map { Slot(entry: e, recipients: [$0]) }
            }
        }
        let batches = stride(from: 0, to: slots.count, by: batchSize).map {
            slots[$0..<min($0 + batchSize, slots.count)]
        }
        guard !batches.isEmpty else { return report }
        let journal = try Journal(path: journalPath)
        var next = try prepare(batches[0], of: &entries, personalise: personalise)
        for (number, batch) in batches.enumerated() {
            let current = next
            let moreToFollow = number + 1 < batches.count
            let delivery = BackgroundCall { () throws -> [[RecipientOutcome]] in
                if current.envelopes.isEmpty { return [] }
                return try sink.deliver(current.envelopes, moreToFollow: moreToFollow) { index, outcomes in
                    guard index < current.envelopes.count else { return }
                    let accepted = zip(current.envelopes[index].recipients, outcomes).filter { $0.1 == .accepted }
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
            let outcomes = try delivery.wait()
            for (position, slot) in current.slots.enumerated() {
                for (index, recipient) in slot.recipients.enumerated() {
                    let outcome =
                        position < outcomes.count && index < outcomes[position].count
                        ? outcomes[position][index] : .temporaryFailure("no answer from the sink")
                    entries[slot.entry].recipients[recipient] = record(
                        outcome, for: entries[slot.entry].recipients[recipient],
                        queuedAt: entries[slot.entry].createdAt, now: now, in: &report)
                    if case .permanentFailure(let text) = outcome {
                        report.refusals.append(
                            Refusal(
                                kind: entries[slot.entry].kind,
                                address: entries[slot.entry].recipients[recipient].address, response: text))
                    }
                }
            }
            try save(Set(batch.map(\.entry)).sorted().map { entries[$0] })
            journal.clear()
            progress?(batch.endIndex, slots.count)
            if let preparationError { throw preparationError }
        }
        return report
    }

    /// The envelopes of one batch: the queued message, or a personalised copy made now. A copy
    /// that is no longer wanted marks its recipient cancelled and sends nothing.
    private func prepare(
        _ batch: ArraySlice<Slot>, of entries: inout [Entry], personalise: Personaliser?
    ) throws -> (slots: [Slot], envelopes: [OutgoingEnvelope], entryIds: [String]) {
        var slots: [Slot] = []
        var envelopes: [OutgoingEnvelope] = []
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
                OutgoingEnvelope(
                    from: first.envelopeFrom ?? entry.envelopeFrom,
                    recipients: slot.recipients.map { entry.recipients[$0].address }, data: data))
        }
        return (slots, envelopes, entryIds)
    }

    /// The recipient after the sink's answer: sent, to be retried, or failed for good.
    private func record(
        _ outcome: RecipientOutcome, for recipient: Recipient, queuedAt: Date, now: Date, in report: inout FlushReport
    ) -> Recipient {
        var recipient = recipient
        recipient.attempts += 1
        switch outcome {
        case .accepted:
            recipient.state = .sent
            recipient.nextAttemptAt = nil
            recipient.lastResponse = nil
            report.sent += 1
        case .temporaryFailure(let text):
            recipient.lastResponse = text
            switch retry.decide(
                .temporary(code: nil, text: text), attempts: recipient.attempts, queuedAt: queuedAt, now: now)
            {
            case .retry(let at):
                recipient.nextAttemptAt = at
                report.deferred += 1
            case .giveUp(let reason):
                recipient.state = .failed
                report.failed += 1
                report.failures.append("\(recipient.address): \(reason)")
            }
        case .permanentFailure(let text):
            recipient.state = .failed
            recipient.lastResponse = text
            report.failed += 1
            report.failures.append("\(recipient.address): \(text)")
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
