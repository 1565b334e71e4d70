import Foundation

/// The private Dovecot and Postfix (and Cyrus, Courier, the OAuth and throttling servers) that
/// `scripts/test-servers start DIR` starts; their ports and files come from the environment it writes
/// to `DIR/env` (LEARNMAIL_TEST_*). One reader for every test target, Foundation only.
///
/// Integration suites run when `LEARNMAIL_TEST_IMAP_PORT` is set and are skipped otherwise (a clone
/// without servers); under CI (`CI` set) they run anyway and fail loudly when the servers are
/// missing, instead of skipping silently.
public struct TestServers: Sendable {
    public static var environment: [String: String] { ProcessInfo.processInfo.environment }
    /// The servers' environment is set (`source DIR/env`).
    public static var isConfigured: Bool { environment["LEARNMAIL_TEST_IMAP_PORT"] != nil }
    /// The same as `isConfigured`, under the name the CLI suites use.
    public static var available: Bool { isConfigured }
    /// Under CI, suites must run (and fail without servers) rather than skip.
    public static var required: Bool { environment["CI"] != nil }
    /// For `.enabled(if:)`: servers configured, or CI.
    public static var shouldRun: Bool { isConfigured || required }

    /// The environment read at `init`, for the variables a suite reads itself
    /// (`LEARNMAIL_TEST_THROTTLED_SMTP_PORT`, the OAuth ports).
    public let environment: [String: String]
    public let host: String
    public let imapPort: Int
    public let imapsPort: Int
    public let smtpPort: Int
    public let smtpsPort: Int
    /// The servers' CA certificate: `LEARNMAIL_TEST_CA_FILE`, else `LEARNMAIL_TEST_DIR/cert.pem`.
    public let caFile: String?
    public let password: String
    /// Where Dovecot keeps each user's Maildir.
    public let mailDirectory: String
    public let domain: String

    /// The servers as the environment names them, with scripts/test-servers' default ports for
    /// what it leaves out. Does not check that they run: see `require()` and `requireRunning()`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let env = environment
        let dir = env["LEARNMAIL_TEST_DIR"]
        self.environment = env
        host = env["LEARNMAIL_TEST_HOST"] ?? "127.0.0.1"
        imapPort = env["LEARNMAIL_TEST_IMAP_PORT"].flatMap(Int.init) ?? 10143
        imapsPort = env["LEARNMAIL_TEST_IMAPS_PORT"].flatMap(Int.init) ?? 10993
        smtpPort = env["LEARNMAIL_TEST_SMTP_PORT"].flatMap(Int.init) ?? 10025
        smtpsPort = env["LEARNMAIL_TEST_SMTPS_PORT"].flatMap(Int.init) ?? 10465
        caFile = env["LEARNMAIL_TEST_CA_FILE"] ?? dir.map { $0 + "/cert.pem" }
        password = env["LEARNMAIL_TEST_PASSWORD"] ?? "secret"
        mailDirectory = env["LEARNMAIL_TEST_MAIL_DIR"] ?? (dir ?? "") + "/mail"
        domain = env["LEARNMAIL_TEST_DOMAIN"] ?? "example.test"
    }

    /// Thrown under CI when the servers' environment is missing.
    public struct Missing: Error, CustomStringConvertible {
        public init() {}
        public var description: String {
            "CI is set but the test servers are not: run `scripts/test-servers start DIR` and `source DIR/env`"
        }
    }

    /// The servers, or `Missing` when `LEARNMAIL_TEST_IMAP_PORT` or `LEARNMAIL_TEST_DIR` is not set.
    public static func require() throws -> TestServers {
        guard environment["LEARNMAIL_TEST_IMAP_PORT"].flatMap(Int.init) != nil, environment["LEARNMAIL_TEST_DIR"] != nil
        else {
            throw Missing()
        }
        return TestServers()
    }

    /// Throws a `TestSetupError` that says how to start the servers, when they are not configured.
    public func requireRunning() throws {
        guard Self.available else {
            throw TestSetupError(
                "the test servers are not running: use scripts/test, or scripts/test-servers start DIR and source DIR/env"
            )
        }
    }

    public func address(_ user: String) -> String { "\(user)@\(domain)" }

    /// The raw file Dovecot stored for the message containing `token`, with its LF line ends turned into
    /// CRLF as IMAP serves them; nil when not found.
    public func storedMessage(user: String, containing token: String) -> [UInt8]? {
        let root = "\(mailDirectory)/\(user)/Maildir"
        let folders =
            ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { $0.hasPrefix(".") }.map { "\(root)/\($0)" } + [root]
        for folder in folders {
            for sub in ["new", "cur"] {
                let directory = "\(folder)/\(sub)"
                for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
                    guard let data = FileManager.default.contents(atPath: "\(directory)/\(name)") else { continue }
                    let bytes = [UInt8](data)
                    guard bytes.firstRange(of: Array(token.utf8)) != nil else { continue }
                    var crlf: [UInt8] = []
                    crlf.reserveCapacity(bytes.count + bytes.count / 40)
                    for (index, byte) in bytes.enumerated() {
                        if byte == UInt8(ascii: "\n") && (index == 0 || bytes[index - 1] != UInt8(ascii: "\r")) {
                            crlf.append(UInt8(ascii: "\r"))
                        }
                        crlf.append(byte)
                    }
                    return crlf
                }
            }
        }
        return nil
    }

    /// A message with CRLF line ends, a leading-dot line and a lone-dot line (dot-stuffing), and its own
    /// Message-ID and Date so that Postfix only prepends trace headers.
    public static func message(token: String, to: String, extraBody: String = "") -> [UInt8] {
        let text =
            [
                "From: Learnmail Test <sender@example.test>", "To: <\(to)>", "Subject: transport test \(token)",
                "Message-ID: <\(token)@example.test>", "Date: Sun, 29 Nov 2026 09:00:00 +0000", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8", "", "Token \(token).", ".leading dot", ".", "..two dots",
                "Grüße — UTF-8 body", extraBody, "end",
            ].joined(separator: "\r\n") + "\r\n"
        return Array(text.utf8)
    }

    /// A fresh token that names one test's message.
    public static func token() -> String {
        "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}
