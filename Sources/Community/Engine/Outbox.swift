import Foundation

/// The durable outbox (DESIGN.md flow 7): every outgoing message is written here first, then
/// sent, then moved to `sent/` (or `failed/` once every recipient has a final answer).
/// Ids are chosen by the caller and deterministic ("item-42-notify"), so that queueing the
/// same message twice after a crash is a no-op rather than a second copy.
public struct Outbox: Sendable {
    public struct Recipient: Codable, Sendable, Equatable {
        /// `cancelled`: a personalised copy that was no longer wanted when its turn came (the
        /// subscriber left after the digest was recorded).
        public enum State: String, Codable, Sendable { case queued, sent, failed, cancelled }
        public var address: String
        /// This recipient's own envelope sender, when it differs from the entry's (a digest copy's
        /// VERP address, which maps its bounces to the subscriber).
        public var envelopeFrom: String?
        public var state: State
        public var attempts: Int
        public var nextAttemptAt: Date?
        public var lastResponse: String?
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        public var kind: String
        public var envelopeFrom: String
        public var createdAt: Date
        public var recipients: [Recipient]
        /// The message carries a secret (a moderation or confirmation token): once every recipient
        /// has it, only the envelope is kept, so that tokens live in plain text nowhere but the
        /// recipients' mailboxes (the spool keeps their hashes).
        public var secret: Bool?
        /// Set when every recipient gets a copy of their own, made at send time from what this
        /// names (a digest's record) by the flush's `Personaliser`: a thousand subscribers are one
        /// entry, not a thousand files. Such an entry has no `.eml` of its own.
        public var template: String?

        public var isFinished: Bool { recipients.allSatisfy { $0.state != .queued } }

        func isDue(_ recipient: Recipient, at now: Date) -> Bool {
            recipient.state == .queued && (recipient.nextAttemptAt ?? .distantPast) <= now
        }
    }

    /// Makes `recipient`'s copy of a personalised entry (see `Entry.template`), or returns nil when
    /// it is no longer wanted. Must be deterministic: a copy re-sent after a crash is the same mail.
    public typealias Personaliser = (Entry, Recipient) throws -> [UInt8]?

    public struct FlushReport: Sendable, Equatable {
        public var sent = 0
        public var deferred = 0
        public var failed = 0
        public var failures: [String] = []
    }

    let spool: Spool
    let retry: RetryPolicy

    public init(spool: Spool, retry: RetryPolicy = RetryPolicy()) {
        self.spool = spool
        self.retry = retry
    }

    public func contains(_ id: String) -> Bool {
        let name = Spool.safeKey(id) + ".json"
        return ["outbox", "sent", "failed"].contains { FileManager.default.fileExists(atPath: spool.path($0, name)) }
    }

    /// Queues a message unless one with this id was queued before. The .eml goes first: an
    /// entry whose JSON exists always has its message. Returns false when it was already there.
    @discardableResult
    public func enqueue(
        id: String, kind: String, envelopeFrom: String, recipients: [String], message: [UInt8], at now: Date,
        secret: Bool = false
    ) throws -> Bool {
        guard !contains(id), !recipients.isEmpty else { return false }
        let files = try Self.files(
            for: PendingMail(
                id: id, kind: kind, envelopeFrom: envelopeFrom, recipients: recipients, secret: secret,
                message: message), at: now)
        try AtomicFile.write(files.message, to: spool.path("outbox", files.name + ".eml"), syncDirectory: false)
        try AtomicFile.write(files.entry, to: spool.path("outbox", files.name + ".json"))
        return true
    }

    /// Queues one copy per recipient, each made at send time from `template` (see `Entry.template`),
    /// as entries `ID-1`, `ID-2`… of `partSize` recipients each: a file per batch of copies rather
    /// than per copy, and each batch's state saved by rewriting one small file. Parts queued before
    /// (a restart part-way through) are left alone; the recipients must come in the same order.
    /// Returns how many parts were queued now.
    @discardableResult
    public func enqueue(
        id: String, kind: String, template: String, envelopeFrom: String,
        recipients: [(address: String, envelopeFrom: String)], at now: Date, partSize: Int = 50
    ) throws -> Int {
        var queued = 0
        for (number, start) in stride(from: 0, to: recipients.count, by: partSize).enumerated() {
            let partId = Spool.safeKey("\(id)-\(number + 1)")
            guard !contains(partId) else { continue }
            let entry = Entry(
                id: partId, kind: kind, envelopeFrom: envelopeFrom, createdAt: now,
                recipients: recipients[start..<min(start + partSize, recipients.count)].map {
                    Recipient(address: $0.address, envelopeFrom: $0.envelopeFrom, state: .queued, attempts: 0)
                }, template: template)
            try AtomicFile.write(try Self.encode(entry), to: spool.path("outbox", entry.id + ".json"))
            queued += 1
        }
        return queued
    }

    /// The two files of a queued message: `NAME.eml` and its state `NAME.json`.
    static func files(for mail: PendingMail, at now: Date) throws -> (name: String, message: [UInt8], entry: Data) {
        let name = Spool.safeKey(mail.id)
        let entry = Entry(
            id: name, kind: mail.kind, envelopeFrom: mail.envelopeFrom, createdAt: now,
            recipients: mail.recipients.map { Recipient(address: $0, state: .queued, attempts: 0) },
            secret: mail.secret ? true : nil)
        return (name, mail.message, try encode(entry))
    }

