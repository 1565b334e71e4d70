internal import CCurl
import Foundation
import IMAP

#if canImport(Glibc)
    import Glibc
#endif

/// IMAP IDLE (RFC 2177) on a connection of its own, so that the daemon hears of new mail within a
/// second instead of at the next poll. libcurl has no IDLE: the handle logs in with
/// `CURLOPT_CONNECT_ONLY` (TLS, STARTTLS and SASL stay libcurl's), then this class speaks the few
/// commands itself with `curl_easy_send`/`curl_easy_recv`: CAPABILITY, SELECT, IDLE, DONE.
///
/// `watch` blocks its thread in `poll(2)` on the socket and a wake-up pipe: no timer ticks while
/// the mailbox is quiet. IDLE is re-issued every `refreshSeconds` (servers drop an idle client
/// after 30 minutes, RFC 2177; 25 minutes by default). New mail (`* n EXISTS`) calls
/// `changed`; flag changes and expunges (the daemon's own MOVEs) do not.
public final class IMAPIdle: @unchecked Sendable {
    public enum Ending: Sendable, Equatable {
        /// `stop()` was called.
        case stopped
        /// The server does not offer IDLE: poll instead.
        case unsupported
    }

    public let configuration: IMAPConfiguration
    public let refreshSeconds: Int
    private let server: ServerURL
    private let mailbox: String
    /// [read, write]: a byte written by `stop()` ends the `poll(2)` at once.
    private var wakePipe: [Int32] = [-1, -1]
    private let lock = NSLock()
    private var stopRequested = false
    private var tag = 0

    public init(_ configuration: IMAPConfiguration, refreshSeconds: Int = 25 * 60) throws(TransportError) {
        self.configuration = configuration
        self.refreshSeconds = max(1, refreshSeconds)
        server = try ServerURL(parsing: configuration.url, schemes: ["imap", "imaps"])
        var path = Substring(server.path)
        while path.hasSuffix("/") { path = path.dropLast() }
        mailbox = path.isEmpty ? "INBOX" : String(path)
        guard pipe(&wakePipe) == 0 else {
            throw .protocolFailure(service: "IMAP", server: server.server, code: 0, detail: "cannot make a pipe")
        }
        _ = fcntl(wakePipe[0], F_SETFL, fcntl(wakePipe[0], F_GETFL) | O_NONBLOCK)
        _ = fcntl(wakePipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(wakePipe[1], F_SETFD, FD_CLOEXEC)
    }

    deinit {
        close(wakePipe[0])
        close(wakePipe[1])
    }

    /// Ends `watch` (from any thread): it closes the connection and returns `.stopped`.
    public func stop() {
        lock.withLock { stopRequested = true }
        var byte: UInt8 = 1
        _ = write(wakePipe[1], &byte, 1)
    }

    private var stopping: Bool { lock.withLock { stopRequested } }

    /// Logs in, selects the mailbox and idles until `stop()`, calling `changed` on new mail and
    /// `connected` once IDLE is running. Throws when the connection fails (the caller waits and calls
    /// again); returns `.unsupported` when the server lacks IDLE.
    public func watch(
        connected: () -> Void, changed: () -> Void, refreshed: () -> Void = {}
    ) throws(TransportError) -> Ending {
        let easy = try CurlEasy()
        easy.configureConnection(
            url: server, protocols: "imap,imaps", username: configuration.username,
            password: configuration.password, caFile: configuration.caFile,
            allowPlaintext: configuration.allowPlaintext, timeoutSeconds: configuration.timeoutSeconds,
            bearer: configuration.bearer)
        easy.set(CURLOPT_URL, server.base)
        easy.set(CURLOPT_CONNECT_ONLY, 1)
        let outcome = easy.perform()
        guard outcome.succeeded else {
            throw TransportError.from(
                outcome, service: "IMAP", server: server.server, settingsKey: configuration.usernameSettingsKey,
                command: "login")
        }
        var connection = Connection(easy: easy, wake: wakePipe[0], server: server.server)
        var reply = try command("CAPABILITY", on: &connection)
        let capabilities = reply.untagged.lazy.compactMap { Capabilities.parse(Array(($0 + "\r\n").utf8)) }.first
        guard capabilities?.contains("IDLE") == true else { return .unsupported }
        guard let select = IMAPCommand.quotedMailbox(ModifiedUTF7.encode(mailbox)) else {
            throw .invalidConfiguration("mailbox name \"\(mailbox)\" cannot be sent to the server")
        }
        reply = try command("SELECT " + select, on: &connection)
        guard reply.ok else {
            throw .mailboxNotFound(mailbox: mailbox, server: server.server, reply: reply.tagged)
        }
        var first = true
        while !stopping {
            let idleTag = nextTag()
            try connection.send(idleTag + " IDLE\r\n")
            // "+ idling"; anything untagged before it counts like any other notice.
            while true {
                guard let line = try connection.readLine(until: .distantFuture) else { return .stopped }
                if line.hasPrefix("+") { break }
                if line.hasPrefix(idleTag + " ") {
                    throw .commandRejected(service: "IMAP", server: server.server, command: "IDLE", reply: line)
                }
                if Self.announcesNewMail(line) { changed() }
            }
            if first {
                connected()
                first = false
            } else {
                refreshed()
            }
            let refreshAt = Date().addingTimeInterval(TimeInterval(refreshSeconds))
            while let line = try connection.readLine(until: refreshAt) {
                if line.uppercased().hasPrefix("* BYE") {
                    throw .connectionLost(service: "IMAP", server: server.server, detail: line)
                }
                if Self.announcesNewMail(line) { changed() }
            }
            // The refresh time came (or stop): end this IDLE and wait for its tagged answer.
            try connection.send("DONE\r\n")
            var answered = false
            while let line = try connection.readLine(until: Date().addingTimeInterval(30)) {
                if line.hasPrefix(idleTag + " ") {
                    answered = true
                    break
                }
                if Self.announcesNewMail(line) { changed() }
            }
            // No answer to DONE in 30 s: the connection is dead even if TCP has not noticed yet.
            if !answered && !stopping {
                throw .connectionLost(service: "IMAP", server: server.server, detail: "no answer to DONE within 30 s")
            }
        }
        _ = try? connection.send(nextTag() + " LOGOUT\r\n")
        return .stopped
    }

    /// `* 12 EXISTS`: mail arrived (RFC 3501 §7.3.1). RECENT comes with it, or alone when it falls to
    /// zero after an expunge, so it is not counted.
    static func announcesNewMail(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        guard words.count >= 3, words[0] == "*", UInt32(words[1]) != nil else { return false }
        return words[2].uppercased() == "EXISTS"
    }

    private func nextTag() -> String {
        tag += 1
        return "L\(tag)"
    }

    /// Sends a command and reads up to its tagged answer (30 s at most).
    private func command(_ text: String, on connection: inout Connection) throws(TransportError) -> Reply {
        let commandTag = nextTag()
        try connection.send(commandTag + " " + text + "\r\n")
        var reply = Reply()
        let deadline = Date().addingTimeInterval(TimeInterval(max(5, configuration.timeoutSeconds)))
        while true {
            guard let line = try connection.readLine(until: deadline) else {
                throw .connectionLost(
                    service: "IMAP", server: server.server, detail: "no answer to \(text.prefix(20)) in time")
            }
            if line.hasPrefix(commandTag + " ") {
                reply.tagged = String(line.dropFirst(commandTag.count + 1))
                return reply
            }
            reply.untagged.append(line)
        }
    }

    struct Reply {
        var untagged: [String] = []
        var tagged = ""
        var ok: Bool { tagged.uppercased().hasPrefix("OK") }
    }

    /// The logged-in socket: lines in, commands out, waiting in `poll(2)` between.
    struct Connection {
        let easy: CurlEasy
        let wake: Int32
        let server: String
        var buffer: [UInt8] = []
        var stopped = false

        init(easy: CurlEasy, wake: Int32, server: String) {
            self.easy = easy
            self.wake = wake
            self.server = server
        }

        var socket: Int32 {
            var value = -1
            _ = ccurl_getinfo_long(easy.handle, CURLINFO_LASTSOCKET, &value)
            return Int32(truncatingIfNeeded: value)
        }

        func send(_ text: String) throws(TransportError) {
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                var sent = 0
                let code = bytes[offset...].withUnsafeBytes {
                    curl_easy_send(easy.handle, $0.baseAddress, $0.count, &sent)
                }
                if code == CURLE_AGAIN {
                    var fds = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&fds, 1, 1000)
                    continue
                }
                guard code == CURLE_OK else {
                    throw .connectionLost(
                        service: "IMAP", server: server, detail: String(cString: curl_easy_strerror(code)))
                }
                offset += sent
            }
        }

