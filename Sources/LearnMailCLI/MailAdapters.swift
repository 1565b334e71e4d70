import Community
import Foundation
import IMAP
import MIME
import SMTP
import Transport

/// A Maildir as the engine's mail source (the demo, tests, or a local delivery agent's folder).
final class MaildirMailSource: MailSource {
    let maildir: MaildirSource
    private var entries: [String: MaildirEntry] = [:]

    init(path: String) { maildir = MaildirSource(path: path) }

    func pendingKeys() throws -> [String] {
        let pending = try maildir.pending()
        entries = Dictionary(pending.map { ("maildir-" + $0.uniqueName, $0) }, uniquingKeysWith: { first, _ in first })
        return pending.map { "maildir-" + $0.uniqueName }
    }

    func fetch(_ keys: [String], into store: (String, [UInt8]) throws -> Void) throws {
        for key in keys {
            guard let entry = entries[key] else { throw CommandError("the Maildir no longer holds \(key)") }
            try store(key, try maildir.read(entry))
        }
    }

    func markHandled(_ keys: [String]) throws {
        try maildir.markHandled(keys.compactMap { entries[$0] })
    }
}

/// An IMAP mailbox as the engine's mail source. New mail is found by UID, never by \Seen: the
/// cursor (UIDVALIDITY and the next UID) is kept in the spool and saved once per batch.
final class IMAPMailSource: MailSource {
    struct Cursor: Codable, Equatable {
        var uidValidity: UInt32
        var nextUID: UInt32
    }

    let mailbox: IMAPMailbox
    let spool: Spool
    /// True once the daemon was told to stop: a long fetch ends after the messages in hand.
    var shouldStop: () -> Bool = { false }
    /// Messages fetched together (over several connections) before `shouldStop` is asked again.
    static let fetchChunk = 32
    private var cursor: Cursor?
    private var handled: UInt32 = 0
    private static let file = "mailbox.json"

    init(mailbox: IMAPMailbox, spool: Spool) {
        self.mailbox = mailbox
        self.spool = spool
        cursor = try? spool.loadJSON(Cursor.self, at: Self.file)
    }

    func pendingKeys() throws -> [String] {
        let status = try mailbox.status()
        let validity = status.uidValidity.value
        if cursor?.uidValidity != validity {
            // A new UIDVALIDITY renumbers the mailbox: start again from 1. Messages seen before
            // are recognised by Message-ID, so none becomes a second item.
            cursor = Cursor(uidValidity: validity, nextUID: 1)
        }
        let from = cursor?.nextUID ?? 1
        handled = from > 0 ? from - 1 : 0
        return try mailbox.uids(from: UID(from)).map { "imap-\(validity)-\($0.value)" }
    }

    /// Several connections at once (`IMAPMailbox.fetch(_:uidValidity:connections:)`): on a link with
    /// real latency, round trips overlap instead of adding up.
    func fetch(_ keys: [String], into store: (String, [UInt8]) throws -> Void) throws {
        guard !keys.isEmpty else { return }
        let parsed = try keys.map(Self.parse)
        var failure: (any Error)?
        for start in stride(from: 0, to: parsed.count, by: Self.fetchChunk) {
            // Told to stop: what is not fetched yet stays on the server for the next start.
            if start > 0, shouldStop() { break }
            let chunk = parsed[start..<min(start + Self.fetchChunk, parsed.count)]
            mailbox.fetch(chunk.map { UID($0.1) }, uidValidity: UIDValidity(parsed[0].0), connections: 4) {
                uid, result in
                guard failure == nil else { return }
                do {
                    try store("imap-\(parsed[0].0)-\(uid.value)", try result.get())
                } catch {
                    failure = error
                }
            }
            if failure != nil { break }
        }
        if let failure { throw failure }
    }

    /// One command for the whole batch (MOVE, or COPY+EXPUNGE, or a flag), not one per message.
    func markHandled(_ keys: [String]) throws {
        guard !keys.isEmpty else { return }
        let uids = try keys.map { try Self.parse($0).1 }
        do {
            try mailbox.markHandled(uids.map(UID.init))
        } catch {
            // Already moved (by us before a crash, or by someone else): nothing left to do.
            guard case .messageNotFound = error else { throw error }
        }
        handled = max(handled, uids.max() ?? 0)
    }

    func finishBatch() throws {
        guard var cursor, handled + 1 > cursor.nextUID else { return }
        cursor.nextUID = handled + 1
        self.cursor = cursor
        try spool.saveJSON(cursor, at: Self.file)
    }

    private static func parse(_ key: String) throws -> (UInt32, UInt32) {
        let parts = key.split(separator: "-")
        guard parts.count == 3, parts[0] == "imap", let validity = UInt32(parts[1]), let uid = UInt32(parts[2]) else {
            throw CommandError("not an IMAP message key: \(key)")
        }
        return (validity, uid)
    }
}

/// An SMTP server as the engine's mail sink: one connection for the batches of one flush.
final class SMTPMailSink: MailSink {
    let sender: SMTPSender

