import Foundation
import IMAP
import TestServerSupport
import Testing

@testable import Transport

/// Against the real Dovecot + Postfix of `scripts/test-servers`. Each test uses its own user.
@Suite(.enabled(if: TestServers.shouldRun), .timeLimit(.minutes(2)))
struct IMAPIntegrationTests {
    let servers: TestServers

    init() throws {
        servers = try TestServers.require()
    }

    func mailbox(
        _ user: String, scheme: String = "imap", folder: String = "INBOX", password: String? = nil,
        caFile: String?? = .none, processedFolder: String? = nil, allowPlaintext: Bool = false
    ) throws -> IMAPMailbox {
        let port = scheme == "imaps" ? servers.imapsPort : servers.imapPort
        return try IMAPMailbox(
            IMAPConfiguration(
                url: "\(scheme)://\(servers.host):\(port)/\(folder)", username: user,
                password: password ?? servers.password, caFile: caFile ?? servers.caFile,
                allowPlaintext: allowPlaintext, processedFolder: processedFolder, timeoutSeconds: 10))
    }

    func sender() throws -> SMTPSender {
        try SMTPSender(
            SMTPConfiguration(
                url: "smtp://\(servers.host):\(servers.smtpPort)/client.example.test", caFile: servers.caFile,
                timeoutSeconds: 10))
    }

