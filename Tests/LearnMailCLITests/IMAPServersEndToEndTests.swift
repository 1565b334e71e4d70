import Community
import Foundation
import IMAP
import TestServerSupport
import Testing

@testable import Transport

/// `learnmail check`, `run --once`, `status` and the `run` daemon against each real IMAP server of
/// scripts/test-servers: Dovecot 2.3, Cyrus IMAP 3.6 and Courier-IMAP 5.0. Mail is put in with APPEND;
/// outgoing mail goes to an outbox folder, so no other test's mailbox is touched.
@Suite("learnmail on Dovecot, Cyrus and Courier", .enabled(if: TestServers.available || TestServers.required))
struct IMAPServersEndToEndTests {
    /// Dovecot, Cyrus or Courier (TestServerSupport); `Server.running` are those started here.
    typealias Server = TestIMAPServer

    let servers = TestServers()
    /// The community's own account on each server (listed in scripts/test-servers' users).
    let user = "servers"

    func mailbox(_ server: Server, folder: String) throws -> IMAPMailbox {
        try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://\(servers.host):\(try server.port())/\(folder)", username: user,
                password: servers.password, allowPlaintext: true, timeoutSeconds: 20))
    }

    /// Deletes and creates `folder` (a new UIDVALIDITY each time), leaving it empty.
    func recreate(_ server: Server, _ folder: String) throws -> UIDValidity {
        let inbox = try mailbox(server, folder: "INBOX")
        let quoted = try #require(IMAPCommand.quotedMailbox(folder))
        _ = try? inbox.run("DELETE \(quoted)", selecting: false, idempotent: false)
        try inbox.run("CREATE \(quoted)", selecting: false, idempotent: false)
        return try mailbox(server, folder: folder).status().uidValidity
    }

    func config(_ server: Server, folder: String, password: String? = nil) throws -> CommunityRun {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lm-srv-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data((password ?? servers.password).utf8).write(to: URL(fileURLWithPath: directory + "/imap.pass"))
        let config: [String: Any] = [
            "community": [
                "name": "Servers Community", "address": "\(user)@example.test", "listId": "servers.example.test",
            ],
            "mailbox": [
                "imap": "imap://\(servers.host):\(try server.port())/\(folder)", "username": user,
                "passwordFile": "imap.pass", "processedFolder": "Processed", "allowPlaintext": true,
            ],
            "sender": ["outbox": "outbox"],
            "dataDirectory": "data",
            "moderators": ["facilitator@example.test"],
            "partners": [["organisation": "Test Partner", "domains": ["example.test"]]],
        ]
        try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted])
            .write(to: URL(fileURLWithPath: directory + "/learnmail.json"))
        return CommunityRun(folder: directory, communityUser: user, community: "\(user)@example.test")
    }

    func contributions(_ count: Int, from first: Int) -> [[UInt8]] {
        (first..<first + count).map {
            TestMail.contribution(
                title: "Lesson \($0) from the servers test", number: $0 % 10, community: "\(user)@example.test")
        }
    }

    func itemCount(_ run: CommunityRun) -> Int {
        ((try? Spool(directory: run.folder + "/data"))?.itemIds().count) ?? 0
    }

    /// check, run --once into the processed folder, status, then a new UIDVALIDITY taken by the daemon
    /// (`run` polling every second), including mail that arrives while it runs.
    @Test(arguments: Server.running)
    func checkRunStatusAndTheDaemon(_ server: Server) throws {
        try servers.requireRunning()
        let folder = server.folder("Community")
        let firstValidity = try recreate(server, folder)
        let run = try config(server, folder: folder)
        let intake = try mailbox(server, folder: folder)
        for message in contributions(3, from: 0) { try intake.append(message) }

        let check = try run.learnmail("check")
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("logged in as \(user), 3 message(s)"), "\(check.output)")
        #expect(check.output.contains("All good."))

        let once = try run.learnmail("run", "--once")
        #expect(once.status == 0, "\(once.output)")
        #expect(once.output.contains("3 message(s) processed"), "\(once.output)")
        #expect(itemCount(run) == 3)
        let left = try mailbox(server, folder: folder)
        _ = try left.status()
        #expect(try left.uids(from: UID.min).isEmpty, "every message left the intake folder")
        let processed = try mailbox(server, folder: server.folder("Processed"))
        #expect(try processed.status().messages >= 3)

        let status = try run.learnmail("status")
        #expect(status.status == 0, "\(status.output)")
        #expect(status.output.contains("Items:        3 "), "\(status.output)")
        #expect(!status.output.contains("Last poll:    never"), "\(status.output)")
        let json = try run.learnmail("status", "--json")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        let items = (parsed?["items"] as? [String: Int]) ?? [:]
        #expect(items.values.reduce(0, +) == 3, "\(json.output)")
        #expect(parsed?["lastPollError"] == nil)

        // The folder made again: a new UIDVALIDITY, and UIDs from 1 again.
        if server == .courier { Thread.sleep(forTimeInterval: 1.1) }  // Courier's UIDVALIDITY is the time in seconds
        let secondValidity = try recreate(server, folder)
        #expect(secondValidity != firstValidity)
        let again = try mailbox(server, folder: folder)
        for message in contributions(2, from: 3) { try again.append(message) }

        let daemon = Process()
        daemon.executableURL = CommunityRun.executable
        daemon.arguments = ["--config", run.folder + "/learnmail.json", "run"]
        var environment = ProcessInfo.processInfo.environment
        environment["LEARNMAIL_DEBUG_POLL_SECONDS"] = "1"
        daemon.environment = environment
        let log = URL(fileURLWithPath: run.folder + "/daemon.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        daemon.standardOutput = handle
        daemon.standardError = handle
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }
        func waitFor(_ count: Int) -> Bool {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if itemCount(run) >= count { return true }
                Thread.sleep(forTimeInterval: 0.2)
            }
            return false
        }
        let tookRenumbered = waitFor(5)
        #expect(tookRenumbered, "the daemon took the 2 messages after the new UIDVALIDITY")
        // Mail arriving while the daemon runs is seen by its next poll (Courier: only after NOOP).
        try again.append(contributions(1, from: 5)[0])
        let tookLater = waitFor(6)
        #expect(tookLater, "the daemon took a message that arrived while it ran")
        daemon.terminate()
        daemon.waitUntilExit()
        try handle.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(!output.contains("FETCH response"), "\(output.suffix(2000))")
        #expect(
            daemon.terminationReason == .exit || daemon.terminationStatus == SIGTERM,
            "the daemon ended by \(daemon.terminationReason) \(daemon.terminationStatus): \(output.suffix(2000))")
        #expect(itemCount(run) == 6)
        let finalStatus = try run.learnmail("status")
        #expect(finalStatus.output.contains("Items:        6 "), "\(finalStatus.output)")
    }

    /// A wrong password: check names the mailbox, says FAILED and what to check, and exits 1.
    @Test(arguments: Server.running)
    func checkSaysWhatIsWrong(_ server: Server) throws {
        try servers.requireRunning()
        let run = try config(server, folder: "INBOX", password: "not-the-password")
        let check = try run.learnmail("check")
        #expect(check.status == 1, "\(check.output)")
        #expect(check.output.contains(":\(try server.port())/INBOX: FAILED"), "\(check.output)")
        #expect(check.output.contains("check mailbox.username and the password"), "\(check.output)")
        #expect(check.output.contains(": a folder; messages are written there"), "\(check.output)")
        #expect(!check.output.contains("not-the-password"))
    }
}
