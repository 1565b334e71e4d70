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
        var queue = uids[...]
        var retried = Set<UID>()
        var running: [ObjectIdentifier: UID] = [:]
        var fatal: TransportError?
        multi.run(
            workers: workers,
            next: { worker in
                guard fatal == nil, let uid = queue.popFirst() else { return false }
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
                if TransportError.isRetryable(outcome.code), !retried.contains(uid) {
                    retried.insert(uid)  // the connection broke: once more, on a fresh one
                    queue.insert(uid, at: queue.startIndex)
                    return
                }
                let error = fetchError(outcome, uid: uid, uidValidity: uidValidity)
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
            worker.set(CURLOPT_BUFFERSIZE, IMAPMailbox.bufferSize)
            workers.append(worker)
        }
        parallel = (multi, workers)
        return (multi, workers)
    }
}
