import Foundation

/// The durable outbox (DESIGN.md flow 7): every outgoing message is written here first, then
/// sent, then moved to `sent/` (or `failed/` once every recipient has a final answer).
/// Ids are chosen by the caller and deterministic ("item-42-notify"), so that queueing the
/// same message twice after a crash is a no-op rather than a second copy.
public struct Outbox: Sendable {
    public struct Recipient: Codable, Sendable, Equatable {
        public enum State: String, Codable, Sendable { case queued, sent, failed }
        public var address: String
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

        public var isFinished: Bool { recipients.allSatisfy { $0.state != .queued } }
    }

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

    /// Sends what is due, `batchSize` messages per round trip to the sink. State is saved after
    /// every batch, so that a crash re-sends at most one batch.
    public func flush(
        through sink: MailSink, at now: Date, batchSize: Int = 50, progress: ((Int, Int) -> Void)? = nil
    ) throws -> FlushReport {
        var report = FlushReport()
        let due = pending().filter { entry in
            entry.recipients.contains { $0.state == .queued && ($0.nextAttemptAt ?? .distantPast) <= now }
        }
        var done = 0
        for start in stride(from: 0, to: due.count, by: batchSize) {
            var batch = Array(due[start..<min(start + batchSize, due.count)])
            var envelopes: [OutgoingEnvelope] = []
            var indexes: [[Int]] = []
            for entry in batch {
                let waiting = entry.recipients.indices.filter {
                    entry.recipients[$0].state == .queued && (entry.recipients[$0].nextAttemptAt ?? .distantPast) <= now
                }
                indexes.append(waiting)
                envelopes.append(
                    OutgoingEnvelope(
                        from: entry.envelopeFrom, recipients: waiting.map { entry.recipients[$0].address },
                        data: message(entry) ?? []))
            }
            let outcomes = try sink.deliver(envelopes)
            for (position, waiting) in indexes.enumerated() {
                for (slot, recipientIndex) in waiting.enumerated() {
                    let outcome =
                        position < outcomes.count && slot < outcomes[position].count
                        ? outcomes[position][slot] : .temporaryFailure("no answer from the sink")
                    var recipient = batch[position].recipients[recipientIndex]
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
                            .temporary(code: nil, text: text), attempts: recipient.attempts,
                            queuedAt: batch[position].createdAt, now: now)
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
                    batch[position].recipients[recipientIndex] = recipient
                }
            }
            try save(batch)
            done += batch.count
            progress?(done, due.count)
        }
        return report
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
                if entry.secret == true && folder == "sent" {
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