    /// Polls (bounded) until `count` messages from `from` on are in the mailbox.
    func waitForUIDs(_ mailbox: IMAPMailbox, from: UID, count: Int) throws -> [UID] {
        let deadline = Date().addingTimeInterval(20)
        while true {
            _ = try mailbox.status()
            let uids = try mailbox.uids(from: from)
            if uids.count >= count || Date() > deadline { return uids }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }

    /// Sends one message to `user` and returns its UID once delivered (found by its token, so that tests
    /// sharing a user do not take each other's messages).
    func deliverOne(to user: String, mailbox: IMAPMailbox) throws -> (UID, MailboxStatus, String) {
        let before = try mailbox.status()
        let token = TestServers.token()
        let results = try sender().send([
            Envelope(
                from: "sender@example.test", recipients: [servers.address(user)],
                data: TestServers.message(token: token, to: servers.address(user)))
        ])
        #expect(results.first?.allAccepted == true)
        let deadline = Date().addingTimeInterval(20)
        var checked = Set<UID>()
        while Date() < deadline {
            let status = try mailbox.status()
            for uid in try mailbox.uids(from: before.uidNext) where !checked.contains(uid) {
                checked.insert(uid)
                if try mailbox.fetch(uid, uidValidity: status.uidValidity).firstRange(of: Array(token.utf8)) != nil {
                    return (uid, status, token)
                }
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw TestServers.Missing()  // not delivered in time
    }

    /// `deliverOne` on any of the servers: through Postfix into Dovecot, with APPEND into Cyrus and Courier
    /// (which the tests' Postfix does not deliver to).
    func deliverOne(on server: IMAPServer, to user: String, mailbox: IMAPMailbox) throws -> (UID, MailboxStatus, String)
    {
        if server.kind == .dovecot { return try deliverOne(to: user, mailbox: mailbox) }
        let token = TestServers.token()
        let before = try mailbox.status()
        try mailbox.append(TestServers.message(token: token, to: servers.address(user)))
        let status = try mailbox.status()
        let uid = try #require(try mailbox.uids(from: before.uidNext).last)
        return (uid, status, token)
    }

    @Test func deliversThroughPostfixAndFetchesByteExact() throws {
        let user = "transport1"
        let mailbox = try mailbox(user)
        let before = try mailbox.status()
        let tokens = (0..<3).map { _ in TestServers.token() }
        let envelopes = [
            Envelope(
                from: "sender@example.test", recipients: [servers.address(user), servers.address("nosuchuser")],
                data: TestServers.message(token: tokens[0], to: servers.address(user))),
            Envelope(
                from: "sender@example.test", recipients: ["someone@elsewhere.invalid", servers.address(user)],
                data: TestServers.message(token: tokens[1], to: servers.address(user))),
            Envelope(
                from: "sender@example.test", recipients: [servers.address(user)],
                data: TestServers.message(
                    token: tokens[2], to: servers.address(user),
                    extraBody: String(
                        repeating: "A body line of ordinary length, repeated to exceed buffers.\r\n", count: 4000))),
        ]
        let results = try sender().send(envelopes)
        #expect(results.map(\.envelopeIndex) == [0, 1, 2])
        #expect(results[0].recipients[0].status == .accepted)
        guard case .failed(.refused(let reply)) = results[0].recipients[1].status, reply.code == 550 else {
            Issue.record("bad recipient: \(results[0].recipients[1].status)")
            return
        }
        #expect(reply.text.contains("User unknown"))
        guard case .failed(.refused(let relay)) = results[1].recipients[0].status, relay.code == 454 else {
            Issue.record("relay refused: \(results[1].recipients[0].status)")
            return
        }
        #expect(results[1].recipients[1].status == .accepted)
        #expect(results[2].allAccepted && results.allSatisfy { $0.error == nil })

        let uids = try waitForUIDs(mailbox, from: before.uidNext, count: 3)
        #expect(uids.count == 3)
        let status = try mailbox.status()
        #expect(status.uidValidity == before.uidValidity)
        #expect(status.messages >= before.messages + 3)
        // Postfix delivers in parallel: UID order need not follow sending order, so match by token.
        var matched = Set<String>()
        for uid in uids {
            let fetched = try mailbox.fetch(uid, uidValidity: status.uidValidity)
            guard let index = tokens.firstIndex(where: { fetched.firstRange(of: Array($0.utf8)) != nil }) else {
                Issue.record("UID \(uid) holds none of the sent messages")
                continue
            }
            matched.insert(tokens[index])
            let envelope = envelopes[index]
            // Postfix and LMTP only prepend trace headers: what we sent is the exact tail.
            #expect(fetched.count > envelope.data.count)
            let tailMatches = Array(fetched.suffix(envelope.data.count)) == envelope.data
            #expect(tailMatches, "the sent message is not the tail of UID \(uid)")
            let stored = servers.storedMessage(user: user, containing: tokens[index])
            let sameAsFile = stored == fetched
            #expect(
                sameAsFile,
                "UID \(uid) differs from the Maildir file (\(stored?.count ?? -1) vs \(fetched.count) bytes)")
            let again = try mailbox.fetch(uid, uidValidity: status.uidValidity) == fetched  // reused connection
            #expect(again)
        }
        #expect(matched.count == 3)
        // The same bytes over several connections at once, plus per-UID errors.
        var parallel: [UID: [UInt8]] = [:]
        var failures: [UID: TransportError] = [:]
        let missing = UID(status.uidNext.value + 500)
        mailbox.fetch(uids + [missing], uidValidity: status.uidValidity, connections: 3) { uid, result in
            switch result {
            case .success(let bytes): parallel[uid] = bytes
            case .failure(let error): failures[uid] = error
            }
        }
        for uid in uids {
            let same = try parallel[uid] == mailbox.fetch(uid, uidValidity: status.uidValidity)
            #expect(same, "parallel fetch of UID \(uid) differs")
        }
        #expect(failures == [missing: .messageNotFound(mailbox: "INBOX", uid: missing)])
        var mismatched = 0
        mailbox.fetch(uids, uidValidity: UIDValidity(status.uidValidity.value &+ 1), connections: 2) { _, result in
            if case .failure(.uidValidityChanged) = result { mismatched += 1 }
        }
        #expect(mismatched == uids.count)
        // `n:*` with n above every UID returns the highest UID on Dovecot: filtered away.
        #expect(try mailbox.uids(from: status.uidNext).isEmpty)
        #expect(try mailbox.uids(from: uids[1]) == Array(uids[1...]))
    }

    @Test(arguments: IMAPServer.all)
    func uidValidityMismatchAndMissingUID(_ server: IMAPServer) throws {
        let user = "transport5"
        let mailbox = try server.mailbox(user)
        let (uid, status, _) = try deliverOne(on: server, to: user, mailbox: mailbox)
        let wrong = UIDValidity(status.uidValidity.value &+ 1)
        #expect {
            try mailbox.fetch(uid, uidValidity: wrong)
        } throws: { error in
            (error as? TransportError) == .uidValidityChanged(mailbox: "INBOX", expected: wrong)
        }
        #expect {
            try mailbox.fetch(UID(status.uidNext.value + 1000), uidValidity: status.uidValidity)
        } throws: { error in
            if case .messageNotFound = error as? TransportError { return true }
            return false
        }
        // The failures closed the connection; the next calls log in and SELECT again.
        #expect(try mailbox.status().uidValidity == status.uidValidity)
        #expect(try !mailbox.fetch(uid, uidValidity: status.uidValidity).isEmpty)
    }

