import Foundation
import MIME
import SMTP
import Testing

@testable import Community
@testable import LearnMailCLI

/// A clock the test moves by hand.
final class TestClock: Clock, @unchecked Sendable {
    var now: Date
    init(_ iso: String) { now = ISO8601UTC.date(from: iso)! }
}

/// The engine on a real Maildir and a real folder sink, with time and randomness fixed: the flow
/// of the demo, checked step by step, and what a crash at the awkward moments leaves behind.
@Suite("Engine flow")
struct EngineFlowTests {
    struct Setup {
        let folder: String
        let config: Config
        let clock: TestClock

        init(at time: String = "2026-11-23T08:00:00Z", extraConfig: String = "") throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-flow-\(UUID().uuidString)").path
            for sub in ["maildir/new", "maildir/cur", "maildir/tmp", "outbox"] {
                try FileManager.default.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true)
            }
            let json = """
                {"community": {"name": "Test Community", "address": "learning@example.org"},
                 "mailbox": {"maildir": "maildir"}, "sender": {"outbox": "outbox"},
                 "moderators": ["facilitator@example.org"],
                 "partners": [{"organisation": "Example Housing", "domains": ["examplehousing.org.uk"]}]\(extraConfig)}
                """
            try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/learnmail.json"))
            config = try Config.load(file: folder + "/learnmail.json")
            clock = TestClock(time)
        }

        func engine() throws -> Engine {
            // A new seed per engine: each stands for a restarted process.
            try Engine(config: config, clock: clock, random: SplitMix(state: UInt64.random(in: 0...UInt64.max)))
        }

        func deliver(_ name: String, _ text: String) throws {
            let bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/maildir/new/\(name)"))
        }

        func round(_ engine: Engine) throws -> RunReport {
            engine.runOnce(
                source: MaildirMailSource(path: folder + "/maildir"),
                sink: try DirectoryMailSink(path: folder + "/outbox"))
        }

        /// Where the digest delivery tests begin: one approved item, `readers` subscribed, and the
        /// week's digest recorded and queued on Monday at 09:30.
        func digestQueued(to readers: [String]) throws -> Engine {
            try deliver("1.M1.test", EngineFlowTests.contribution(1))
            let engine = try engine()
            _ = try round(engine)
            _ = try engine.moderateFromConsole([.approve], item: 1, by: "test")
            for reader in readers { _ = try engine.addSubscriber(reader) }
            clock.now = ISO8601UTC.date(from: "2026-11-23T09:30:00Z")!
            _ = try engine.sendDigestNow()
            return engine
        }

        /// The delivered messages whose To is `address`.
        func mail(to address: String) throws -> [Message] {
            try FileManager.default.contentsOfDirectory(atPath: folder + "/outbox").sorted().filter {
                $0.hasSuffix(".eml")
            }
            .map { Message(try readFile(folder + "/outbox/" + $0)) }
            .filter { $0.to.contains { $0.address == address } }
        }
    }

    static func contribution(_ n: Int, from sender: String = "helen@examplehousing.org.uk") -> String {
        """
        From: Helen <\(sender)>
        To: learning@example.org
        Subject: Lesson \(n): tablets for tenants
        Date: Mon, 23 Nov 2026 07:5\(n):00 +0000
        Message-ID: <lesson-\(n)@examplehousing.org.uk>
        Content-Type: text/plain; charset=utf-8

        Lesson \(n). We lent tablets and learned that data SIMs matter most.

        """
    }

    @Test func contributionsBecomeItemsWithNotificationsAndAcknowledgements() throws {
        let setup = try Setup()
        try setup.deliver("1.M1.test", Self.contribution(1))
        try setup.deliver("2.M2.test", Self.contribution(2, from: "stranger@elsewhere.example"))
        let report = try setup.round(try setup.engine())
        #expect(
            report.entries.map(\.outcome) == [
                .contribution(item: 1, title: "Lesson 1: tablets for tenants"),
                .held(
                    item: 2, title: "Lesson 2: tablets for tenants",
                    reason: report.entries.last.flatMap {
                        if case .held(_, _, let reason) = $0.outcome { return reason } else { return nil }
                    } ?? ""),
            ])
        let notifications = try setup.mail(to: "facilitator@example.org")
        #expect(notifications.count == 2)
        #expect(notifications.allSatisfy { $0.subject?.contains("tok:") == true })
        #expect(notifications.allSatisfy { $0.replyTo.first?.address.hasPrefix("learning+") == true })
        let acknowledgement = try setup.mail(to: "helen@examplehousing.org.uk")
        #expect(acknowledgement.count == 1)
        #expect(acknowledgement.first?.headers["Auto-Submitted"] == "auto-replied")
        // The token is stored only as a hash.
        let spool = try Spool(directory: setup.config.dataDirectory)
        let token = try #require(notifications.first.flatMap { ModerationToken.find(in: $0) }?.token)
        let stored = try String(contentsOfFile: spool.itemFolder(1) + "/tokens.json", encoding: .utf8)
        #expect(!stored.contains(token.text))
        #expect(stored.contains(token.sha256Hex))
        // Nor does the spool keep the sent notification: only its envelope and state.
        let spoolFiles = FileManager.default.enumerator(atPath: spool.root)?.allObjects as? [String] ?? []
        for file in spoolFiles where !file.hasSuffix(".eml") || file.hasPrefix("sent/") {
            let text = (try? String(contentsOfFile: spool.root + "/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains(token.text), "\(file) holds a token in plain text")
        }
    }

    @Test func aCrashBeforeTheMessageIsMarkedProcessedMakesNoSecondItem() throws {
        let setup = try Setup()
        try setup.deliver("1.M1.test", Self.contribution(1))
        _ = try setup.round(try setup.engine())
        let spool = try Spool(directory: setup.config.dataDirectory)
        // As if learnmail died after making the item, before moving the raw message on, and before
        // the mailbox marked it handled: the raw message is back in incoming/, the mail back in new/.
        let key = "maildir-1.M1.test"
        try FileManager.default.moveItem(
            atPath: spool.path("processed", key + ".eml"), toPath: spool.path("incoming", key + ".eml"))
        let handled = try FileManager.default.contentsOfDirectory(atPath: setup.folder + "/maildir/cur")
        try FileManager.default.moveItem(
            atPath: "\(setup.folder)/maildir/cur/\(handled[0])", toPath: "\(setup.folder)/maildir/new/1.M1.test")
        let again = try setup.round(try setup.engine())
        #expect(again.entries.map(\.outcome) == [.duplicate(item: 1)])
        #expect(spool.itemIds() == [1])
        #expect(try setup.mail(to: "facilitator@example.org").count == 1)
    }

    @Test func anItemFolderCutShortByAPowerLossIsSetAsideAndMadeAgain() throws {
        let setup = try Setup()
        try setup.deliver("1.M1.test", Self.contribution(1))
        _ = try setup.round(try setup.engine())
        let spool = try Spool(directory: setup.config.dataDirectory)
        // The state after a power cut inside the processing commit: the item's files are empty and
        // the raw message was never marked processed.
        try Data().write(to: URL(fileURLWithPath: spool.itemFolder(1) + "/item.json"))
        let key = "maildir-1.M1.test"
        try FileManager.default.moveItem(
            atPath: spool.path("processed", key + ".eml"), toPath: spool.path("incoming", key + ".eml"))
        let report = try setup.round(try setup.engine())
        #expect(report.entries.map(\.outcome) == [.contribution(item: 1, title: "Lesson 1: tablets for tenants")])
        #expect(try spool.loadItem(1).contribution.title == "Lesson 1: tablets for tenants")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: spool.path("damaged")).contains {
                $0.hasPrefix("item-1-") && $0.hasSuffix(".reason")
            })
        // The facilitator gets a notification for the item made again, with a token that works.
        #expect(try setup.mail(to: "facilitator@example.org").count == 2)
    }

    /// Postfix's DSN for an unknown user, sent back to the subscriber's VERP address on three days:
    /// the subscriber is disabled and the facilitator told; a bounce never becomes an item.
    @Test func repeatedHardBouncesDisableTheSubscriber() throws {
        let setup = try Setup()
        let engine = try setup.engine()
        _ = try engine.addSubscriber("ann.old@examplehousing.org.uk")
        let spool = try Spool(directory: setup.config.dataDirectory)
        let token = try #require(
            try spool.loadSubscribers().subscriber(address: "ann.old@examplehousing.org.uk")?.bounceToken)
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CommunityTests/Fixtures/bounces/postfix-user-unknown.eml")
        let dsn = try String(contentsOf: fixture, encoding: .utf8).replacingOccurrences(
            of: "k3mbq7zx4wd2ypta", with: token)
        for day in 0..<3 {
            setup.clock.now = ISO8601UTC.date(from: "2026-11-2\(3 + day)T10:00:00Z")!
            try Data(dsn.utf8).write(to: URL(fileURLWithPath: "\(setup.folder)/maildir/new/\(day).bounce.test"))
            let report = try setup.round(engine)
            guard case .bounce(let address, _) = report.entries.first?.outcome else {
                Issue.record("expected a bounce, got \(report.entries)")
                return
            }
            #expect(address == "ann.old@examplehousing.org.uk")
        }
        #expect(try spool.loadSubscribers().subscriber(address: "ann.old@examplehousing.org.uk")?.status == .disabled)
        #expect(spool.itemIds().isEmpty)
        let notes = try setup.mail(to: "facilitator@example.org")
        #expect(notes.count == 1)
        #expect(notes.first?.textBody?.contains("ann.old@examplehousing.org.uk") == true)
    }

    /// Double opt-in by mail, then a one-click unsubscribe from a provider's robot (marked
    /// Auto-Submitted): honoured at once, and not answered.
    @Test func subscribeConfirmAndUnsubscribeByMail() throws {
        let setup = try Setup()
        let engine = try setup.engine()
        try setup.deliver(
            "1.sub.test",
            """
            From: Reader <reader@example.net>
            To: learning@example.org
            Subject: subscribe
            Message-ID: <sub-1@example.net>

            """)
        _ = try setup.round(engine)
        let spool = try Spool(directory: setup.config.dataDirectory)
        #expect(try spool.loadSubscribers().subscriber(address: "reader@example.net")?.status == .pending)
        let request = try #require(try setup.mail(to: "reader@example.net").first)
        let confirmAddress = try #require(request.replyTo.first?.address)
        try setup.deliver(
            "2.sub.test",
            """
            From: Reader <reader@example.net>
            To: \(confirmAddress)
            Subject: Re: \(request.subject ?? "")
            Message-ID: <sub-2@example.net>

            yes please
            """)
        _ = try setup.round(engine)
        let subscriber = try #require(try spool.loadSubscribers().subscriber(address: "reader@example.net"))
        #expect(subscriber.status == .active)
        let repliesBefore = try setup.mail(to: "reader@example.net").count
        try setup.deliver(
            "3.sub.test",
            """
            From: reader@example.net
            To: learning+unsubscribe-\(subscriber.unsubscribeToken)@example.org
            Subject: unsubscribe
            Auto-Submitted: auto-generated
            Message-ID: <sub-3@example.net>

            """)
        _ = try setup.round(engine)
        #expect(try spool.loadSubscribers().subscriber(address: "reader@example.net")?.status == .unsubscribed)
        #expect(try setup.mail(to: "reader@example.net").count == repliesBefore, "no reply to a robot")
    }

    /// "Thanks!" in answer to learnmail's acknowledgement is held for the facilitator, not
    /// published as learning, and not acknowledged again.
    @Test func anAnswerToOurOwnMailIsHeldNotAcknowledged() throws {
        let setup = try Setup()
        try setup.deliver("1.M1.test", Self.contribution(1))
        _ = try setup.round(try setup.engine())
        let acknowledgement = try #require(try setup.mail(to: "helen@examplehousing.org.uk").first)
        try setup.deliver(
            "2.M2.test",
            """
            From: Helen <helen@examplehousing.org.uk>
            To: learning@example.org
            Subject: Re: \(acknowledgement.subject ?? "")
            In-Reply-To: <\(acknowledgement.messageId ?? "")>
            Message-ID: <thanks@examplehousing.org.uk>

            Thanks, great to hear!
            """)
        let report = try setup.round(try setup.engine())
        guard case .held(let id, _, let reason) = report.entries.first?.outcome else {
            Issue.record("expected a held item, got \(report.entries)")
            return
        }
        #expect(id == 2 && reason.contains("answers learnmail's own message"))
        #expect(try setup.mail(to: "helen@examplehousing.org.uk").count == 1)
    }

    @Test func theSameMessageIdTwiceIsOneItem() throws {
        let setup = try Setup()
        try setup.deliver("1.M1.test", Self.contribution(1))
        try setup.deliver("2.M2.test", Self.contribution(1))
        let report = try setup.round(try setup.engine())
        #expect(report.entries.map(\.outcome).last == .duplicate(item: 1))
    }

    @Test func moderationByReplyThenOneDigestPerWeek() throws {
        let setup = try Setup()
        try setup.deliver("1.M1.test", Self.contribution(1))
        try setup.deliver("2.M2.test", Self.contribution(2))
        _ = try setup.round(try setup.engine())
        let notifications = try setup.mail(to: "facilitator@example.org")
        for (n, notification) in notifications.enumerated() {
            let command = n == 0 ? "approve" : "reject Not about digital inclusion"
            try setup.deliver(
                "\(3 + n).M\(3 + n).test",
                """
                From: facilitator@example.org
                To: \(notification.replyTo.first?.address ?? "")
                Subject: Re: \(notification.subject ?? "")
                Message-ID: <reply-\(n)@example.org>
                Content-Type: text/plain; charset=utf-8

                \(command)

                > approve
                """)
        }
        // A forged approval: right words, no token.
        try setup.deliver(
            "9.M9.test",
            """
            From: facilitator@example.org
            To: learning@example.org
            Subject: Re: Lesson 2
            Message-ID: <forged@example.org>

            approve
            """)
        let engine = try setup.engine()
        let report = try setup.round(engine)
        #expect(report.entries.count == 3)
        let spool = try Spool(directory: setup.config.dataDirectory)
        #expect(try spool.loadItem(1).status == .approved)
        #expect(try spool.loadItem(2).status == .rejected)
        guard case .refused = report.entries[2].outcome else {
            Issue.record("the token-less approval must be refused, got \(report.entries[2].outcome)")
            return
        }
        #expect(
            try setup.mail(to: "helen@examplehousing.org.uk").contains {
                $0.textBody?.contains("Not about digital inclusion") == true
            })

        // Monday 09:00 London: the digest goes out once, whatever the restarts.
        _ = try engine.addSubscriber("reader@example.net")
        setup.clock.now = ISO8601UTC.date(from: "2026-11-23T09:00:30Z")!
        #expect(try setup.round(engine).digest?.contains("1 item(s) to 1 subscriber(s)") == true)
        setup.clock.now = ISO8601UTC.date(from: "2026-11-23T09:05:00Z")!
        #expect(try setup.round(try setup.engine()).digest == nil)
        #expect(try setup.mail(to: "reader@example.net").count == 1)
        #expect(try spool.loadItem(1).status == .published)
        // Sending now again the same week is refused.
        #expect(throws: DigestAlreadySent.self) { try setup.engine().sendDigestNow() }
        // Next week, with nothing approved, nothing is sent.
        setup.clock.now = ISO8601UTC.date(from: "2026-11-30T09:01:00Z")!
        #expect(try setup.round(try setup.engine()).digest?.contains("nothing sent") == true)
        #expect(try setup.mail(to: "reader@example.net").count == 1)
    }

    @Test func aDigestInterruptedAfterItsRecordIsCompletedNotDoubled() throws {
        let setup = try Setup(at: "2026-11-23T08:00:00Z")
        _ = try setup.digestQueued(to: ["a@example.net", "b@example.net"])
        // As if the process died after queueing, before the state was saved: forget the week.
        let spool = try Spool(directory: setup.config.dataDirectory)
        var state = spool.loadState()
        state.lastDigestWeek = nil
        try spool.saveState(state)
        let report = try setup.round(try setup.engine())
        #expect(report.digest != nil)
        #expect(try setup.mail(to: "a@example.net").count == 1)
        #expect(try setup.mail(to: "b@example.net").count == 1)
    }

    @Test func aDigestCopyRefusedAtRCPTCountsAsAHardBounce() throws {
        let setup = try Setup(at: "2026-11-23T08:00:00Z", extraConfig: #", "limits": {"hardBouncesToDisable": 1}"#)
        let engine = try setup.digestQueued(to: ["gone@example.net", "fine@example.net"])
        let sink = RefusingSink(try DirectoryMailSink(path: setup.folder + "/outbox"), refusing: ["gone@example.net"])
        let report = try engine.deliverQueued(through: sink)
        #expect(report.refusals.map(\.address) == ["gone@example.net"])
        let subscribers = try engine.spool.loadSubscribers()
        #expect(subscribers.subscriber(address: "gone@example.net")?.status == .disabled)
        #expect(subscribers.subscriber(address: "fine@example.net")?.status == .active)
        // The facilitator hears of it with the next delivery.
        _ = try engine.deliverQueued(through: try DirectoryMailSink(path: setup.folder + "/outbox"))
        #expect(try setup.mail(to: "facilitator@example.org").contains { $0.subject?.contains("disabled") == true })
    }

    @Test func aDigestQueuedPartlyBeforeACrashIsQueuedTheSameWayAfterIt() throws {
        let setup = try Setup(at: "2026-11-23T08:00:00Z")
        let readers = (1...120).map { "reader\($0)@example.net" }
        let engine = try setup.digestQueued(to: readers)
        // As if the process died after writing the first part only, and the state was not saved;
        // meanwhile reader3 vanished from the list altogether (a hand edit).
        let spool = engine.spool
        for part in ["digest-2026-W48-2.json", "digest-2026-W48-3.json"] {
            try FileManager.default.removeItem(atPath: spool.path("outbox", part))
        }
        var state = spool.loadState()
        state.lastDigestWeek = nil
        try spool.saveState(state)
        let list = try spool.loadSubscribers()
        try spool.saveSubscribers(SubscriberList(list.subscribers.filter { $0.address != "reader3@example.net" }))
        _ = try setup.round(try setup.engine())
        for reader in readers where reader != "reader3@example.net" {
            #expect(try setup.mail(to: reader).count == 1, "\(reader)")
        }
        #expect(try setup.mail(to: "reader3@example.net").isEmpty)
    }

    @Test func aDigestWhoseRecordIsGoneStaysQueuedWithAClearError() throws {
        let setup = try Setup(at: "2026-11-23T08:00:00Z")
        let engine = try setup.digestQueued(to: ["a@example.net"])
        try FileManager.default.removeItem(atPath: engine.spool.path("digests", "2026-W48.json"))
        let sink = try DirectoryMailSink(path: setup.folder + "/outbox")
        #expect(throws: DigestRecordMissing.self) { try engine.deliverQueued(through: sink) }
        #expect(engine.outbox.pending().first { $0.kind == "digest" }?.recipients.map(\.state) == [.queued])
        #expect(try setup.mail(to: "a@example.net").isEmpty)
    }

    @Test func aDigestCutShortMidSendReachesEverySubscriberOnce() throws {
        let setup = try Setup(at: "2026-11-23T08:00:00Z")
        let readers = (1...120).map { "reader\($0)@example.net" }
        let engine = try setup.digestQueued(to: readers)
        // A queued entry per 50 subscribers, not a file per subscriber.
        #expect(
            engine.outbox.pending().filter { $0.kind == "digest" }.map(\.id) == [
                "digest-2026-W48-1", "digest-2026-W48-2", "digest-2026-W48-3",
            ])
        // 70 copies go out, then the process "dies" part-way through the second batch of 50.
        let sink = DyingSink(try DirectoryMailSink(path: setup.folder + "/outbox"), messages: 70)
        #expect(throws: CommandError.self) { try engine.deliverQueued(through: sink) }
        #expect(engine.outbox.pending().map(\.id).first == "digest-2026-W48-2")
        // A reader who leaves before their copy goes out gets none.
        _ = try engine.removeSubscriber("reader120@example.net")
        let restarted = try setup.engine()
        let report = try restarted.deliverQueued(through: try DirectoryMailSink(path: setup.folder + "/outbox"))
        // The 20 the server took before the "crash" are not sent again (outbox/.accepted).
        #expect(report.sent == 49 + 1)  // and the contributor's "published" notice
        var messageIds: Set<String> = []
        for reader in readers.dropLast() {
            let copies = try setup.mail(to: reader)
            #expect(copies.count == 1, "\(reader)")
            messageIds.formUnion(copies.compactMap(\.messageId))
            // Each copy carries the reader's own unsubscribe address.
            #expect(copies.first?.headers["List-Unsubscribe"]?.contains("unsubscribe-") == true)
        }
        #expect(messageIds.count == 119 && messageIds.allSatisfy { $0.hasPrefix("digest-2026-W48-") })
        #expect(try setup.mail(to: "reader120@example.net").isEmpty)
        let done = restarted.outbox.entries(in: "sent")
        #expect(done.first { $0.id == "digest-2026-W48-3" }?.recipients.last?.state == .cancelled)
        // A copy made again is the same mail: what a crash-resend would put on the wire.
        let record = try #require(try restarted.spool.loadJSON(DigestRecord.self, at: "digests/2026-W48.json"))
        let subscriber = try #require(try restarted.spool.loadSubscribers().subscriber(address: "reader7@example.net"))
        let template = try #require(record.template)
        #expect(
            restarted.digestCopy(template, of: record, for: subscriber)
                == restarted.digestCopy(template, of: record, for: subscriber))
    }
}

