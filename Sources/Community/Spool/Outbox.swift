import DurableFiles
import Foundation
import SMTP

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
        /// The server's last answer as one line (`DeliveryFailure.description`: `451 4.3.0 …`, or
        /// `0 …` when none came), for people reading `status` and the spool; decisions are taken
        /// on the typed answer when it comes, never on this text.
        public var lastResponse: String?
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        public var kind: MailKind
        public var envelopeFrom: String
        public var createdAt: Date
        public var recipients: [Recipient]
        /// The message carries a secret (a moderation or confirmation token; set from
        /// `MailKind.carriesSecret`): once every recipient has it, only the envelope is kept, so that
        /// tokens live in plain text nowhere but the recipients' mailboxes (the spool keeps their hashes).
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
        /// Recipients the server refused for good during the SMTP conversation (5xx), with the
        /// kind of mail: a refused digest copy is a hard bounce that no DSN will report.
        public var refusals: [Refusal] = []
        /// Queued entries that could not be sent as they were and were set aside in `damaged/`,
        /// one line each for the log.
        public var setAside: [String] = []
        /// Throttling answers the server gave ("450 4.7.1 …"), one per time it asked to slow down.
        /// Never failures: the recipients stay queued.
        public var throttled: [Reply] = []
        /// When mail still queued may go next, as far as the limits and the server's requests to
        /// slow down say; nil when nothing holds it back (or nothing waits).
        public var waitingUntil: Date?
    }

    public struct Refusal: Sendable, Equatable {
        public var kind: MailKind
        public var address: String
        /// What the server said (`550 5.1.1 …`), code and enhanced status kept for the bounce count.
        public var failure: DeliveryFailure

        /// The answer as one line, as `lastResponse` keeps it.
        public var response: String { failure.description }
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
        id: String, kind: MailKind, envelopeFrom: String, recipients: [String], message: [UInt8], at now: Date
    ) throws -> Bool {
        guard !contains(id), !recipients.isEmpty else { return false }
        let files = try Self.files(
            for: PendingMail(
                id: id, kind: kind, envelope: Envelope(from: envelopeFrom, recipients: recipients, data: message)),
            at: now)
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
        id: String, kind: MailKind, template: String, envelopeFrom: String,
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
            id: name, kind: mail.kind, envelopeFrom: mail.envelope.from, createdAt: now,
            recipients: mail.envelope.recipients.map { Recipient(address: $0, state: .queued, attempts: 0) },
            secret: mail.kind.carriesSecret ? true : nil)
        return (name, mail.envelope.data, try encode(entry))
    }

    func entryFiles(in folder: String) -> [String] {
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

    /// How many mails are waiting to be sent: a queued message counts once, a personalised entry
    /// (a digest part) once per copy still to make.
    public func waitingCount() -> Int {
        pending().reduce(0) { total, entry in
            let queued = entry.recipients.filter { $0.state == .queued }.count
            return total + (entry.template == nil ? min(queued, 1) : queued)
        }
    }

    /// How many entries a folder (`outbox`, `sent`, `failed`) holds, without reading them.
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
        try? AtomicFile.read(spool.path(folder, entry.id + ".eml"))
    }

    static func encode(_ entry: Entry) throws -> Data {
        var data = try Spool.encoder.encode(entry)
        data.append(0x0A)
        return data
    }
}
