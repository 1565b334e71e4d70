import IMAP

/// Everything that can go wrong talking to a mail server or a mail folder, phrased so that an
/// administrator knows what happened and what to do. `service` is "IMAP" or "SMTP", `server` is
/// `host:port` as configured.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The configuration cannot work as written (bad URL, missing mailbox, ...).
    case invalidConfiguration(String)
    /// The server could not be resolved, connected to, or did not answer in time.
    case unreachable(service: String, server: String, detail: String)
    /// TLS could not be set up or the certificate did not verify.
    case tlsFailed(service: String, server: String, detail: String)
    /// `allowPlaintext` is false and the server does not offer STARTTLS.
    case tlsRequired(service: String, server: String)
    /// The server refused the username/password. `settingsKey` names the config key to check.
    case loginRejected(service: String, server: String, settingsKey: String)
    /// Signing in with OAuth 2.0 failed: no access token could be had (`detail` says why and what to
    /// do, e.g. "run learnmail auth login"), or the server refused a freshly renewed one.
    case signInFailed(service: String, server: String, detail: String)
    /// The mailbox's UIDVALIDITY is no longer the one the UID was taken under (RFC 3501 §2.3.1.1).
    case uidValidityChanged(mailbox: String, expected: UIDValidity)
    /// The mailbox in the URL cannot be selected (it does not exist, or the user may not open it).
    case mailboxNotFound(mailbox: String, server: String, reply: String)
    /// No message with this UID (already moved or expunged).
    case messageNotFound(mailbox: String, uid: UID)
    /// The server answered NO/BAD (IMAP) or an error reply (SMTP) to a command.
    case commandRejected(service: String, server: String, command: String, reply: String)
    /// The connection broke in the middle of a command.
    case connectionLost(service: String, server: String, detail: String)
    /// Any other libcurl failure, with its code and text.
    case protocolFailure(service: String, server: String, code: Int, detail: String)
    /// A file-system operation on a Maildir or outbox failed.
    case fileSystem(path: String, operation: String, detail: String)

    /// True when the server could not be reached at all (resolve, connect, timeout): the CLI exits with 3.
    public var isUnreachable: Bool {
        if case .unreachable = self { return true }
        return false
    }

    /// True when OAuth 2.0 sign-in failed (no token to be had, or a fresh one refused): nothing can be
    /// sent or read until an administrator acts, so queued mail waits untouched.
    public var isSignInFailure: Bool {
        if case .signInFailed = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .invalidConfiguration(let text):
            return "invalid transport configuration: \(text)"
        case .unreachable(let service, let server, let detail):
            let key = service == "IMAP" ? "mailbox.imap" : "sender.smtp"
            return "\(service) server \(server) cannot be reached: \(detail) — check the host and port in \(key), "
                + "that the server is running, and the network or firewall"
        case .tlsFailed(let service, let server, let detail):
            return "\(service) TLS to \(server) failed: \(detail) — check the server certificate, or set caFile "
                + "to the CA that signed it"
        case .tlsRequired(let service, let server):
            return "\(service) server \(server) does not offer STARTTLS and plaintext is not allowed — use "
                + "\(service == "IMAP" ? "imaps://" : "smtps://") or set allowPlaintext to true (loopback only)"
        case .loginRejected(let service, let server, let key):
            return "\(service) login to \(server) failed: authentication rejected — check \(key) and the password"
        case .signInFailed(let service, let server, let detail):
            return "\(service) login to \(server) with OAuth 2.0 failed: \(detail)"
        case .uidValidityChanged(let mailbox, let expected):
            return "IMAP mailbox \(mailbox) has a new UIDVALIDITY (expected \(expected)): its UIDs were reset, "
                + "poll again to start from the new numbering"
        case .mailboxNotFound(let mailbox, let server, let reply):
            return "IMAP mailbox \"\(mailbox)\" on \(server) cannot be opened: \(reply) — check the mailbox name at "
                + "the end of the mailbox.imap URL (for example imaps://host/INBOX)"
        case .messageNotFound(let mailbox, let uid):
            return "IMAP message UID \(uid) is not in \(mailbox) (moved or deleted meanwhile)"
        case .commandRejected(let service, let server, let command, let reply):
            return "\(service) server \(server) rejected \"\(command)\": \(reply)"
        case .connectionLost(let service, let server, let detail):
            return "\(service) connection to \(server) was lost: \(detail) — it is retried on the next attempt"
        case .protocolFailure(let service, let server, let code, let detail):
            return "\(service) with \(server) failed (curl error \(code)): \(detail)"
        case .fileSystem(let path, let operation, let detail):
            return "cannot \(operation) \(path): \(detail)"
        }
    }
}