/// A sink that refuses some recipients for good, as a server does with 550 at RCPT.
final class RefusingSink: MailSink {
    let inner: DirectoryMailSink
    let refused: Set<String>
    init(_ inner: DirectoryMailSink, refusing refused: Set<String>) {
        self.inner = inner
        self.refused = refused
    }
    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        let accepted = envelopes.filter { !$0.recipients.contains(where: refused.contains) }
        _ = try inner.deliver(accepted)
        return envelopes.map { envelope in
            envelope.recipients.map {
                refused.contains($0)
                    ? .failed(
                        .refused(Reply(code: 550, text: "5.1.1 <\($0)>: Recipient address rejected: User unknown")))
                    : .accepted
            }
        }
    }
}

/// A sink that delivers `budget` messages, then fails part-way through a batch, as if the process
/// had died there: what it delivered was answered one by one, as SMTP answers.
final class DyingSink: MailSink {
    let inner: DirectoryMailSink
    var budget: Int
    init(_ inner: DirectoryMailSink, messages: Int) {
        self.inner = inner
        budget = messages
    }
    func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        try deliver(envelopes, moreToFollow: false, answered: { _, _ in })
    }
    func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]] {
        var outcomes: [[RecipientStatus]] = []
        for (index, envelope) in envelopes.enumerated() {
            guard budget > 0 else { throw CommandError("gone") }
            budget -= 1
            outcomes += try inner.deliver([envelope])
            answered(index, outcomes[index])
        }
        return outcomes
    }
}

/// A tiny deterministic generator (SplitMix64) for tests that need fixed randomness.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
