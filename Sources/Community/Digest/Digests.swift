import DurableFiles
import Foundation
import MIME

/// What a digest covered and who it went to, written before any copy is queued (DESIGN.md:
/// "recorded before sending"), so that a restart finishes the same digest instead of making another.
public struct DigestRecord: Codable, Sendable, Equatable {
    public var week: String
    public var createdAt: Date
    public var itemIds: [Int]
    public var recipients: [String]
    /// The body every copy is made from (absent in records of older versions, whose copies were
    /// queued as files of their own).
    public var template: DigestTemplate?
}

/// What `sendNow` did: the digest's week, items and recipients, and where its archive copies are.
public struct DigestResult: Sendable {
    public var week: String
    public var items: [LearningItem]
    public var recipients: [String]
    public var textPath: String?
    public var htmlPath: String?
    public var summary: String
}

/// The weekly digest (DESIGN.md flow 8): due once per ISO week, recorded before any copy is
/// queued; its preview to the moderators the day before (`Digests+Preview.swift`) and what it
/// carries besides its items (`Digests+Extras.swift`). What goes in and how it reads is
/// `DigestRenderer`'s and `DigestTemplate`'s.
public struct Digests: SessionUseCase {
    let session: SpoolSession

    public var schedule: DigestSchedule {
        DigestSchedule(
            weekday: config.digest.weekday, hour: config.digest.time.hour, minute: config.digest.time.minute,
            timeZone: config.digest.timeZone)
    }

    public var lastWeek: String? { session.state.lastDigestWeek }

    /// Sends this week's digest when its time has come and it was not sent yet (once per ISO week,
    /// whatever restarts happen; a daemon that was down at the due time catches up once).
    func sendIfDue() throws -> String? {
        _ = try sendPreviewIfDue()
        guard let due = schedule.due(now: now, lastSentWeek: session.state.lastDigestWeek) else { return nil }
        let summary = try send(week: due.week).summary
        SiteBuilder(session: session).publishAfterDigest()
        return summary
    }

    /// Sends the digest of the current week now (`digest send --now`).
    public func sendNow() throws -> DigestResult {
        try spool.withLock {
            session.state = session.loadState()
            return try sendNowLocked()
        }
    }

    private func sendNowLocked() throws -> DigestResult {
        let week = schedule.week(containing: now).id
        if let last = session.state.lastDigestWeek, last >= week,
            (try? spool.loadJSON(DigestRecord.self, at: "digests/\(week).json")) != nil
        {
            throw DigestAlreadySent(week: week, next: schedule.nextDue(after: now, lastSentWeek: last).week)
        }
        let result = try send(week: week)
        try spool.saveState(session.state)
        try session.index.writeIfNeeded(to: spool)
        SiteBuilder(session: session).publishAfterDigest()
        return result
    }

    /// The digest as it would go out now, for `digest preview`: one generic copy, nothing recorded.
    public func preview() -> RenderedDigest {
        let week = nextDigestWeek
        let held = heldBack(from: week)
        let items = DigestRenderer.selectItems(candidates(for: week), week: week).filter { !held.contains($0.id) }
        return DigestRenderer.render(
            items: items, community: list, week: week, unsubscribeAddress: list.address(tag: "unsubscribe"),
            unsubscribeURL: nil, extras: extras(week: week, items: items))
    }

    /// The items the items index says the digest of `week` may carry, read whole (unreadable ones
    /// left out, as a full listing did).
    func candidates(for week: String) -> [LearningItem] {
        session.index.summaries { $0.mayBeInDigest(of: week) }.compactMap { try? spool.loadItem($0.id) }
    }

