internal import CCurl
import IMAP

/// One IMAP mailbox on one reused libcurl connection (RFC 3501; MOVE RFC 6851; UIDPLUS RFC 4315).
///
/// Synchronous: every method blocks on network I/O (`curl_easy_perform`). Call it from a thread of your
/// own (not from Swift's cooperative pool) and from one thread at a time; the class is not `Sendable`.
/// Login and the selected mailbox persist between calls. After any error libcurl closes the connection;
/// the next call logs in and selects again, so an error never leaves the object unusable.
///
/// A poll is: `status()` (NOOP, then STATUS), compare UIDVALIDITY with what was stored, `uids(from:)`,
/// then `fetch` and `markHandled` per UID. Bodies are fetched with `BODY[]` (not PEEK), so they become
/// \Seen: track UIDs, never \Seen, to find new mail.
public final class IMAPMailbox {
    public let configuration: IMAPConfiguration
    /// The mailbox name (from the URL path, percent-decoded; `INBOX` when the path is empty).
    public let mailbox: String

    let easy: CurlEasy
    let server: ServerURL
    /// `imap[s]://host:port/MAILBOX` with the name in modified UTF-7, percent-encoded.
    let mailboxURL: String
    var cachedCapabilities: Capabilities?
    /// The resolved processed folder once it is known to exist.
    var processedFolderName: String?
    var lastStatus: MailboxStatus?
    /// Extra connections for `fetch(_:uidValidity:connections:each:)`, kept for the next polls.
    var parallel: (multi: CurlMulti, workers: [CurlEasy])?

    /// A bounded SEARCH range keeps each reply below CURLOPT_BUFFERSIZE even when every UID in it exists:
    /// 40 000 UIDs × at most 11 bytes ("4294967295 ") = 440 000 bytes < 512 KiB. libcurl would truncate a
    /// longer line silently.
    static let searchChunk: UInt32 = 40_000
    /// libcurl truncates longer protocol lines silently; 512 KiB is the largest buffer 7.88 accepts.
    static let bufferSize = 512 * 1024
    static let doneKeyword = "$LearnmailDone"

    /// Checks the configuration and prepares the handle. Does not connect: the first call does.
    public init(_ configuration: IMAPConfiguration) throws(TransportError) {
        self.configuration = configuration
        server = try ServerURL(parsing: configuration.url, schemes: ["imap", "imaps"])
        var path = Substring(server.path)
        while path.hasSuffix("/") { path = path.dropLast() }  // "imaps://host/INBOX/" means INBOX
        mailbox = path.isEmpty ? "INBOX" : String(path)
        mailboxURL = server.base + ServerURL.percentEncoded(ModifiedUTF7.encode(mailbox))
        easy = try CurlEasy()
        easy.configureConnection(
            url: server, protocols: "imap,imaps", username: configuration.username,
            password: configuration.password, caFile: configuration.caFile,
            allowPlaintext: configuration.allowPlaintext, timeoutSeconds: configuration.timeoutSeconds,
            bearer: configuration.bearer)
        easy.set(CURLOPT_BUFFERSIZE, max(IMAPMailbox.bufferSize, Int(ccurl_max_read_size())))
    }

    // MARK: poll

    /// `NOOP` on the selected mailbox, so that a long-lived session sees new mail (Courier shows it only then).
    public func noop() throws(TransportError) {
        _ = try run(IMAPCommand.noop, selecting: true, idempotent: true)
    }

    /// NOOP, then `STATUS mailbox (UIDVALIDITY UIDNEXT MESSAGES)` (RFC 3501 §6.3.10) sent without a mailbox
    /// in the URL, so libcurl does not treat it as a SELECT.
    public func status() throws(TransportError) -> MailboxStatus {
        try noop()
        guard let command = IMAPCommand.status(mailbox) else {
            throw .invalidConfiguration("mailbox name \"\(mailbox)\" cannot be sent to the server")
        }
        let outcome = try run(command, selecting: false, idempotent: true)
        guard let response = StatusResponse.parse(outcome.body, mailbox: ModifiedUTF7.encode(mailbox)),
            let status = MailboxStatus(response)
        else {
            throw .protocolFailure(
                service: "IMAP", server: server.server, code: 0,
                detail:
                    "no usable STATUS reply for \(mailbox): \(String(decoding: outcome.body.prefix(200), as: UTF8.self))"
            )
        }
        lastStatus = status
        return status
    }

