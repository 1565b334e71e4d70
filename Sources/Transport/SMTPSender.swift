internal import CCurl
// SMTP's values (Envelope, Reply, RecipientStatus) are this sender's API: whoever sends with
// Transport gets them with it, as NIO re-exports NIOCore.
@_exported import SMTP

/// Sends batches of messages over one SMTP connection (RFC 5321), reusing one libcurl handle.
///
/// Synchronous: `send` blocks on network I/O (`curl_easy_perform`). Call it from a thread of your own and
/// from one thread at a time; the class is not `Sendable`. Each envelope is one transaction (MAIL, RCPT…,
/// DATA) on the same connection; after an error libcurl closes it and the next envelope reconnects.
public final class SMTPSender {
    public let configuration: SMTPConfiguration
    let easy: CurlEasy
    let server: ServerURL

    /// Checks the configuration and prepares the handle. Does not connect: the first `send` does.
    public init(_ configuration: SMTPConfiguration) throws(TransportError) {
        self.configuration = configuration
        server = try ServerURL(parsing: configuration.url, schemes: ["smtp", "smtps"])
        easy = try CurlEasy()
        easy.configureConnection(
            url: server, protocols: "smtp,smtps", username: configuration.username, password: configuration.password,
            caFile: configuration.caFile, allowPlaintext: configuration.allowPlaintext,
            timeoutSeconds: configuration.timeoutSeconds, bearer: configuration.bearer)
        // The EHLO name is the URL path for libcurl.
        easy.set(CURLOPT_URL, server.base + ServerURL.percentEncoded(heloName))
        easy.set(CURLOPT_UPLOAD, true)
        // One refused recipient must not fail the others (7.88 spelling ALLLOWFAILS; see shim.h).
        easy.set(ccurl_opt_mail_rcpt_allowfails(), true)
        easy.recordProtocol(true)  // per-recipient replies are only visible in the transcript
    }

    /// Connects, says EHLO, starts TLS and logs in (when configured), then hangs up without sending anything:
    /// what `learnmail check` needs. Uses a handle of its own, so the batch connection is not disturbed.
    public func verify() throws(TransportError) {
        let probe = try CurlEasy()
        probe.configureConnection(
            url: server, protocols: "smtp,smtps", username: configuration.username, password: configuration.password,
            caFile: configuration.caFile, allowPlaintext: configuration.allowPlaintext,
            timeoutSeconds: configuration.timeoutSeconds, bearer: configuration.bearer)
        probe.set(CURLOPT_URL, server.base + ServerURL.percentEncoded(heloName))
        probe.set(CURLOPT_CONNECT_ONLY, 1)  // the protocol's connect phase: greeting, EHLO, STARTTLS, AUTH
        let outcome = probe.perform()
        guard outcome.succeeded else {
            throw TransportError.from(
                outcome, service: "SMTP", server: server.server, settingsKey: configuration.usernameSettingsKey,
                command: "connect")
        }
    }

    /// The name sent in EHLO.
    var heloName: String { configuration.heloName ?? (server.path.isEmpty ? "localhost" : server.path) }

    /// Delivers every envelope, in order, over one connection; never throws: each result says what happened
    /// to each recipient. CURLOPT_CRLF stays off: the data is sent exactly as given (CRLF expected).
    /// With `hangUp: false` the connection stays open for the next call (more batches at once).
    /// `answered` hears each result as soon as the server has given it. When `stopAfter` says so of a
    /// result (the server asked us to slow down), the envelopes after it are not tried: each of their
    /// recipients is reported `.failed(.unanswered("not sent: …"))`.
    public func send(
        _ envelopes: [Envelope], hangUp: Bool = true, answered: (DeliveryResult) -> Void = { _ in },
        stopAfter: (DeliveryResult) -> Bool = { _ in false }
    ) -> [DeliveryResult] {
        defer { easy.set(CURLOPT_FORBID_REUSE, false) }
        var stopped: DeliveryResult?
        return envelopes.enumerated().map { index, envelope in
            if let stopped {
                let reason = "not sent: the server answered \(stopped.firstRefusal ?? "with a refusal") before it"
                let result = DeliveryResult(
                    envelopeIndex: index,
                    recipients: envelope.recipients.map {
                        RecipientResult(recipient: $0, status: .failed(.unanswered(reason)))
                    }, error: nil)
                answered(result)
                return result
            }
            // After the last message libcurl says QUIT and closes, instead of leaving an idle
            // connection for the server to time out.
            if hangUp && index == envelopes.count - 1 { easy.set(CURLOPT_FORBID_REUSE, true) }
            let result = deliver(envelope, index: index)
            if stopAfter(result) { stopped = result }
            answered(result)
            return result
        }
    }

