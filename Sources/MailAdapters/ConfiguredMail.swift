import Community
import Foundation
import Transport

/// The configured mailbox and sender as adapters: Maildir or IMAP in, a folder or SMTP out, with
/// passwords read and OAuth 2.0 sign-ins attached. What the CLI's Runtime wires to the engine.
public struct ConfiguredMail {
    public let config: Config
    /// OAuth 2.0 sign-ins, when the mailbox or the sender uses them (SignIns.swift).
    public let signIns: SignIns

    public init(config: Config, signIns: SignIns) {
        self.config = config
        self.signIns = signIns
    }

    /// The IMAP source keeps its cursor in `spool`; `shouldStop` lets a long fetch end after the
    /// messages in hand (SIGTERM).
    public func makeSource(spool: Spool, shouldStop: @escaping () -> Bool = { false }) throws -> MailSource {
        switch config.mailbox {
        case .maildir(let path):
            return MaildirMailSource(path: path)
        case .imap:
            guard let configuration = try imapConfiguration() else { fatalError("an IMAP mailbox has a configuration") }
            let mailbox = try IMAPMailbox(configuration)
            let source = IMAPMailSource(mailbox: mailbox, spool: spool)
            source.shouldStop = shouldStop
            return source
        }
    }

    // The one place where a `Config.Server` becomes Transport's settings: the config says where the
    // password is and how to sign in; these read it and hand Transport what it needs to connect.

    /// The IMAP mailbox's settings with the password read, or nil for a Maildir.
    public func imapConfiguration() throws -> IMAPConfiguration? {
        guard case .imap(let server, let processedFolder, _) = config.mailbox else { return nil }
        guard let username = server.username else {
            throw ConfigError(file: config.file, key: "mailbox.username", problem: "is required for IMAP")
        }
        let password = try server.password.resolve(key: "mailbox", configFile: config.file) ?? ""
        return IMAPConfiguration(
            url: server.url, username: username, password: password, caFile: server.caFile,
            allowPlaintext: server.allowPlaintext, processedFolder: processedFolder,
            bearer: signIns.bearer(for: server))
    }

    /// The SMTP server's settings with the password read, or nil for a folder outbox.
    public func smtpConfiguration() throws -> SMTPConfiguration? {
        guard case .smtp(let server) = config.sender else { return nil }
        let password = try server.password.resolve(key: "sender", configFile: config.file)
        return SMTPConfiguration(
            url: server.url, username: server.username, password: password, caFile: server.caFile,
            allowPlaintext: server.allowPlaintext, usernameSettingsKey: "sender.username",
            bearer: signIns.bearer(for: server))
    }

    public func makeSink() throws -> MailSink {
        switch config.sender {
        case .outbox(let path):
            return try DirectoryMailSink(path: path)
        case .smtp:
            guard let configuration = try smtpConfiguration() else { fatalError("an SMTP sender has a configuration") }
            return SMTPMailSink(sender: try SMTPSender(configuration))
        }
    }
}
