import Foundation

/// learnmail's configuration (DESIGN.md "Interfaces"), with every path made absolute.
public struct Config: Sendable {
    public struct Community: Sendable {
        public var name: String
        public var address: String
        public var listId: String
        /// An https URL for one-click unsubscribe (RFC 8058); optional.
        public var unsubscribeURL: String?
    }

    /// Where a password comes from: never the config file itself.
    public enum Secret: Sendable, Equatable {
        case none
        case file(String)
        case environment(String)

        /// Reads the secret; a trailing newline in a password file is not part of the password.
        /// `key` is the object holding it (`mailbox`); `named` the kind of secret, which also
        /// names its keys (`password` → `passwordFile`, `passwordEnv`).
        public func resolve(key: String, configFile: String, named: String = "password") throws -> String? {
            switch self {
            case .none:
                return nil
            case .file(let path):
                guard let data = FileManager.default.contents(atPath: path),
                    let text = String(data: data, encoding: .utf8)
                else {
                    let what = named == "password" ? "password" : "client secret"
                    throw ConfigError(
                        file: configFile, key: key + ".\(named)File", problem: "cannot read the \(what) file \(path)")
                }
                return String(text.trimmingSuffix(while: { $0 == "\n" || $0 == "\r" }))
            case .environment(let name):
                guard let value = ProcessInfo.processInfo.environment[name] else {
                    throw ConfigError(
                        file: configFile, key: key + ".\(named)Env",
                        problem: "the environment variable \(name) is not set")
                }
                return value
            }
        }
    }

    public struct Server: Sendable {
        public var url: String
        public var username: String?
        public var password: Secret
        public var caFile: String?
        public var allowPlaintext: Bool
        /// Sign in with OAuth 2.0 bearer tokens instead of a password (`oauth2`; see Config+OAuth.swift).
        public var oauth2: OAuth2? = nil
    }

    public enum Mailbox: Sendable {
        case maildir(path: String)
        case imap(Server, processedFolder: String?, pollSeconds: Int)
    }

    public enum Sender: Sendable {
        case outbox(path: String)
        case smtp(Server)
    }

    public enum ContributorPolicy: String, Sendable {
        case partners, anyone
    }

    public struct Digest: Sendable {
        public var weekday: Int  // 1 = Sunday … 7 = Saturday, as Calendar numbers them
        public var time: (hour: Int, minute: Int)
        public var timeZone: TimeZone
        public var sendEmpty: Bool
    }

    public struct Limits: Sendable {
        public var maxMessageBytes: Int
        public var autoRepliesPerAddressPerDay: Int
        public var confirmationsPerAddressPerDay: Int
        public var confirmationsPerDay: Int
        public var hardBouncesToDisable: Int
    }

    public struct Moderation: Sendable {
        public var tokenDays: Int
        /// When set, moderator mail must carry Authentication-Results from this authserv-id with dmarc=pass.
        public var trustedAuthservId: String?
    }

    /// The knowledge hub (DESIGN.md "Knowledge hub"): built after each digest when `directory` is set.
    public struct Site: Sendable {
        public var directory: String? = nil
        /// Where the hub is served, ending in `/`; digests link to item pages when set.
        public var baseURL: String? = nil
    }

    /// A theme the community explores for a few months (DESIGN.md "Learning sets").
    public struct LearningSet: Sendable, Equatable {
        public var name: String
        /// Inclusive calendar days in the community's zone (`YYYY-MM-DD`).
        public var from: String
        public var to: String
        public var question: String?
        public var areas: [String]
    }

    public var file: String
    public var community: Community
    public var mailbox: Mailbox
    public var sender: Sender
    public var dataDirectory: String
    public var moderators: [String]
    public var partners: [Partner]
    public var contributors: ContributorPolicy
    public var learningAreas: [LearningArea]
    public var digest: Digest
    public var limits: Limits
    public var moderation: Moderation
    /// `sender.limits`: the submission server's pace and day budget (`SendingLimits.preset` fills
    /// what a provider's sign-in implies and the config leaves out).
    public var senderLimits: SendingLimits = .none
    public var site: Site = Site()
    public var learningSets: [LearningSet] = []
    /// `mailbox.pollSeconds`: the wait between polls of any mailbox, IMAP or Maildir (the safety
    /// net under IMAP IDLE).
    public var pollSeconds: Int = 60
}

extension StringProtocol {
    fileprivate func trimmingSuffix(while drop: (Character) -> Bool) -> SubSequence {
        var end = endIndex
        while end > startIndex, drop(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