    /// The folder is made in the personal namespace (`INBOX.` on Cyrus and Courier), its name in modified
    /// UTF-7; Courier has no MOVE (COPY, \Deleted, UID EXPUNGE).
    // Serialized: the cases of one server share the user's INBOX and run one after the other.
    @Test(.serialized, arguments: IMAPServer.all, [("Processed", "Processed"), ("Erledigt ✓", "Erledigt%20%E2%9C%93")])
    func markHandledMovesIntoProcessedFolder(
        _ server: IMAPServer, _ names: (folder: String, urlPath: String)
    )
        throws
    {
        let user = "transport2"
        let mailbox = try server.mailbox(user, processedFolder: names.folder)
        let (uid, _, token) = try deliverOne(on: server, to: user, mailbox: mailbox)
        let processed = try server.mailbox(user, folder: server.resolved(names.urlPath))
        try mailbox.markHandled(uid)
        #expect(try mailbox.uids(from: uid).contains(uid) == false)
        // The message is found in the folder by its token (not as the folder's last message: other
        // tests may move mail for this user too), allowing a server a moment to show it.
        var found = false
        let deadline = Date().addingTimeInterval(10)
        while !found, Date() < deadline {
            let processedStatus = try processed.status()
            for moved in try processed.uids(from: UID.min).reversed() where !found {
                let bytes = try processed.fetch(moved, uidValidity: processedStatus.uidValidity)
                found = bytes.firstRange(of: Array(token.utf8)) != nil
            }
            if !found { Thread.sleep(forTimeInterval: 0.2) }
        }
        #expect(found, "the message reached \(names.folder)")
    }

    @Test func markHandledFallsBackToCopyAndExpunge() throws {
        let user = "transport4"
        let mailbox = try mailbox(user, processedFolder: "Done/learnmail")
        let (uid, _, token) = try deliverOne(to: user, mailbox: mailbox)
        mailbox.cachedCapabilities = Capabilities(["IMAP4rev1", "UIDPLUS", "NAMESPACE"])  // a server without MOVE
        try mailbox.markHandled(uid)
        #expect(try mailbox.uids(from: uid).contains(uid) == false)
        let processed = try self.mailbox(user, folder: "Done/learnmail")
        let status = try processed.status()
        let last = try #require(try processed.uids(from: UID.min).last)
        #expect(try processed.fetch(last, uidValidity: status.uidValidity).firstRange(of: Array(token.utf8)) != nil)
    }

    @Test(arguments: IMAPServer.all)
    func markHandledWithoutFolderFlagsTheMessage(_ server: IMAPServer) throws {
        let user = "transport3"
        let mailbox = try server.mailbox(user)
        let (uid, _, _) = try deliverOne(on: server, to: user, mailbox: mailbox)
        try mailbox.markHandled(uid)
        let flags = try mailbox.run("UID FETCH \(uid) FLAGS", selecting: true, idempotent: true).body
        let text = String(decoding: flags, as: UTF8.self)
        #expect(text.contains("\\Seen") && text.contains("$LearnmailDone"), "\(text)")
        #expect(try mailbox.uids(from: uid) == [uid])  // still in INBOX
    }

