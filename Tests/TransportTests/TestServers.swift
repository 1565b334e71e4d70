import Foundation
import Testing

/// The private Dovecot + Postfix started by `scripts/test-servers start DIR` (see its `DIR/env`).
/// Integration suites run when `LEARNMAIL_TEST_IMAP_PORT` is set; under CI (`CI` set) they run anyway and
/// fail loudly when the servers are missing, instead of skipping silently.
struct TestServers {
    static let environment = ProcessInfo.processInfo.environment
    static var isConfigured: Bool { environment["LEARNMAIL_TEST_IMAP_PORT"] != nil }
    static var shouldRun: Bool { isConfigured || environment["CI"] != nil }

    let host: String
    let imapPort: Int
    let imapsPort: Int
    let smtpPort: Int
    let smtpsPort: Int
    let caFile: String
    let password: String
    let mailDirectory: String
    let domain: String

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "CI is set but the test servers are not: run `scripts/test-servers start DIR` and `source DIR/env`"
        }
    }

    static func require() throws -> TestServers {
        let env = environment
        guard let imap = env["LEARNMAIL_TEST_IMAP_PORT"].flatMap(Int.init), let dir = env["LEARNMAIL_TEST_DIR"] else {
            throw Missing()
        }
        return TestServers(
            host: env["LEARNMAIL_TEST_HOST"] ?? "127.0.0.1", imapPort: imap,
            imapsPort: env["LEARNMAIL_TEST_IMAPS_PORT"].flatMap(Int.init) ?? 10993,
            smtpPort: env["LEARNMAIL_TEST_SMTP_PORT"].flatMap(Int.init) ?? 10025,
            smtpsPort: env["LEARNMAIL_TEST_SMTPS_PORT"].flatMap(Int.init) ?? 10465,
            caFile: env["LEARNMAIL_TEST_CA_FILE"] ?? dir + "/cert.pem",
            password: env["LEARNMAIL_TEST_PASSWORD"] ?? "secret",
            mailDirectory: env["LEARNMAIL_TEST_MAIL_DIR"] ?? dir + "/mail",
            domain: env["LEARNMAIL_TEST_DOMAIN"] ?? "example.test")
    }

    func address(_ user: String) -> String { "\(user)@\(domain)" }

    /// The raw file Dovecot stored for the message containing `token`, with its LF line ends turned into
    /// CRLF as IMAP serves them; nil when not found.
    func storedMessage(user: String, containing token: String) -> [UInt8]? {
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
    static func message(token: String, to: String, extraBody: String = "") -> [UInt8] {
        let text =
            [
                "From: Learnmail Test <sender@example.test>", "To: <\(to)>", "Subject: transport test \(token)",
                "Message-ID: <\(token)@example.test>", "Date: Sun, 29 Nov 2026 09:00:00 +0000", "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=utf-8", "", "Token \(token).", ".leading dot", ".", "..two dots",
                "Grüße — UTF-8 body", extraBody, "end",
            ].joined(separator: "\r\n") + "\r\n"
        return Array(text.utf8)
    }

    static func token() -> String { "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }
}
