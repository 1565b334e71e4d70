internal import CCurl

/// Owns one libcurl easy handle and frees it in `deinit` (the swift-corelibs-foundation `EasyHandle` shape).
///
/// `perform()` blocks the calling thread until the transfer ends; callbacks run synchronously on that
/// thread. Use one instance from one thread at a time (it is deliberately not `Sendable`), and keep it off
/// Swift's cooperative pool: run it on a thread of your own. Reusing the instance reuses the connection
/// (login, SELECT, EHLO persist); after any error libcurl closes it and the next `perform()` reconnects.
final class CurlEasy {
    /// What one transfer produced.
    struct Outcome {
        var code: Int
        /// Bytes from the write callback: message data, or untagged IMAP responses of a custom request.
        var body: [UInt8]
        /// Every protocol line from the header callback (IMAP tagged replies, SMTP replies).
        var headers: [UInt8]
        /// Lines sent (`true`) and received (`false`), when `recordsProtocol` is on.
        var dialogue: [(sent: Bool, line: [UInt8])]
        /// libcurl's own explanation for the failure (CURLOPT_ERRORBUFFER), else its generic text.
        var errorText: String
        /// With a bearer token: why signing in failed (no token to be had, or the server refused a
        /// fresh one), for `TransportError.signInFailed`. Never holds the token.
        var signInProblem: String? = nil
        var succeeded: Bool { code == 0 }
    }

    /// Receives callback data; passed to libcurl as an unretained pointer, kept alive by `CurlEasy`.
    final class Sink {
        var body: [UInt8] = []
        var headers: [UInt8] = []
        var dialogue: [(sent: Bool, line: [UInt8])] = []
        var upload: [UInt8] = []
        var uploadOffset = 0
    }

    /// The raw `CURL *`, for `CurlMulti` only; never leaves this module. Replaced by a duplicate
    /// (same options, new connection) when `renewAfterProtocolBytes` is reached; see `beginTransfer`.
    private(set) var handle: UnsafeMutableRawPointer
    /// Protocol lines received through this handle since it was made.
    private var protocolBytes = 0
    /// libcurl 7.88 as Debian ships it (with the CVE-2023-38039 fix) counts the response lines of
    /// every transfer on a reused IMAP/SMTP handle together and fails past 300 KiB ("Too large response
    /// headers"): a daemon would stop after a few thousand commands, and one MOVE of 500 messages
    /// answers with ~75 KiB. So a handle is renewed well before: `curl_easy_duphandle` keeps every
    /// option, and the new connection logs in again.
    static let renewAfterProtocolBytes = 160 * 1024
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let sink = Sink()
    private var lists: [OpaquePointer] = []
    /// Where the OAuth 2.0 access token comes from; nil for password logins. Asked before every
    /// transfer, so a renewed token is used from the next connection on.
    var bearer: BearerCredential?
    /// The token set on the handle now, and why none could be had.
    private var appliedBearer: String?
    private var bearerProblem: String?