    private func deliver(_ envelope: Envelope, index: Int) -> DeliveryResult {
        guard !envelope.recipients.isEmpty else {
            return DeliveryResult(
                envelopeIndex: index, recipients: [],
                error: .invalidConfiguration("envelope \(index) has no recipients"))
        }
        if let bad = ([envelope.from] + envelope.recipients).first(where: { SMTPSender.isUnsafeAddress($0) }) {
            let error = TransportError.invalidConfiguration("address \"\(bad)\" contains a line break or angle bracket")
            return DeliveryResult(
                envelopeIndex: index,
                recipients: envelope.recipients.map {
                    RecipientResult(recipient: $0, status: .failed(.unsendable(error.description)))
                }, error: error)
        }
        easy.set(CURLOPT_MAIL_FROM, "<\(envelope.from)>")
        easy.set(CURLOPT_MAIL_RCPT, list: envelope.recipients.map { "<\($0)>" })
        easy.setUpload(envelope.data)
        easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(envelope.data.count))
        var outcome = easy.perform()
        if !outcome.succeeded && TransportError.isRetryable(outcome.code)
            && SMTPDialogue(outcome.dialogue).mailReply == nil
        {
            // A reused connection the server had closed: nothing of this envelope was accepted, so send it
            // again once, on a fresh connection.
            outcome = easy.perform()
        }
        easy.setUpload([])
        let dialogue = SMTPDialogue(outcome.dialogue)
        var error: TransportError?
        if !outcome.succeeded {
            error = transactionError(outcome, dialogue: dialogue)
        }
        let statuses = dialogue.statuses(
            count: envelope.recipients.count, failure: outcome.succeeded ? nil : error?.description)
        let results = zip(envelope.recipients, statuses).map { RecipientResult(recipient: $0, status: $1) }
        return DeliveryResult(envelopeIndex: index, recipients: results, error: error)
    }

    /// Server refusals (libcurl reports them as SEND_ERROR) become `commandRejected` with the reply;
    /// everything else maps like IMAP errors.
    private func transactionError(_ outcome: CurlEasy.Outcome, dialogue: SMTPDialogue) -> TransportError {
        if outcome.code == 55 || outcome.code == 56 {
            if let reply = dialogue.finalReply, reply.code >= 400 {
                return .commandRejected(
                    service: "SMTP", server: server.server, command: "end of DATA", reply: reply.description
                )
            }
            if let reply = dialogue.dataReply, reply.code >= 400 {
                return .commandRejected(
                    service: "SMTP", server: server.server, command: "DATA", reply: reply.description)
            }
            if let reply = dialogue.mailReply, reply.code >= 400 {
                return .commandRejected(
                    service: "SMTP", server: server.server, command: "MAIL FROM", reply: reply.description)
            }
            if let reply = dialogue.recipientReplies.last, reply.code >= 400,
                dialogue.recipientReplies.allSatisfy({ $0.code >= 400 })
            {
                return .commandRejected(
                    service: "SMTP", server: server.server, command: "RCPT TO",
                    reply: "every recipient refused, last: \(reply)")
            }
        }
        return TransportError.from(
            outcome, service: "SMTP", server: server.server, settingsKey: configuration.usernameSettingsKey,
            command: "mail transaction")
    }

    static func isUnsafeAddress(_ address: String) -> Bool {
        address.contains { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" || $0 == "\0" }
    }
}
