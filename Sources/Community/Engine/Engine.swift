import DurableFiles
import Foundation

/// The whole flow of DESIGN.md, one round at a time: intake → classify → process → deliver,
/// plus the weekly digest. Time, randomness, the mailbox and the sender are passed in, so the
/// same code runs the demo (Maildir and a folder), the tests and production (IMAP and SMTP).
public final class Engine {
    let session: SpoolSession
    let intake: Intake
    /// The use cases the console calls (`learnmail queue approve`, `subscribers add`, `digest send`…).
    public let moderation: Moderation
    public let subscriptions: Subscriptions
    public let digests: Digests
    public let delivery: Delivery
    public let site: SiteBuilder

    /// `itemCheck` says how the items are checked on opening: every folder read (the default), or
    /// the items index trusted unless it is missing, damaged or out of step (the everyday commands,
    /// which must not read 10,000 folders to show one).
    public init(
        config: Config, clock: any Clock = SystemClock(),
        random: any RandomNumberGenerator = SystemRandomNumberGenerator(), log: @escaping (String) -> Void = { _ in },
        spoolLockWait: TimeInterval? = nil, itemCheck: ItemCheck = .readEveryItem
    ) throws {
        var spool = try Spool(directory: config.dataDirectory)
        spool.lockWait = spoolLockWait
        let session = SpoolSession(
            config: config, spool: spool, clock: clock, random: random, log: log, itemCheck: itemCheck)
        self.session = session
        self.intake = Intake(session: session)
        self.moderation = Moderation(session: session)
        self.subscriptions = Subscriptions(session: session)
        self.digests = Digests(session: session)
        self.delivery = Delivery(session: session)
        self.site = SiteBuilder(session: session)
        session.repairOnOpen()
    }

    public var config: Config { session.config }
    public var spool: Spool { session.spool }
    public var outbox: Outbox { session.outbox }
    public var now: Date { session.now }

    /// Asked between messages and before each later stage of a round: true once the daemon was told
    /// to stop (SIGTERM), so that a round ends after the message in hand and the rest waits, in the
    /// spool or on the server, for the next start.
    public var shouldStop: () -> Bool {
        get { session.shouldStop }
        set { session.shouldStop = newValue }
    }

    /// One round: take in new mail, send the digest if it is due, deliver what is queued.
    /// Errors of one stage are reported and do not stop the others: a mailbox that cannot be
    /// reached must not hold back the digest, nor a failing SMTP server the intake.
    public func runOnce(
        source: MailSource?, sink: MailSink, progress: ((String, Int, Int) -> Void)? = nil
    )
        -> RunReport
    {
        do {
            return try spool.withLock {
                // Another process may have changed the spool since this one last looked.
                session.state = session.loadState()
                if session.index.isOutdated(spool) {
                    session.index = ItemIndex.open(spool, check: .trustIndex, log: session.log)
                }
                session.setAsideDamagedItems()
                return round(source: source, sink: sink, progress: progress)
            }
        } catch {
            var report = RunReport()
            report.failures.append(("spool", error))
            return report
        }
    }

    private func round(source: MailSource?, sink: MailSink, progress: ((String, Int, Int) -> Void)?) -> RunReport {
        var report = RunReport()
        if let source {
            do {
                report.entries = try intake.takeIn(from: source) { progress?("Taking in", $0, $1) }
                session.state.lastPollError = nil
            } catch let interrupted as IntakeInterrupted {
                report.entries = interrupted.entries
                report.failures.append((Intake.stage(of: interrupted.cause), interrupted.cause))
                session.state.lastPollError = "\(interrupted.cause)"
            } catch {
                report.failures.append((Intake.stage(of: error), error))
                session.state.lastPollError = "\(error)"
            }
            session.state.lastPollAt = now
        }
        if shouldStop() {
            do { try spool.saveState(session.state) } catch { report.failures.append(("state", error)) }
            return report
        }
        do {
            report.digest = try digests.sendIfDue()
        } catch {
            report.failures.append(("digest", error))
        }
        do {
            report.delivery = try delivery.sendQueuedLocked(through: sink) { progress?("Sending", $0, $1) }
            for note in report.delivery.setAside { session.log(note) }
        } catch {
            report.failures.append(("sending", error))
        }
        do { try session.index.writeIfNeeded(to: spool) } catch { report.failures.append(("spool", error)) }
        do { try spool.saveState(session.state) } catch { report.failures.append(("state", error)) }
        return report
    }
}
