internal import CCurl
import IMAP

extension IMAPMailbox {
    /// Fetches many messages over up to `connections` connections at once, to hide round-trip latency:
    /// one URL fetch costs one round trip, so 2000 messages over a 20 ms link take 40 s on one connection
    /// and about a quarter of that on four. Each connection logs in once and stays open for later calls.
    ///
    /// `each` is called on the calling thread, once per UID, in completion order (not UID order), with the
    /// exact bytes or the error for that UID. After an error that affects every message (unreachable, TLS,
    /// login) the remaining UIDs get that error without further attempts. Blocks until all are done.
    /// With `connections <= 1` this is `fetch(_:uidValidity:)` in a loop on the main connection.
    public func fetch(
        _ uids: [UID], uidValidity: UIDValidity, connections: Int = 4,
        each: (UID, Result<[UInt8], TransportError>) -> Void
    ) {
        guard connections > 1, uids.count > 1 else {
            for uid in uids {
                do {
                    each(uid, .success(try fetch(uid, uidValidity: uidValidity)))
                } catch {
                    each(uid, .failure(error))
                }
            }
            return
        }
        let workers: [CurlEasy]
        let multi: CurlMulti
        do {
            (multi, workers) = try parallelWorkers(min(connections, uids.count))
        } catch {
            for uid in uids { each(uid, .failure(error)) }
            return
        }
        prepareForParallelFetch(uids, workers: workers, multi: multi)
        var queue = uids[...]
        var retried = Set<UID>()
        // UIDs the server said it does not hold although SEARCH had just listed them: that worker's
        // connection may not have seen the mail yet (Courier, with mail appended within the second).
        var onAFreshConnection = Set<UID>()
        var running: [ObjectIdentifier: UID] = [:]
        var fatal: TransportError?
        multi.run(
            workers: workers,
            next: { worker in
                guard fatal == nil, let uid = queue.popFirst() else { return false }
                worker.set(CURLOPT_CUSTOMREQUEST, nil as String?)
                worker.set(CURLOPT_FRESH_CONNECT, onAFreshConnection.remove(uid) != nil)
                worker.set(CURLOPT_URL, "\(mailboxURL);UIDVALIDITY=\(uidValidity)/;UID=\(uid)")
                running[ObjectIdentifier(worker)] = uid
                return true
            },
            done: { worker, outcome in
                guard let uid = running.removeValue(forKey: ObjectIdentifier(worker)) else { return }
                if outcome.succeeded {
                    each(uid, .success(outcome.body))
                    return
                }
                let error = fetchError(outcome, uid: uid, uidValidity: uidValidity)
                let notSeenYet: Bool
                if case .messageNotFound = error { notSeenYet = true } else { notSeenYet = false }
                if TransportError.isRetryable(outcome.code) || IMAPMailbox.isUnsolicitedFetch(outcome) || notSeenYet,
                    !retried.contains(uid)
                {
                    // The connection broke or was closed, or its view is old: once more, on a fresh one
                    // (a new login and SELECT; a message really gone is reported after that).
                    retried.insert(uid)
                    if notSeenYet { onAFreshConnection.insert(uid) }
                    queue.insert(uid, at: queue.startIndex)
                    return
                }
                switch error {
                case .unreachable, .tlsFailed, .tlsRequired, .loginRejected: fatal = error
                default: break
                }
                each(uid, .failure(error))
            })
        if let fatal {
            for uid in queue { each(uid, .failure(fatal)) }
        }
    }

    /// Servers tell each session about flag changes made by other sessions, as untagged `* n FETCH (FLAGS …)`
    /// lines: Cyrus before its reply to the session's next command, Dovecot often after it. libcurl 7.88
    /// takes the first untagged FETCH after its `UID FETCH n BODY[]` for the reply, finds no literal in it
    /// and fails with "Failed to parse FETCH response" (error 8), closing the connection. Fetching `BODY[]`
    /// sets \Seen, so parallel connections would report every fetch to each other (on Cyrus, intake
    /// stopped after a few messages of a backlog). So the whole batch is flagged \Seen first from the main
    /// connection (one command per chunk; fetching changes no flag afterwards), and each worker takes in
    /// the news with a NOOP before fetching. Someone else's change in between (a mail client) is the rare
    /// case left: that fetch is retried once on a fresh connection, whose SELECT has no news pending.
    func prepareForParallelFetch(_ uids: [UID], workers: [CurlEasy], multi: CurlMulti) {
        for set in UIDSet.chunks(uids) {
            // A read-only mailbox refuses it; the retry still covers what follows.
            _ = try? run(IMAPCommand.uidAddFlags(set, ["\\Seen"]), selecting: true, idempotent: true)
        }
        // Through the multi handle, so that each NOOP runs on the connection the fetches will use (its
        // cache, not the easy handle's own); a new connection logs in and selects first. A failure shows
        // again in the fetch.
        var pending = Set(workers.map(ObjectIdentifier.init))
        multi.run(
            workers: workers,
            next: { worker in
                guard pending.remove(ObjectIdentifier(worker)) != nil else { return false }
                worker.set(CURLOPT_URL, mailboxURL)
                worker.set(CURLOPT_CUSTOMREQUEST, IMAPCommand.noop)
                return true
            },
            done: { _, _ in })
    }

    /// A fetch refused because an unsolicited FETCH (flag news) came first; see `prepareForParallelFetch`.
    static func isUnsolicitedFetch(_ outcome: CurlEasy.Outcome) -> Bool {
        outcome.code == 8 && outcome.errorText.contains("FETCH response")
    }

    /// Transfers on any of this mailbox's connections that libcurl refused as "Too large response headers".
    var headerBudgetFailures: Int {
        easy.headerBudgetFailures + (parallel?.workers.reduce(0) { $0 + $1.headerBudgetFailures } ?? 0)
    }

    /// The error for a failed URL fetch: code 78 is a changed UIDVALIDITY or a missing UID.
    func fetchError(_ outcome: CurlEasy.Outcome, uid: UID, uidValidity: UIDValidity) -> TransportError {
        if outcome.code == 78 {  // REMOTE_FILE_NOT_FOUND
            if outcome.errorText.uppercased().contains("UIDVALIDITY") {
                return .uidValidityChanged(mailbox: mailbox, expected: uidValidity)
            }
            return .messageNotFound(mailbox: mailbox, uid: uid)
        }
        return error(outcome, command: "UID FETCH \(uid) BODY[]")
    }

    private func parallelWorkers(_ count: Int) throws(TransportError) -> (CurlMulti, [CurlEasy]) {
        if let parallel, parallel.workers.count >= count {
            return (parallel.multi, Array(parallel.workers.prefix(count)))
        }
        let multi: CurlMulti
        if let existing = parallel?.multi { multi = existing } else { multi = try CurlMulti() }
        var workers = parallel?.workers ?? []
        while workers.count < count {
            let worker = try CurlEasy()
            worker.configureConnection(
                url: server, protocols: "imap,imaps", username: configuration.username,
                password: configuration.password, caFile: configuration.caFile,
                allowPlaintext: configuration.allowPlaintext, timeoutSeconds: configuration.timeoutSeconds,
                bearer: configuration.bearer)
            worker.set(CURLOPT_BUFFERSIZE, IMAPMailbox.fetchBufferSize)  // workers only fetch: see its comment
            workers.append(worker)
        }
        parallel = (multi, workers)
        return (multi, workers)
    }
}
