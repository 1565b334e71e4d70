/// The id of an incoming message, made of its mailbox's own ids: `imap-UIDVALIDITY-UID`,
/// `maildir-NAME` (a Maildir file's unique name), or `cli-…` for mail handed in by a command.
/// It names the message in the spool (`incoming/` and `processed/`, as `fileName`), in its item's
/// `source.json`, in the items index and in the log; every one of them holds `rawValue`'s bytes.
public struct SourceKey: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A message of an IMAP mailbox: UIDs are unique within one UIDVALIDITY.
    public static func imap(validity: UInt32, uid: UInt32) -> SourceKey { SourceKey("imap-\(validity)-\(uid)") }

    /// A message of a Maildir, by the unique part of its file name.
    public static func maildir(_ uniqueName: String) -> SourceKey { SourceKey("maildir-" + uniqueName) }

    /// Where a key says its message came from.
    public enum Origin: Equatable, Sendable {
        case imap(validity: UInt32, uid: UInt32)
        case maildir(String)
        case console(String)
        /// Not a key learnmail makes (a damaged file name, a key of a later version).
        case unknown
    }

    public var origin: Origin {
        if let name = rawValue.dropPrefix("maildir-"), !name.isEmpty { return .maildir(String(name)) }
        if let name = rawValue.dropPrefix("cli-"), !name.isEmpty { return .console(String(name)) }
        if let ids = rawValue.dropPrefix("imap-") {
            let parts = ids.split(separator: "-", omittingEmptySubsequences: false)
            // Digits only: UInt32("+1") would read a key learnmail never made.
            if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
                let validity = UInt32(parts[0]), let uid = UInt32(parts[1])
            {
                return .imap(validity: validity, uid: uid)
            }
        }
        return .unknown
    }

    /// The key as a file name (`incoming/NAME.eml`, `quarantine/NAME.reason`): the key itself
    /// when it is safe, as every key learnmail makes from a well-formed mailbox is (`Spool.safeKey`).
    public var fileName: String { Spool.safeKey(rawValue) }

    /// The key of a message stored as `NAME.eml` (the name without `.eml`).
    public init(fileName: String) { self.init(fileName) }

    /// True when a word of the log starts with a message's key (`maildir-1.M1: new item #1`).
    public static func looksLikeKey(_ word: Substring) -> Bool {
        (word.hasPrefix("imap-") || word.hasPrefix("maildir-")) && !word.contains(" ")
    }

    public var description: String { rawValue }
}

/// Stored as the plain string it always was (`source.json`'s `"key"`).
extension SourceKey: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Keys written out in tests and fixtures: `"maildir-1.M1.test"`.
extension SourceKey: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(value) }
}

extension String {
    fileprivate func dropPrefix(_ prefix: String) -> Substring? {
        hasPrefix(prefix) ? dropFirst(prefix.count) : nil
    }
}
