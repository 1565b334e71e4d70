internal import CCurl

/// Owns a libcurl multi handle: several `CurlEasy` transfers at once on one thread, each on its own
/// connection, with finished connections kept in the multi's cache for the next transfers.
///
/// Used to hide round-trip latency (one IMAP fetch per round trip otherwise). Like `CurlEasy`, it blocks
/// the calling thread and must be used from one thread at a time.
final class CurlMulti {
    private let multi: UnsafeMutableRawPointer

    init() throws(TransportError) {
        _ = try CurlEasy()  // makes sure curl_global_init ran
        guard let multi = curl_multi_init() else {
            throw .protocolFailure(service: "curl", server: "-", code: 0, detail: "curl_multi_init returned NULL")
        }
        self.multi = multi
    }

    deinit {
        curl_multi_cleanup(multi)
    }

    /// Runs transfers until `next` has nothing more and all started ones finished. `next(worker)` prepares
    /// an idle worker (URL and options) and returns false when there is no work left for it; `done` receives
    /// each finished transfer with the worker that ran it, and may give `next` more work (a retry): `next`
    /// is asked again after every finished transfer. At most `workers.count` transfers run at once.
    func run(
        workers: [CurlEasy], next: (CurlEasy) -> Bool, done: (CurlEasy, CurlEasy.Outcome) -> Void
    ) {
        var idle = workers
        var active: [UnsafeMutableRawPointer: CurlEasy] = [:]
        var exhausted = false
        while true {
            while !exhausted, let worker = idle.last {
                guard next(worker) else {
                    exhausted = true
                    break
                }
                idle.removeLast()
                worker.beginTransfer()
                curl_multi_add_handle(multi, worker.handle)
                active[worker.handle] = worker
            }
            if active.isEmpty { return }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var left: Int32 = 0
            var freed = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
                    let worker = active.removeValue(forKey: handle)
                else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, handle)
                done(worker, worker.finishTransfer(code))
                idle.append(worker)
                freed += 1
            }
            // `done` may have put work back (a retry on a fresh connection): ask `next` again.
            if freed > 0 { exhausted = false }
            // A freed worker with work waiting starts at once; otherwise wait for the sockets.
            if running > 0 && (freed == 0 || exhausted) {
                curl_multi_poll(multi, nil, 0, 1000, nil)  // sleeps until a socket is ready (no busy loop)
            }
        }
    }
}
