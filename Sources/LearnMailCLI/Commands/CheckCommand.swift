import Community
import Foundation
import IMAP
import MailAdapters
import Transport

/// `learnmail check`: validates the config, then connects to the mailbox and the sender and
/// reports what it found, one line each, so that an administrator knows what to fix.
struct CheckCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        _ = try Arguments(words, flags: [])
        let t = context.terminal
        let config = try context.loadConfig()
        t.print("Config \(config.file): valid")
        t.print(
            "  community   \(config.community.name) <\(config.community.address)>, List-Id \(config.community.listId)")
        t.print("  moderators  \(config.moderators.joined(separator: ", "))")
        t.print("  partners    \(config.partners.count) organisation(s), contributors: \(config.contributors.rawValue)")
        t.print(
            "  areas       \(config.learningAreas.isEmpty ? "(none: everything is General)" : config.learningAreas.map(\.name).joined(separator: ", "))"
        )
        let runtime = try Runtime(config: config, terminal: Terminal.quiet)
        let next = runtime.engine.digests.schedule.nextDue(
            after: runtime.engine.now, lastSentWeek: runtime.engine.digests.lastWeek)
        t.print("  digest      next \(next.week), \(describeDue(next, config))")
        t.print("  data        \(config.dataDirectory)")
        for warning in config.warnings { t.print("Warning: \(warning)") }

        var failures: [(stage: String, error: any Error)] = []
        // OAuth 2.0: renew the access token now, so that a revoked sign-in shows here, not at 3 a.m.
        for session in runtime.signIns.sessions {
            let label = "Sign-in \(session.name) (\(session.settings.provider), \(session.settings.grant.rawValue))"
            do {
                let token = try session.refreshNow()
                t.print(
                    "\(label): \(token.account), token renewed, valid until \(ISO8601UTC.string(from: token.expiresAt)); "
                        + "scopes \(token.scopes.joined(separator: " "))")
            } catch {
                t.print("\(label): FAILED — \(error)")
                failures.append(("sign-in", error))
            }
        }
        switch config.mailbox {
        case .maildir(let path):
            do {
                let waiting = try MaildirMailSource(path: path).pendingKeys().count
                t.print("Mailbox \(path): Maildir readable, \(waiting) message(s) waiting")
            } catch {
                t.print("Mailbox \(path): FAILED — \(error)")
                failures.append(("mailbox", error))
            }
        case .imap(let server, let processed, _):
            do {
                guard let source = try runtime.makeSource() as? IMAPMailSource else { break }
                let status = try source.mailbox.status()
                t.print(
                    "Mailbox \(Config.redactingPassword(in: server.url)): logged in as \(server.username ?? "?"), \(status.messages) message(s), "
                        + "UIDVALIDITY \(status.uidValidity)" + (processed.map { ", handled mail goes to \($0)" } ?? "")
                )
            } catch {
                t.print("Mailbox \(Config.redactingPassword(in: server.url)): FAILED — \(error)")
                failures.append(("mailbox", error))
            }
        }
        switch config.sender {
        case .outbox(let path):
            t.print("Sender \(path): a folder; messages are written there as .eml files, not sent")
        case .smtp(let server):
            do {
                guard let sink = try runtime.makeSink() as? SMTPMailSink else { break }
                try sink.sender.verify()
                t.print(
                    "Sender \(Config.redactingPassword(in: server.url)): connected"
                        + (server.username.map { ", logged in as \($0)" } ?? "")
                        + ", ready to send")
            } catch {
                t.print("Sender \(Config.redactingPassword(in: server.url)): FAILED — \(error)")
                failures.append(("sender", error))
            }
        }
        guard !failures.isEmpty else {
            t.print("All good.")
            return
        }
        let summary = "check failed: " + failures.map(\.stage).joined(separator: " and ") + " (see above)"
        if failures.contains(where: { isUnreachable($0.error) }) { throw UnreachableError(summary) }
        throw CommandError(summary)
    }
}
