/// One of the real IMAP servers that scripts/test-servers starts: Dovecot 2.3, Cyrus IMAP 3.6 and
/// Courier-IMAP 5.0 (scripts/servers/), each on the port its variable names. Suites that take
/// `running` run once per server.
public enum TestIMAPServer: String, Sendable, CaseIterable, CustomStringConvertible {
    case dovecot, cyrus, courier

    /// The name alone, as test arguments are shown (`dovecot`).
    public var description: String { rawValue }

    public var portVariable: String {
        switch self {
        case .dovecot: "LEARNMAIL_TEST_IMAP_PORT"
        case .cyrus: "LEARNMAIL_TEST_CYRUS_PORT"
        case .courier: "LEARNMAIL_TEST_COURIER_PORT"
        }
    }

    /// Those running here (their port is in the environment); under CI all three, so that a
    /// missing one fails rather than skips.
    public static var running: [TestIMAPServer] {
        let env = TestServers.environment
        return allCases.filter { env[$0.portVariable] != nil || env["CI"] != nil }
    }

    public func port() throws -> Int {
        guard let port = TestServers.environment[portVariable].flatMap(Int.init) else {
            throw TestSetupError(
                "\(rawValue) is not running: scripts/test-servers start DIR starts it (\(portVariable))")
        }
        return port
    }

    /// What a folder `name` in the personal namespace is called: Dovecot's has no prefix, Cyrus and
    /// Courier keep personal folders under `INBOX.` with `.` as separator.
    public func folder(_ name: String) -> String { self == .dovecot ? name : "INBOX." + name }
}
