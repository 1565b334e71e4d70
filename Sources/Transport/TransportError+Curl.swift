internal import CCurl

extension TransportError {
    /// Maps a failed transfer to an error an administrator can act on. `command` names what was being done.
    static func from(
        _ outcome: CurlEasy.Outcome, service: String, server: String, settingsKey: String, command: String
    ) -> TransportError {
        let detail = outcome.errorText
        if let problem = outcome.signInProblem {
            return .signInFailed(service: service, server: server, detail: problem)
        }
        switch outcome.code {
        case 5, 6, 7, 28:  // COULDNT_RESOLVE_PROXY/HOST, COULDNT_CONNECT, OPERATION_TIMEDOUT
            return .unreachable(service: service, server: server, detail: detail)
        case 67:  // LOGIN_DENIED
            return .loginRejected(service: service, server: server, settingsKey: settingsKey)
        case 35, 53, 54, 58, 59, 60, 66, 77, 80, 82, 83, 90, 91, 98:  // SSL_* and PEER_FAILED_VERIFICATION
            return .tlsFailed(service: service, server: server, detail: detail)
        case 64:  // USE_SSL_FAILED: STARTTLS required but not offered
            return .tlsRequired(service: service, server: server)
        case 21:  // QUOTE_ERROR: a custom command answered NO or BAD
            let reply = lastTaggedReply(outcome.headers) ?? detail
            return .commandRejected(service: service, server: server, command: command, reply: reply)
        case 52, 55, 56:  // GOT_NOTHING, SEND_ERROR, RECV_ERROR
            return .connectionLost(service: service, server: server, detail: detail)
        case 1, 3:  // UNSUPPORTED_PROTOCOL, URL_MALFORMAT
            return .invalidConfiguration("\(service) URL for \(server) was refused by libcurl: \(detail)")
        default:
            return .protocolFailure(service: service, server: server, code: outcome.code, detail: detail)
        }
    }

    /// The last tagged NO or BAD line of an IMAP reply (else the last tagged line), without its tag:
    /// for example `NO [TRYCREATE] Mailbox doesn't exist: Processed`. A LOGOUT that libcurl sends while
    /// closing the connection after the failure must not hide the refusal.
    static func lastTaggedReply(_ headers: [UInt8]) -> String? {
        let text = String(decoding: headers, as: UTF8.self)
        let tagged = text.split(whereSeparator: \.isNewline)  // "\r\n" is one Character
            .filter { !$0.hasPrefix("*") && !$0.hasPrefix("+") }
            .map { line -> Substring in
                let words = line.split(separator: " ", maxSplits: 1)
                return words.count == 2 ? words[1] : line
            }
        let refusal = tagged.last { $0.uppercased().hasPrefix("NO") || $0.uppercased().hasPrefix("BAD") }
        return (refusal ?? tagged.last).map(String.init)
    }

    /// True for failures where the connection broke and an idempotent command may simply be sent again.
    static func isRetryable(_ code: Int) -> Bool {
        code == 52 || code == 55 || code == 56
    }
}

extension CurlEasy {
    /// TLS, credentials and timeouts shared by IMAP and SMTP.
    /// TLS is verified by default; `imap://`/`smtp://` require STARTTLS unless plaintext is explicitly allowed.
    func configureConnection(
        url: ServerURL, protocols: String, username: String?, password: String?, caFile: String?,
        allowPlaintext: Bool, timeoutSeconds: Int, bearer: BearerCredential? = nil
    ) {
        set(CURLOPT_PROTOCOLS_STR, protocols)
        set(CURLOPT_USERNAME, username)
        // With a bearer token there is no password: libcurl then offers XOAUTH2 or OAUTHBEARER.
        set(CURLOPT_PASSWORD, bearer == nil ? password : nil)
        self.bearer = bearer
        set(CURLOPT_SSL_VERIFYPEER, true)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile { set(CURLOPT_CAINFO, caFile) }
        if !url.isImplicitTLS {
            let mode = allowPlaintext ? CURLUSESSL_NONE : CURLUSESSL_ALL
            set(CURLOPT_USE_SSL, Int(mode.rawValue))
        }
        let timeout = max(1, timeoutSeconds)
        set(CURLOPT_CONNECTTIMEOUT, timeout)
        // A stalled server (less than 1 byte/s for `timeout` seconds) ends the transfer with error 28.
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, timeout)
        set(CURLOPT_TCP_KEEPALIVE, true)
    }
}