    private func entryFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: spool.path(folder))) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
    }

    /// Moves messages staged in `folder` (in the outbox's format) into the queue by renaming them,
    /// the message before its state; one already queued or sent is dropped instead.
    public func adopt(from folder: String) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasSuffix(".json") {
            let id = String(name.dropLast(5))
            if contains(id) {
                try? FileManager.default.removeItem(atPath: folder + "/" + id + ".eml")
                try FileManager.default.removeItem(atPath: folder + "/" + name)
                continue
            }
            try AtomicFile.move(
                folder + "/" + id + ".eml", to: spool.path("outbox", id + ".eml"), syncDirectories: false)
            try AtomicFile.move(folder + "/" + name, to: spool.path("outbox", name), syncDirectories: false)
        }
        if !names.isEmpty {
            try AtomicFile.syncDirectory(spool.path("outbox"))
            try AtomicFile.syncDirectory(folder)
        }
    }

    public func pending() -> [Entry] { entries(in: "outbox") }

    /// How many messages a folder (`outbox`, `sent`, `failed`) holds, without reading them.
    public func count(in folder: String) -> Int { entryFiles(in: folder).count }

    public func entries(in folder: String) -> [Entry] {
        entryFiles(in: folder).sorted(by: Spool.naturalOrder)
            .compactMap { name in
                FileManager.default.contents(atPath: spool.path(folder, name)).flatMap {
                    try? Spool.decoder.decode(Entry.self, from: $0)
                }
            }
    }

    public func message(_ entry: Entry, in folder: String = "outbox") -> [UInt8]? {
        AtomicFile.read(spool.path(folder, entry.id + ".eml"))
    }

    /// Sends what is due, `batchSize` messages per round trip to the sink (a personalised entry
    /// counts one message per recipient). State is saved after every batch, so that a crash
    /// re-sends at most one batch.
    public func flush(
        through sink: MailSink, at now: Date, batchSize: Int = 50, personalise: Personaliser? = nil,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> FlushReport {
        var entries = pending().filter { entry in entry.recipients.contains { entry.isDue($0, at: now) } }
        // One slot per message to send: an entry's due recipients together, or each on their own
        // when every copy is personal.
        var slots: [(entry: Int, recipients: [Int])] = []
        for (e, entry) in entries.enumerated() {
            let due = entry.recipients.indices.filter { entry.isDue(entry.recipients[$0], at: now) }
            if entry.template == nil { slots.append((e, due)) } else { slots += due.map { (e, [$0]) } }
        }
        var report = FlushReport()
        for start in stride(from: 0, to: slots.count, by: batchSize) {
            var batch: [(entry: Int, recipients: [Int])] = []
            var envelopes: [OutgoingEnvelope] = []
            for slot in slots[start..<min(start + batchSize, slots.count)] {
                let entry = entries[slot.entry]
                let data: [UInt8]
                if entry.template != nil {
                    let recipient = entry.recipients[slot.recipients[0]]
                    guard let copy = try personalise?(entry, recipient) else {
                        entries[slot.entry].recipients[slot.recipients[0]].state = .cancelled
                        continue
                    }
                    data = copy
                } else {
                    data = message(entry) ?? []
                }
                batch.append(slot)
                envelopes.append(
                    OutgoingEnvelope(
                        from: entry.recipients[slot.recipients[0]].envelopeFrom ?? entry.envelopeFrom,
                        recipients: slot.recipients.map { entry.recipients[$0].address }, data: data))
            }
            let moreToFollow = start + batchSize < slots.count
            let outcomes = envelopes.isEmpty ? [] : try sink.deliver(envelopes, moreToFollow: moreToFollow)
            for (position, slot) in batch.enumerated() {
                for (index, recipient) in slot.recipients.enumerated() {
                    let outcome =
                        position < outcomes.count && index < outcomes[position].count
                        ? outcomes[position][index] : .temporaryFailure("no answer from the sink")
                    entries[slot.entry].recipients[recipient] = record(
                        outcome, for: entries[slot.entry].recipients[recipient],
                        queuedAt: entries[slot.entry].createdAt, now: now, in: &report)
                }
            }
            let touched = Set(slots[start..<min(start + batchSize, slots.count)].map(\.entry))
            try save(touched.sorted().map { entries[$0] })
            progress?(min(start + batchSize, slots.count), slots.count)
        }
        return report
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
    private func save(_ batch: [Entry]) throws {
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
                } else if entry.secret == true && folder == "sent" {
                    try FileManager.default.removeItem(atPath: spool.path("outbox", entry.id + ".eml"))
                } else {
                    try AtomicFile.move(
                        spool.path("outbox", entry.id + ".eml"), to: spool.path(folder, entry.id + ".eml"))
                }
            }
        }
    }

    static func encode(_ entry: Entry) throws -> Data {
        var data = try Spool.encoder.encode(entry)
        data.append(0x0A)
        return data
    }
}