    /// The UIDs from `from` upwards that exist now, ascending. Searches bounded ranges up to the UIDNEXT of
    /// the last `status()` (calling it if needed), then one open range `n:*` for mail that arrived since;
    /// results are filtered because `n:*` also returns the highest UID when it is below n (RFC 3501 §6.4.8).
    public func uids(from: UID) throws(TransportError) -> [UID] {
        let status: MailboxStatus
        if let lastStatus { status = lastStatus } else { status = try self.status() }
        var found: [UID] = []
        var low = max(from, UID.min)
        while status.uidNext.value > low.value, status.uidNext.value - low.value > IMAPMailbox.searchChunk {
            let high = UID(low.value + IMAPMailbox.searchChunk - 1)
            found += try search(low, high)
            guard let next = high.successor else { return found }
            low = next
        }
        found += try search(low, nil)
        return found
    }

    private func search(_ low: UID, _ high: UID?) throws(TransportError) -> [UID] {
        let command = IMAPCommand.uidSearch(from: low, through: high)
        let outcome = try run(command, selecting: true, idempotent: true)
        guard let response = SearchResponse.parse(outcome.body) else {
            throw .protocolFailure(
                service: "IMAP", server: server.server, code: 0, detail: "no SEARCH reply to \(command)")
        }
        return response.uids(in: low...(high ?? UID.max))
    }

    /// The message's exact bytes, via the URL form `MAILBOX;UIDVALIDITY=v/;UID=n` (RFC 5092), which checks
    /// UIDVALIDITY before fetching. (A custom `UID FETCH` cannot be used: libcurl 7.88 does not read
    /// literals of custom requests.) The fetch sets \Seen.
    public func fetch(_ uid: UID, uidValidity: UIDValidity) throws(TransportError) -> [UInt8] {
        easy.set(CURLOPT_CUSTOMREQUEST, nil as String?)
        easy.set(CURLOPT_URL, "\(mailboxURL);UIDVALIDITY=\(uidValidity)/;UID=\(uid)")
        var outcome = easy.perform()
        if !outcome.succeeded && TransportError.isRetryable(outcome.code) { outcome = easy.perform() }
        guard outcome.succeeded else {
            if outcome.code == 78 { lastStatus = nil }
            throw fetchError(outcome, uid: uid, uidValidity: uidValidity)
        }
        return outcome.body
    }

    // MARK: commands

    /// The server's capabilities after login (asked once per object).
    public func capabilities() throws(TransportError) -> Capabilities {
        if let cachedCapabilities { return cachedCapabilities }
        let outcome = try run(IMAPCommand.capability, selecting: false, idempotent: true)
        let capabilities = Capabilities.parse(outcome.body) ?? Capabilities.parse(outcome.headers) ?? Capabilities([])
        cachedCapabilities = capabilities
        return capabilities
    }

    /// Sends one literal-free command as a custom request. With `selecting`, the URL names the mailbox and
    /// libcurl SELECTs it first (once per connection). Untagged replies come back in `body`.
    @discardableResult
    func run(_ command: String, selecting: Bool, idempotent: Bool) throws(TransportError) -> CurlEasy.Outcome {
        easy.set(CURLOPT_URL, selecting ? mailboxURL : server.base)
        easy.set(CURLOPT_CUSTOMREQUEST, command)
        var outcome = easy.perform()
        if !outcome.succeeded && idempotent && TransportError.isRetryable(outcome.code) {
            outcome = easy.perform()  // the connection was closed under us; libcurl reconnects
        }
        guard outcome.succeeded else {
            if outcome.code != 21 { lastStatus = nil }
            throw error(outcome, command: command)
        }
        return outcome
    }

    func error(_ outcome: CurlEasy.Outcome, command: String) -> TransportError {
        // libcurl 7.88 reports a refused SELECT as LOGIN_DENIED (67) with "Select failed".
        if outcome.code == 67, outcome.errorText.contains("Select failed") {
            return .mailboxNotFound(
                mailbox: mailbox, server: server.server,
                reply: TransportError.lastTaggedReply(outcome.headers) ?? outcome.errorText)
        }
        return TransportError.from(
            outcome, service: "IMAP", server: server.server, settingsKey: configuration.usernameSettingsKey,
            command: command)
    }
}
