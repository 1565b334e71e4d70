import Foundation
import SMTP

/// Where mail comes from: a Maildir in the demo and tests, an IMAP mailbox in production.
/// Keys are stable ids of the source's own (`SourceKey`: `imap-UIDVALIDITY-UID`, `maildir-NAME`).
public protocol MailSource: AnyObject {
    /// Messages waiting, oldest first. A message already stored may be listed again (after a
    /// crash before `markHandled`); the engine recognises it by its key.
    func pendingKeys() throws -> [SourceKey]
    /// Fetches the messages (in any order, several at a time where the source can), handing each
    /// to `store`. Messages fetched before a failure are stored; then the failure is thrown.
    func fetch(_ keys: [SourceKey], into store: (SourceKey, [UInt8]) throws -> Void) throws
    /// Marks messages handled on the source (moved or flagged), in as few round trips as it can.
    func markHandled(_ keys: [SourceKey]) throws
    /// Called once after a batch was handled, to persist a cursor (one write per batch, not per message).
    func finishBatch() throws
}

extension MailSource {
    public func finishBatch() throws {}
}

/// Where mail goes: SMTP in production, a folder of .eml files in the demo and tests.
public protocol MailSink: AnyObject {
    /// Sends a batch over one connection; one status per recipient of each envelope, in order, with
    /// the server's reply (code, enhanced status, text) kept whole for the outbox's decisions.
    /// A sink that cannot reach its server at all throws (nothing was sent).
    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]]
    /// The same, told whether another batch follows at once (a sink with a connection keeps it
    /// open for that batch, one connection for a whole flush, and closes it after the last), and
    /// telling `answered` each envelope's statuses as soon as the server has given them, before
    /// the batch ends: the outbox notes at once what the server took, so that a crash part-way
    /// through a batch sends none of it twice.
    func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]]
}

extension MailSink {
    /// For sinks that only answer per batch: every envelope is reported when the batch is done.
    public func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]] {
        let statuses = try deliver(envelopes)
        for (index, status) in statuses.enumerated() { answered(index, status) }
        return statuses
    }
}

/// The current time, passed in so that schedules and expiry can be tested.
public protocol Clock: Sendable {
    var now: Date { get }
    /// Waits until `deadline` (pacing under `sender.limits`, and after a throttling answer). A
    /// test clock moves itself on instead of waiting.
    func sleep(until deadline: Date)
}

extension Clock {
    /// Really waits, for as long as `deadline` is ahead of `now`.
    public func sleep(until deadline: Date) {
        let seconds = deadline.timeIntervalSince(now)
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    }
}

public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}

/// Randomness passed in (SystemRandomNumberGenerator in production, a seeded one in tests),
/// boxed so that it can be stored and handed to generic `inout some RandomNumberGenerator` APIs.
public struct RandomSource: RandomNumberGenerator {
    private var base: any RandomNumberGenerator

    public init(_ base: any RandomNumberGenerator) { self.base = base }

    public mutating func next() -> UInt64 { base.next() }
}