    init(sender: SMTPSender) { self.sender = sender }

    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        try deliver(envelopes, moreToFollow: false, answered: { _, _ in })
    }

    func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]] {
        let results = sender.send(
            envelopes, hangUp: !moreToFollow,
            answered: { result in
                if result.envelopeIndex < envelopes.count {
                    answered(result.envelopeIndex, Self.statuses(of: result, for: envelopes[result.envelopeIndex]))
                }
            },
            // A server that asks us to slow down gets no more of this batch: the outbox waits, then resumes.
            stopAfter: Self.isThrottled)
        // Nothing accepted and the server unreachable: keep everything queued, untouched.
        if let error = results.first?.error, error.isUnreachable,
            results.allSatisfy({ !$0.recipients.contains { $0.status.isAccepted } })
        {
            throw UnreachableError(error.description)
        }
        // No token (the sign-in was revoked): keep everything queued, untouched, for after `auth login`,
        // instead of counting failed attempts and backing off.
        if let error = results.first?.error, error.isSignInFailure,
            results.allSatisfy({ !$0.recipients.contains { $0.status.isAccepted } })
        {
            throw CommandError(error.description)
        }
        var statuses = envelopes.map { $0.recipients.map { _ in Self.noAnswer } }
        for result in results where result.envelopeIndex < statuses.count {
            statuses[result.envelopeIndex] = Self.statuses(of: result, for: envelopes[result.envelopeIndex])
        }
        return statuses
    }

    static let noAnswer = RecipientStatus.failed(.unanswered("no answer"))

    /// True when the server answered any recipient with a throttling reply (`Reply.Kind.throttled`).
    static func isThrottled(_ result: DeliveryResult) -> Bool {
        result.recipients.contains { $0.status.failure?.reply?.kind == .throttled }
    }

    /// One status per recipient of `envelope`, in its order; "no answer" for any the result lacks.
    static func statuses(of result: DeliveryResult, for envelope: Envelope) -> [RecipientStatus] {
        var statuses = envelope.recipients.map { _ in noAnswer }
        for recipient in result.recipients {
            guard let slot = envelope.recipients.firstIndex(of: recipient.recipient) else { continue }
            statuses[slot] = recipient.status
        }
        return statuses
    }
}

/// A folder of .eml files as the engine's mail sink (the demo and tests): every message "delivered".
/// Each file is named from the message's identity (`identity(of:)`), so that a message handed over
/// again after a crash (written, then killed before the outbox noted it) is not a second file.
final class DirectoryMailSink: MailSink {
    let outbox: DirectoryOutbox
    private(set) var written: [String] = []
    private var knownInThisFlush: [String: DirectoryOutbox.Delivered]?

    init(path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        outbox = DirectoryOutbox(path: path)
    }

    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        try deliver(envelopes, moreToFollow: false, answered: { _, _ in })
    }

    /// Each file is reported as soon as it is written; the batch is made durable with one flush
    /// before the batch as a whole is reported delivered. The folder is read once per flush, at its
    /// first batch (under the spool lock, which every sender holds, so another process's files
    /// count too), and what this flush writes is added as it goes.
    func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]] {
        var known = try knownInThisFlush ?? outbox.delivered()
        knownInThisFlush = nil  // kept only when this batch ends well and more follow
        let statuses: [[RecipientStatus]] = try envelopes.enumerated().map { index, envelope in
            let result = try outbox.deliver(
                envelope, identity: Self.identity(of: envelope), known: &known, durable: false)
            if result.written { written.append(result.path) }
            let status = envelope.recipients.map { _ in RecipientStatus.accepted }
            answered(index, status)
            return status
        }
        try AtomicFile.syncFileSystem(containing: outbox.path)
        if moreToFollow { knownInThisFlush = known }
        return statuses
    }

    /// 32 hex digits of SHA-256 over the Message-ID and the recipients (sorted, lowercased): the
    /// same message to the same people is the same file. A message without a Message-ID (learnmail
    /// always writes one) is identified by its bytes.
    static func identity(of envelope: Envelope) -> String {
        let recipients = envelope.recipients.map { $0.lowercased() }.sorted().joined(separator: "\n")
        let key: String
        if let messageId = Message(header(of: envelope.data)).messageId {
            key = "message-id " + messageId + "\n" + recipients
        } else {
            key =
                "bytes " + SHA256.hash(envelope.data).map { String($0, radix: 16) }.joined(separator: ".") + "\n"
                + recipients
        }
        return String(SHA256.hexDigest(key).prefix(32))
    }

    /// The header section (up to the first empty line): all the identity needs, without parsing a
    /// digest's whole body for each copy.
    private static func header(of data: [UInt8]) -> [UInt8] {
        var index = 0
        while index + 1 < data.count {
            if data[index] == 0x0A {
                if data[index + 1] == 0x0A { return Array(data[...index]) }
                if data[index + 1] == 0x0D, index + 2 < data.count, data[index + 2] == 0x0A {
                    return Array(data[...index])
                }
            }
            index += 1
        }
        return data
    }
}
