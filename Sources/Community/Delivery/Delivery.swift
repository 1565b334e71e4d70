import Foundation
import MIME

/// Delivery of the outbox (DESIGN flow 7), and the one kind of mail made at send time: each
/// subscriber's copy of a digest.
public struct Delivery: SessionUseCase {
    let session: SpoolSession

    /// Sends what the outbox holds that is due (`Outbox.flush`), making each digest copy on the way
    /// from the digest's record: the same bytes whenever it is made, so a copy re-sent after a
    /// crash is the same mail (same Message-ID and Date).
    ///
    /// Holds the spool lock while it sends, so that a console `digest send` and the daemon never
    /// send the same queued mail twice.
    public func sendQueued(
        through sink: MailSink, progress: ((Int, Int) -> Void)? = nil
    ) throws
        -> Outbox.FlushReport
    {
        try spool.withLock { try sendQueuedLocked(through: sink, progress: progress) }
    }

    func sendQueuedLocked(through sink: MailSink, progress: ((Int, Int) -> Void)? = nil) throws -> Outbox.FlushReport {
        let report: Outbox.FlushReport
        do {
            report = try flushOutbox(through: sink, progress: progress)
        } catch {
            // Nothing could be tried (an unreachable server, a revoked sign-in): mail past the
            // outbox's age limit is given up all the same, and the facilitator told.
            try tellAboutExpiredMail(try outbox.expireOverdue(at: now, cause: "\(error)"))
            throw error
        }
        if let last = report.throttled.last {
            log(
                "sending: the server asked to slow down \(report.throttled.count) time(s) (last: \(last)); "
                    + "learnmail waited and went on: nothing failed, nothing counts as a bounce")
        }
        // Said when a flush leaves mail waiting, not at every idle poll after it.
        if let until = report.waitingUntil, report.sent > 0 || !report.throttled.isEmpty {
            log(
                "sending: \(outbox.waitingCount()) message(s) wait until \(ISO8601UTC.string(from: until)) "
                    + (report.throttled.isEmpty ? "(sender.limits)" : "(the server asked to slow down)"))
        }
        // A digest copy refused outright (550 no such user) is a hard bounce that no DSN will bring.
        for refusal in report.refusals where refusal.kind == .digest {
            try Subscriptions(session: session).recordBounce(
                Bounce(refused: refusal.address, failure: refusal.failure), subscriber: refusal.address)
        }
        return report
    }

    private func flushOutbox(through sink: MailSink, progress: ((Int, Int) -> Void)?) throws -> Outbox.FlushReport {
        var records: [String: DigestRecord] = [:]
        var subscribers: SubscriberList?
        return try outbox.flush(
            through: sink, at: now,
            personalise: { entry, recipient in
                guard let path = entry.template else { return nil }
                if records[path] == nil { records[path] = try spool.loadJSON(DigestRecord.self, at: path) }
                guard let record = records[path], let template = record.template else {
                    // Nothing to make the copies from: they stay queued, and the error says why.
                    throw DigestRecordMissing(path: spool.path(path), entry: entry.id)
                }
                if subscribers == nil { subscribers = try spool.loadSubscribers() }
                // Someone who left after the digest was recorded gets no copy (cancelled).
                guard let subscriber = subscribers?.subscriber(address: recipient.address), subscriber.status == .active
                else { return nil }
                return digestCopy(template, of: record, for: subscriber)
            }, gate: sendingGate(), progress: progress)
    }

    /// The gate for one flush: `sender.limits`, counted in the community's day, kept in the spool.
    /// A flush waits for the pace or a throttled server for at most `flushWaitLimit` seconds; then
    /// the round goes on (intake must not wait for a long digest) and the next round resumes.
    public func sendingGate(waitLimit: TimeInterval = Delivery.flushWaitLimit) -> SendingGate {
        SendingGate(
            limits: config.senderLimits, timeZone: config.digest.timeZone, clock: session.clock, spool: spool,
            waitLimit: waitLimit)
    }

    public static let flushWaitLimit: TimeInterval = 300

    /// `subscriber`'s copy of the digest `record`: their own unsubscribe address and URL, and a
    /// Message-ID derived from the week and the address, so that making it again gives the same mail.
    func digestCopy(_ template: DigestTemplate, of record: DigestRecord, for subscriber: Subscriber) -> [UInt8] {
        let copy = template.copy(
            unsubscribeAddress: list.unsubscribeAddress(for: subscriber),
            unsubscribeURL: list.unsubscribeURL(for: subscriber))
        let tag = SHA256.hexDigest(record.week + " " + subscriber.address.lowercased()).prefix(20)
        return session.compose(
            to: [subscriber.address], subject: copy.subject, text: copy.text, html: copy.html,
            autoSubmitted: "auto-generated", extraHeaders: copy.headers.filter { $0.0 != "Auto-Submitted" },
            date: record.createdAt, messageId: "digest-\(record.week)-\(tag)@\(communityDomain)")
    }
}

/// A queued digest part names a record that is gone or has no template: its copies cannot be made.
public struct DigestRecordMissing: Error, CustomStringConvertible {
    public var path: String
    public var entry: String
    public var description: String {
        "cannot make the copies of \(entry): the digest record \(path) is missing or unreadable; "
            + "they stay queued (restore the file from a backup, or remove outbox/\(entry).json to give them up)"
    }
}

extension Delivery {
    /// One notice to the moderators for the mail given up in one go; it goes out when the server
    /// can be reached again.
    func tellAboutExpiredMail(_ expired: [String]) throws {
        guard !expired.isEmpty else { return }
        log("sending: gave up on \(expired.count) message(s) never sent within the outbox's age limit")
        let shown = expired.prefix(50).map { "  " + $0 }.joined(separator: "\n")
        let more = expired.count > 50 ? "\n  … and \(expired.count - 50) more" : ""
        let text = """
            learnmail could not send this mail: the sending server could not be
            reached (or would not let learnmail sign in) for as long as mail is
            kept, so it was given up:

            \(shown)\(more)

            `learnmail status` shows the outbox; `learnmail check` tests the
            connection to the server.
            """
        _ = try outbox.enqueue(
            id: "expired-\(Int(now.timeIntervalSince1970))", kind: .notice, envelopeFrom: bounceAddress,
            recipients: config.moderators,
            message: session.compose(
                to: config.moderators, subject: "learnmail: \(expired.count) message(s) not sent", text: text),
            at: now)
    }
}
