import DurableFiles
import Foundation
import MIME

/// Taking in new mail (DESIGN.md flows 1-3): fetching in batches, storing, classifying each
/// message (`Intake+Process.swift`) and setting aside the ones never to be processed
/// (`Intake+Quarantine.swift`), with the message in hand named so that one that kills the
/// process cannot stop learnmail for good (`IntakeAttempts`).
struct Intake: SessionUseCase {
    let session: SpoolSession
    /// The message in hand and the crashes counted against each (poison-message isolation).
    let attempts: IntakeAttempts

    init(session: SpoolSession) {
        self.session = session
        self.attempts = IntakeAttempts(spool: session.spool)
    }

    /// Takes in new mail, `batchSize` messages at a time, each batch in three group commits that
    /// are durable before the next begins: the raw messages are stored; then they are processed
    /// (items, outgoing mail); then they are marked processed and, only after that, handled on the
    /// server. A crash anywhere leaves the raw message in the spool or on the server, and
    /// reprocessing recognises what was done. Batches keep each server reply small (a session
    /// hears of every flag its other connections changed) and bound what one crash repeats.
    func takeIn(
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
        while (start < keys.count || leftOver) && !(start > 0 && session.shouldStop()) {
            let batch = Array(keys[start..<min(start + batchSize, keys.count)])
            start += batch.count
            leftOver = false
            do {
                entries += try takeIn(batch, from: source)
                // A backfill on a terminal: "Taking in 1500/12000" after each batch.
                if keys.count > batchSize { progress?(start, keys.count) }
            } catch let interrupted as IntakeInterrupted {
                throw IntakeInterrupted(entries: entries + interrupted.entries, cause: interrupted.cause)
            }
        }
        try source.finishBatch()
        return entries
    }

    private func takeIn(_ keys: [SourceKey], from source: MailSource) throws -> [RunReport.Entry] {
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
        var done: [SourceKey] = []
        // Stored copies without the tokens they quote (`TokenRedaction`): a moderator's reply, an
        // auto-reply or a report about a notification would otherwise keep a live token in
        // processed/. Made while each message is in hand, written only once what it caused is durable.
        var redacted: [SourceKey: [UInt8]] = [:]
        // Processing may make or change any item: announced first, so that a crash inside the
        // commit leaves the items index to be rebuilt rather than trusted.
        if !waiting.isEmpty { try session.index.beginGroup(in: spool) }
        try AtomicFile.groupCommit(syncing: spool.root) {
            // The marker names each message while it is in hand (see IntakeAttempts): a crash blames
            // that message alone, not the batch around it.
            attempts.begin()
            defer { attempts.end() }
            for key in waiting {
                // Told to stop: what is not processed yet stays in incoming/ and goes first next time.
                if session.shouldStop() { break }
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
            try spool.saveState(session.state)
        }
        try session.index.writeIfNeeded(to: spool)
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

}

extension Intake {
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