        /// The next line without its CRLF; nil at `deadline` or when the wake-up pipe was written.
        mutating func readLine(until deadline: Date) throws(TransportError) -> String? {
            while true {
                if let end = lineEnd() {
                    let line = String(decoding: buffer[..<end], as: UTF8.self)
                    buffer.removeSubrange(...(end + 1))
                    return line
                }
                if stopped { return nil }
                // Drain what libcurl (and TLS) already holds before waiting on the socket.
                var chunk = [UInt8](repeating: 0, count: 16 * 1024)
                var received = 0
                let code = chunk.withUnsafeMutableBytes {
                    curl_easy_recv(easy.handle, $0.baseAddress, $0.count, &received)
                }
                if code == CURLE_OK {
                    guard received > 0 else {
                        throw .connectionLost(
                            service: "IMAP", server: server, detail: "the server closed the connection")
                    }
                    buffer += chunk[..<received]
                    continue
                }
                guard code == CURLE_AGAIN else {
                    throw .connectionLost(
                        service: "IMAP", server: server, detail: String(cString: curl_easy_strerror(code)))
                }
                let remaining = deadline.timeIntervalSinceNow
                guard remaining > 0 else { return nil }
                var fds = [
                    pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
                ]
                let milliseconds = Int32(min(remaining * 1000 + 1, Double(Int32.max)))
                let ready = poll(&fds, 2, milliseconds)
                if ready < 0 && errno != EINTR {
                    throw .connectionLost(service: "IMAP", server: server, detail: "poll failed: errno \(errno)")
                }
                if fds[1].revents != 0 {
                    stopped = true
                    return nil
                }
            }
        }

        private func lineEnd() -> Int? {
            guard buffer.count >= 2 else { return nil }
            for index in 0..<(buffer.count - 1) where buffer[index] == 13 && buffer[index + 1] == 10 { return index }
            return nil
        }
    }
}