    func send(week: String) throws -> DigestResult {
        let recordPath = "digests/\(week).json"
        var record = try spool.loadJSON(DigestRecord.self, at: recordPath)
        if record == nil {
            // Items a moderator held back in reply to the preview wait for next week's digest.
            let held = heldBack(from: week)
            let items = DigestRenderer.selectItems(candidates(for: week), week: week).filter { !held.contains($0.id) }
            let recipients = try spool.loadSubscribers().active.map(\.address)
            if items.isEmpty && !config.digest.sendEmpty || recipients.isEmpty {
                session.state.lastDigestWeek = week
                let why = items.isEmpty ? "no approved items" : "no active subscribers"
                log("digest \(week): \(why), nothing sent")
                return DigestResult(
                    week: week, items: [], recipients: [], textPath: nil, htmlPath: nil,
                    summary: "digest \(week): \(why), nothing sent")
            }
            record = DigestRecord(
                week: week, createdAt: now, itemIds: items.map(\.id), recipients: recipients,
                template: DigestTemplate(
                    items: items, community: list, week: week, extras: extras(week: week, items: items)))
            try spool.saveJSON(record, at: recordPath)
        }
        guard let record else { preconditionFailure("the record was just made") }
        let items = Set(record.itemIds).sorted().compactMap { try? spool.loadItem($0) }

        // The archive copy, with the list's generic unsubscribe address, made like every copy from
        // the record (records of older versions have no template).
        let archive =
            record.template?.copy(unsubscribeAddress: list.address(tag: "unsubscribe"), unsubscribeURL: nil)
            ?? DigestRenderer.render(
                items: items, community: list, week: week, unsubscribeAddress: list.address(tag: "unsubscribe"),
                unsubscribeURL: nil)
        let textPath = spool.path("digests", week + ".txt")
        let htmlPath = spool.path("digests", week + ".html")
        // Outbox entries of 50 subscribers each, no copies yet: each copy, with its own unsubscribe
        // and bounce address, is made when it is sent (`Delivery.sendQueued`). Queueing is idempotent, so a digest
        // interrupted here is completed, never doubled.
        let subscribers = try spool.loadSubscribers()
        // Every recorded recipient keeps its place, so that parts queued before a crash and those
        // queued after it split the same list the same way; one who has gone since is cancelled
        // when their copy's turn comes.
        let recipients = record.recipients.map { address in
            (
                address,
                subscribers.subscriber(address: address).map { VERP.envelopeSender(for: $0, list: list) }
                    ?? bounceAddress
            )
        }
        try AtomicFile.groupCommit(syncing: spool.root) {
            try AtomicFile.write(Array(archive.text.utf8), to: textPath)
            try AtomicFile.write(Array(archive.html.utf8), to: htmlPath)
            try outbox.enqueue(
                id: "digest-\(week)", kind: .digest, template: recordPath, envelopeFrom: bounceAddress,
                recipients: recipients, at: now)
        }

        // Publishing changes items in a group commit: announced first (see `saveItem`).
        if items.contains(where: { $0.status != .published }) { try session.index.beginGroup(in: spool) }
        try AtomicFile.groupCommit(syncing: spool.root) {
            for var item in items where item.status != .published {
                item.status = .published
                item.digestWeek = week
                item.history.append(HistoryEntry(at: now, action: "published", by: "learnmail", note: "digest \(week)"))
                // The note is queued before the item is saved as published: a restart skips items
                // already published, so the other order lost the note of an item killed in between
                // (scripts/crash-test found it). Queued again after a crash, it is the same id: a no-op.
                let contributor = item.contribution.contributor.address
                let text = ContributorTexts.published(item: item, communityName: config.community.name)
                _ = try session.queueAutomaticReply(
                    id: "item-\(item.id)-published", kind: .published, to: contributor,
                    message: session.compose(to: [contributor], subject: text.subject, text: text.text))
                try session.saveItem(item)
            }
        }
        session.state.lastDigestWeek = week
        let summary = "digest \(week): \(items.count) item(s) to \(record.recipients.count) subscriber(s)"
        log(summary)
        return DigestResult(
            week: week, items: items, recipients: record.recipients, textPath: textPath, htmlPath: htmlPath,
            summary: summary)
    }
}

public struct DigestAlreadySent: Error, CustomStringConvertible {
    public var week: String
    public var next: String
    public var description: String {
        "the digest of \(week) was already sent (one per week); the next is \(next)"
    }
}