    /// Fails only when libcurl cannot be initialised or allocate a handle.
    init() throws(TransportError) {
        guard CurlEasy.globalInit == 0 else {
            throw .protocolFailure(
                service: "curl", server: "-", code: CurlEasy.globalInit, detail: "curl_global_init failed")
        }
        guard let handle = curl_easy_init() else {
            throw .protocolFailure(service: "curl", server: "-", code: 0, detail: "curl_easy_init returned NULL")
        }
        self.handle = handle
        let size = Int(ccurl_error_size())
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)  // threads: no SIGALRM for timeouts
        _ = ccurl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, CurlEasy.writeBody)
        _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
        _ = ccurl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, CurlEasy.writeHeader)
        _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
        _ = ccurl_setopt_read_callback(handle, CurlEasy.readUpload)
        _ = ccurl_setopt_pointer(handle, CURLOPT_READDATA, context)
        _ = ccurl_setopt_debug_callback(handle, CurlEasy.debug)
        _ = ccurl_setopt_pointer(handle, CURLOPT_DEBUGDATA, context)
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(UnsafeMutablePointer(list)) }
        errorBuffer.deallocate()
    }

    /// `curl_global_init` exactly once per process; a Swift `static let` is initialised lazily and thread-safely.
    private static let globalInit: Int = Int(ccurl_global_init_all().rawValue)

    // MARK: options

    func set(_ option: CURLoption, _ value: Int) {
        _ = ccurl_setopt_long(handle, option, value)
    }

    func set(_ option: CURLoption, _ value: Bool) {
        _ = ccurl_setopt_long(handle, option, value ? 1 : 0)
    }

    /// Sets a string option; nil resets it to the default. libcurl copies the string.
    func set(_ option: CURLoption, _ value: String?) {
        if let value {
            _ = value.withCString { ccurl_setopt_string(handle, option, $0) }
        } else {
            _ = ccurl_setopt_string(handle, option, nil)
        }
    }

    func set(_ option: CURLoption, offset value: Int64) {
        _ = ccurl_setopt_offset(handle, option, curl_off_t(value))
    }

    /// Sets a string-list option. libcurl does not copy lists: the old ones are kept until `deinit`
    /// or the next call, when the handle no longer points at them.
    func set(_ option: CURLoption, list values: [String]) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values { list = curl_slist_append(list, value) }
        _ = ccurl_setopt_slist(handle, option, list)
        for old in lists { curl_slist_free_all(UnsafeMutablePointer(old)) }
        lists = list.map { [OpaquePointer($0)] } ?? []
    }

    /// Turns the debug callback on, filling `Outcome.dialogue` (needed for SMTP per-recipient replies).
    func recordProtocol(_ on: Bool) {
        set(CURLOPT_VERBOSE, on)
    }

    func setUpload(_ data: [UInt8]) {
        sink.upload = data
        sink.uploadOffset = 0
    }

    // MARK: perform

    /// Runs one transfer. Blocks until it ends, the server answers, or a timeout fires.
    func perform() -> Outcome {
        beginTransfer()
        if let bearerProblem { return signInFailure(bearerProblem) }
        var outcome = finishTransfer(curl_easy_perform(handle))
        if let bearer, let used = appliedBearer, isLoginRefusal(outcome) {
            // The server refused the token (expired early, revoked, or the clock is off): renew it
            // once and log in again; a fresh token refused too is the answer.
            bearer.source.bearerRefused(used)
            beginTransfer()
            if let bearerProblem { return signInFailure(bearerProblem) }
            outcome = finishTransfer(curl_easy_perform(handle))
            if isLoginRefusal(outcome) {
                let challenge = BearerChallenge.find(in: outcome.headers)
                outcome.signInProblem =
                    (challenge?.explanation ?? "the server refused a freshly renewed access token")
                    + " — check that the signed-in account may use this mailbox (\(bearer.settingsKey))"
            }
        }
        guard !outcome.succeeded, outcome.errorText.hasPrefix("Too large response headers") else { return outcome }
        // The server answered, libcurl's running count refused it: once more on a renewed handle.
        // Seen with IMAP (a UID MOVE answered in 7.5 KB was refused at "307322 > 307200"), whose
        // UID commands and URL fetches are idempotent; SMTP replies are tiny, and the renewal in
        // `beginTransfer` keeps its count far below the limit.
        renew()
        beginTransfer()
        return finishTransfer(curl_easy_perform(handle))
    }

    /// A duplicate of the handle with every option, and no connection or counters.
    private func renew() {
        guard let fresh = curl_easy_duphandle(handle) else { return }
        curl_easy_cleanup(handle)
        handle = fresh
        protocolBytes = 0
    }

    /// Clears what the previous transfer left; `perform()` and `CurlMulti` call it before each transfer.
    func beginTransfer() {
        if protocolBytes > Self.renewAfterProtocolBytes { renew() }
        applyBearer()
        sink.body.removeAll(keepingCapacity: true)
        sink.headers.removeAll(keepingCapacity: true)
        sink.dialogue.removeAll(keepingCapacity: true)
        sink.uploadOffset = 0
        errorBuffer[0] = 0
    }

    /// Sets the current access token on the handle (libcurl copies it). A changed token means a new
    /// connection: libcurl does not reuse a connection logged in with another bearer token.
    private func applyBearer() {
        guard let bearer else { return }
        do {
            let token = try bearer.source.bearerToken()
            bearerProblem = nil
            if token != appliedBearer {
                set(CURLOPT_XOAUTH2_BEARER, token)
                appliedBearer = token
            }
        } catch {
            bearerProblem = "\(error)"
        }
    }

    /// LOGIN_DENIED, but not libcurl 7.88's "Select failed" (a refused SELECT reported with the same code).
    private func isLoginRefusal(_ outcome: Outcome) -> Bool {
        outcome.code == Int(CURLE_LOGIN_DENIED.rawValue) && !outcome.errorText.contains("Select failed")
    }

    private func signInFailure(_ problem: String) -> Outcome {
        Outcome(
            code: Int(CURLE_LOGIN_DENIED.rawValue), body: [], headers: [], dialogue: [], errorText: problem,
            signInProblem: problem)
    }

    /// Collects the transfer's result once libcurl reports `code` for it.
    func finishTransfer(_ code: CURLcode) -> Outcome {
        var text = String(cString: errorBuffer)
        if text.isEmpty, code != CURLE_OK { text = String(cString: curl_easy_strerror(code)) }
        protocolBytes += sink.headers.count
        let outcome = Outcome(
            code: Int(code.rawValue), body: sink.body, headers: sink.headers, dialogue: sink.dialogue,
            errorText: text)
        sink.body = []
        return outcome
    }

    /// The generic text of a CURLcode, for codes seen outside `perform()`.
    static func describe(_ code: Int) -> String {
        String(cString: curl_easy_strerror(CURLcode(UInt32(code))))
    }

    // MARK: callbacks (non-capturing, C calling convention)

    private static let writeBody: curl_write_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    private static let writeHeader: curl_write_callback = { data, size, count, context in
        let length = size * count
        guard let data, let context else { return length }
        let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            sink.headers.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    private static let readUpload: curl_read_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
        let length = min(size * count, sink.upload.count - sink.uploadOffset)
        guard length > 0 else { return 0 }
        sink.upload.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(
                from: source.baseAddress! + sink.uploadOffset, byteCount: length)
        }
        sink.uploadOffset += length
        return length
    }

    /// `AUTH …` (SMTP), `A001 AUTHENTICATE …`/`LOGIN …` (IMAP), and the base64 lines that follow an
    /// AUTH challenge: anything sent that is not an ordinary command.
    static func isCredentialLine(_ line: [UInt8]) -> Bool {
        let text = String(decoding: line.prefix(64), as: UTF8.self).uppercased()
        let words = text.split(separator: " ")
        if let first = words.first, first == "AUTH" || first == "LOGIN" { return true }
        if words.count > 1, words[1] == "AUTHENTICATE" || words[1] == "LOGIN" { return true }
        let known = ["EHLO", "HELO", "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP", "STARTTLS", "VRFY"]
        if let first = words.first, known.contains(String(first)) { return false }
        // A line of base64 alone (a SASL response) or an IMAP command: keep IMAP commands (tag + verb).
        return words.count == 1 && text.count > 16
    }

    private static let debug: curl_debug_callback = { _, kind, data, size, context in
        guard let data, let context, kind == CURLINFO_HEADER_IN || kind == CURLINFO_HEADER_OUT else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
        var line = data.withMemoryRebound(to: UInt8.self, capacity: size) {
            Array(UnsafeBufferPointer(start: $0, count: size))
        }
        // What a client sends to log in carries the password or the bearer token: never keep it.
        if kind == CURLINFO_HEADER_OUT, CurlEasy.isCredentialLine(line) {
            line = Array("AUTH (credentials not kept)\r\n".utf8)
        }
        sink.dialogue.append((sent: kind == CURLINFO_HEADER_OUT, line: line))
        return 0
    }
}
