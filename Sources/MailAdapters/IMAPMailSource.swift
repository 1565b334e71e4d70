import Community
import Foundation
import IMAP
import Transport

/// An IMAP mailbox as the engine's mail source. New mail is found by UID, never by \Seen: the
/// cursor (UIDVALIDITY and the next UID) is kept in the spool and saved once per batch.
public final class IMAPMailSource: MailSource {
    struct Cursor: Codable, Equatable {
        var uidValidity: UInt32
        var nextUID: UInt32
    }

    public let mailbox: IMAPMailbox
    public let spool: Spool
    /// True once the daemon was told to stop: a long fetch ends after the messages in hand.
    public var shouldStop: () -> Bool = { false }
    /// Messages fetched together (over several connections) before `shouldStop` is asked again.
    public static let fetchChunk = 32
    private var cursor: Cursor?
    private var handled: UInt32 = 0
    private static let file = "mailbox.json"

    public init(mailbox: IMAPMailbox, spool: Spool) {
        self.mailbox = mailbox
        self.spool = spool
        cursor = try? spool.loadJSON(Cursor.self, at: Self.file)
    }

    public func pendingKeys() throws -> [SourceKey] {
        let status = try mailbox.status()
        let validity = status.uidValidity.value
        if cursor?.uidValidity != validity {
            // A new UIDVALIDITY renumbers the mailbox: start again from 1. Messages seen before
            // are recognised by Message-ID, so none becomes a second item.
            cursor = Cursor(uidValidity: validity, nextUID: 1)
        }
        let from = cursor?.nextUID ?? 1
        handled = from > 0 ? from - 1 : 0
        return try mailbox.uids(from: UID(from)).map { .imap(validity: validity, uid: $0.value) }
    }

    /// Several connections at once (`IMAPMailbox.fetch(_:uidValidity:connections:)`): on a link with
    /// real latency, round trips overlap instead of adding up.
    public func fetch(_ keys: [SourceKey], into store: (SourceKey, [UInt8]) throws -> Void) throws {
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
                    try store(.imap(validity: parsed[0].0, uid: uid.value), try result.get())
                } catch {
                    failure = error
                }
            }
            if failure != nil { break }
        }
        if let failure { throw failure }
    }

    /// One command for the whole batch (MOVE, or COPY+EXPUNGE, or a flag), not one per message.
    public func markHandled(_ keys: [SourceKey]) throws {
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

    public func finishBatch() throws {
        guard var cursor, handled + 1 > cursor.nextUID else { return }
        cursor.nextUID = handled + 1
        self.cursor = cursor
        try spool.saveJSON(cursor, at: Self.file)
    }

    private static func parse(_ key: SourceKey) throws -> (UInt32, UInt32) {
        guard case .imap(let validity, let uid) = key.origin else {
            throw CommandError("not an IMAP message key: \(key)")
        }
        return (validity, uid)
    }
}
