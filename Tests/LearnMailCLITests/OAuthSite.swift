import Foundation
import IMAP
import MIME
import TestServerSupport
import Testing
import Transport

/// The OAuth 2.0 test site that scripts/servers/oauth-servers starts: the test token provider, a Dovecot
/// that checks bearer tokens at its introspection endpoint (the community account "learning" has no
/// password there) and a Postfix that takes XOAUTH2/OAUTHBEARER through that Dovecot.
struct OAuthSite {
    let environment = ProcessInfo.processInfo.environment

    static var available: Bool { ProcessInfo.processInfo.environment["LEARNMAIL_TEST_OAUTH_URL"] != nil }

    var providerURL: String { environment["LEARNMAIL_TEST_OAUTH_URL"] ?? "https://127.0.0.1:10244" }
    var imapPort: String { environment["LEARNMAIL_TEST_OAUTH_IMAP_PORT"] ?? "10243" }
    var smtpPort: String { environment["LEARNMAIL_TEST_OAUTH_SMTP_PORT"] ?? "10287" }
    var caFile: String { environment["LEARNMAIL_TEST_CA_FILE"] ?? "" }
    /// Seconds an access token lives at the provider.
    var accessTTL: Double { Double(environment["LEARNMAIL_TEST_OAUTH_ACCESS_TTL"] ?? "4") ?? 4 }

    enum Grant { case device, clientCredentials }

    /// A community folder whose mailbox and sender sign in with OAuth 2.0 at the test provider.
    func community(grant: Grant = .device) throws -> CommunityRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-oauth-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var oauth: [String: Any] = [
            "provider": "custom", "tokenURL": providerURL + "/token", "scopes": ["mail", "offline_access"],
            "caFile": caFile,
        ]
        switch grant {
        case .device:
            oauth["clientId"] = "learnmail-test"
            oauth["deviceAuthorizationURL"] = providerURL + "/device"
        case .clientCredentials:
            oauth["clientId"] = "learnmail-app"
            oauth["grant"] = "clientCredentials"
            oauth["clientSecretFile"] = "client.secret"
            try Data("app-secret\n".utf8).write(to: URL(fileURLWithPath: folder + "/client.secret"))
        }
        let config: [String: Any] = [
            "community": [
                "name": "OAuth Community", "address": "learning@example.test", "listId": "learning.example.test",
            ],
            "mailbox": [
                "imap": "imap://127.0.0.1:\(imapPort)/INBOX", "username": "learning", "processedFolder": "Processed",
                "caFile": caFile, "oauth2": oauth,
            ],
            "sender": [
                "smtp": "smtp://127.0.0.1:\(smtpPort)", "username": "learning", "caFile": caFile, "oauth2": "mailbox",
            ],
            "dataDirectory": "data",
            "moderators": ["facilitator@example.test"],
            "partners": [["organisation": "Test Partner", "domains": ["example.test"]]],
        ]
        let data = try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted])
        try data.write(to: URL(fileURLWithPath: folder + "/learnmail.json"))
        return CommunityRun(folder: folder, communityUser: "learning", community: "learning@example.test")
    }

    // MARK: the provider

    @discardableResult
    func provider(_ path: String, _ form: [(String, String)] = []) throws -> [String: Any] {
        let response = try HTTPSPoster().post(providerURL + path, form: form, caFile: caFile)
        return (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    }

    func stats() throws -> [String: Int] {
        (try provider("/stats")).compactMapValues { ($0 as? NSNumber)?.intValue }
    }

    /// Runs `learnmail auth login`, approves its user code at the provider as the user "learning"
    /// would, and returns what it printed.
    func signIn(_ run: CommunityRun) throws -> CommunityRun.Result {
        let process = Process()
        process.executableURL = CommunityRun.executable
        process.arguments = ["--config", run.folder + "/learnmail.json", "auth", "login"]
        let output = run.folder + "/login.out"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        var code: String?
        while code == nil, Date() < deadline, process.isRunning {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            code = text.split(separator: "\n").first { $0.contains("enter   ") }?
                .split(separator: " ").last.map(String.init)
            if code == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        if let code { try provider("/approve", [("user_code", code), ("username", "learning")]) }
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try handle.close()
        return .init(
            status: process.terminationStatus, output: (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    // MARK: mail

    /// A partner's contribution, submitted to the OAuth Postfix with a password over STARTTLS.
    func submit(title: String, number: Int) throws {
        let sender = try SMTPSender(
            SMTPConfiguration(
                url: "smtp://127.0.0.1:\(smtpPort)", username: "partner", password: "secret", caFile: caFile))
        let message = TestMail.contribution(title: title, number: number, community: "learning@example.test")
        let results = sender.send([
            Envelope(from: "partner@example.test", recipients: ["learning@example.test"], data: message)
        ])
        guard results.first?.allAccepted == true else { throw TestSetupError("the OAuth Postfix refused: \(results)") }
    }

    /// Subjects in the facilitator's INBOX (a password account on the OAuth Dovecot).
    func facilitatorSubjects() throws -> [String] {
        let box = try IMAPMailbox(
            IMAPConfiguration(
                url: "imap://127.0.0.1:\(imapPort)/INBOX", username: "facilitator", password: "secret",
                allowPlaintext: true))
        let status = try box.status()
        return try box.uids(from: UID(1)).map {
            Message(try box.fetch($0, uidValidity: status.uidValidity)).subject ?? ""
        }
    }

    /// Waits (at most `seconds`) until `count` of the facilitator's messages mention `tag`.
    func waitForNotifications(tag: String, count: Int, seconds: Double = 30) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var found = 0
        while Date() < deadline {
            found = try facilitatorSubjects().filter { $0.contains(tag) }.count
            if found >= count { return found }
            Thread.sleep(forTimeInterval: 0.25)
        }
        return found
    }

    /// The daemon, `learnmail run`, polling every second; its log goes to FOLDER/daemon.log.
    func startDaemon(_ run: CommunityRun) throws -> Process {
        let process = Process()
        process.executableURL = CommunityRun.executable
        process.arguments = ["--config", run.folder + "/learnmail.json", "run"]
        process.environment = environment.merging(["LEARNMAIL_DEBUG_POLL_SECONDS": "1"]) { $1 }
        _ = FileManager.default.createFile(atPath: run.folder + "/daemon.log", contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: run.folder + "/daemon.log"))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    func stop(_ process: Process) {
        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The access and refresh tokens kept for `run`'s mailbox sign-in (read by the test only, to look
    /// for them where they must not be).
    func keptTokens(_ run: CommunityRun) -> [String] {
        guard let data = FileManager.default.contents(atPath: run.folder + "/data/oauth/mailbox.json"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return ["accessToken", "refreshToken"].compactMap { object[$0] as? String }
    }
}