    @Test(arguments: IMAPServer.all)
    func rejectedCommandIsReportedAndTheNextCallReconnects(_ server: IMAPServer) throws {
        let mailbox = try server.mailbox("transport3")
        _ = try mailbox.status()
        #expect {
            try mailbox.run("STATUS \"No such folder here\" (MESSAGES)", selecting: true, idempotent: false)
        } throws: { error in
            guard case .commandRejected(_, _, _, let reply) = error as? TransportError else { return false }
            return reply.hasPrefix("NO")
        }
        #expect(try mailbox.status().messages >= 0)
    }

    struct TLSCase: Sendable, CustomTestStringConvertible {
        var scheme: String
        var useCA: Bool
        var allowPlaintext: Bool
        var succeeds: Bool
        var testDescription: String { "\(scheme) ca=\(useCA) plaintext=\(allowPlaintext)" }
    }

    @Test(arguments: [
        TLSCase(scheme: "imaps", useCA: true, allowPlaintext: false, succeeds: true),
        TLSCase(scheme: "imap", useCA: true, allowPlaintext: false, succeeds: true),
        TLSCase(scheme: "imaps", useCA: false, allowPlaintext: false, succeeds: false),
        TLSCase(scheme: "imap", useCA: false, allowPlaintext: false, succeeds: false),
        TLSCase(scheme: "imap", useCA: false, allowPlaintext: true, succeeds: true),
    ])
    func tlsIsVerified(_ test: TLSCase) throws {
        let mailbox = try mailbox(
            "transport1", scheme: test.scheme, caFile: test.useCA ? servers.caFile : .some(nil),
            allowPlaintext: test.allowPlaintext)
        if test.succeeds {
            #expect(try mailbox.status().uidNext.value >= 1)
        } else {
            #expect {
                try mailbox.status()
            } throws: { error in
                guard case .tlsFailed = error as? TransportError else { return false }
                return (error as? TransportError)?.description.contains("caFile") == true
            }
        }
    }

    @Test(arguments: ["imap", "imaps"])
    func wrongPasswordSaysWhatToCheck(_ scheme: String) throws {
        let mailbox = try mailbox("transport1", scheme: scheme, password: "not-the-password")
        let port = scheme == "imaps" ? servers.imapsPort : servers.imapPort
        #expect {
            try mailbox.status()
        } throws: { error in
            (error as? TransportError)?.description
                == "IMAP login to \(servers.host):\(port) failed: authentication rejected — check mailbox.username and the password"
        }
    }

    @Test(arguments: IMAPServer.all)
    func missingMailboxIsNotALoginProblem(_ server: IMAPServer) throws {
        let mailbox = try server.mailbox("transport1", folder: "NoSuchMailbox")
        #expect {
            try mailbox.status()
        } throws: { error in
            guard case .mailboxNotFound(let name, _, let reply) = error as? TransportError else { return false }
            return name == "NoSuchMailbox" && reply.hasPrefix("NO")
                && error.localizedDescription.isEmpty == false
        }
    }

    @Test func smtpsWithCAFileDelivers() throws {
        let sender = try SMTPSender(
            SMTPConfiguration(
                url: "smtps://\(servers.host):\(servers.smtpsPort)", caFile: servers.caFile, timeoutSeconds: 10))
        let token = TestServers.token()
        let results = sender.send([
            Envelope(
                from: "sender@example.test", recipients: [servers.address("transport5")],
                data: TestServers.message(token: token, to: servers.address("transport5")))
        ])
        #expect(results.first?.allAccepted == true, "\(results)")
        let untrusted = try SMTPSender(
            SMTPConfiguration(url: "smtps://\(servers.host):\(servers.smtpsPort)", timeoutSeconds: 10))
        let refused = untrusted.send([
            Envelope(from: "a@example.test", recipients: [servers.address("transport5")], data: [])
        ])
        guard case .tlsFailed = refused.first?.error else {
            Issue.record("expected a TLS failure, got \(String(describing: refused.first?.error))")
            return
        }
    }

    @Test func smtpWrongPasswordIsLoginRejected() throws {
        let sender = try SMTPSender(
            SMTPConfiguration(
                url: "smtp://\(servers.host):\(servers.smtpPort)", username: "transport5", password: "wrong",
                caFile: servers.caFile, timeoutSeconds: 10))
        let results = sender.send([
            Envelope(from: "a@example.test", recipients: [servers.address("transport5")], data: Array("x\r\n".utf8))
        ])
        #expect(
            results.first?.error?.description
                == "SMTP login to \(servers.host):\(servers.smtpPort) failed: authentication rejected — check sender.username and the password"
        )
        #expect {
            try sender.verify()
        } throws: { error in
            guard case .loginRejected = error as? TransportError else { return false }
            return true
        }
        let good = try SMTPSender(
            SMTPConfiguration(
                url: "smtp://\(servers.host):\(servers.smtpPort)", username: "transport5", password: servers.password,
                caFile: servers.caFile, timeoutSeconds: 10))
        try good.verify()
        #expect(
            good.send([
                Envelope(from: "a@example.test", recipients: [servers.address("transport5")], data: Array("x\r\n".utf8))
            ]).first?.allAccepted == true)
    }
}
