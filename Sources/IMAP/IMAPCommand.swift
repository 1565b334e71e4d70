/// Builds the literal-free IMAP commands learnmail sends as custom requests (RFC 3501 §6, RFC 6851, RFC 4315).
///
/// Pure text: no tag (libcurl adds it) and no CRLF. Mailbox names are encoded in modified UTF-7
/// (RFC 3501 §5.1.3) and sent as quoted strings, never as literals: libcurl 7.88 does not handle
/// literals in custom requests. Names with CR, LF or NUL cannot be quoted and give nil.
public enum IMAPCommand {
    /// `NOOP` (RFC 3501 §6.1.2): lets a server report new mail to a long-lived session (Courier needs it).
    public static let noop = "NOOP"
    public static let capability = "CAPABILITY"
    public static let namespace = "NAMESPACE"

    /// `STATUS "mailbox" (UIDVALIDITY UIDNEXT MESSAGES)` (RFC 3501 §6.3.10).
    public static func status(_ mailbox: String) -> String? {
        quotedMailbox(mailbox).map { "STATUS \($0) (UIDVALIDITY UIDNEXT MESSAGES)" }
    }

    /// `UID SEARCH UID low:high` (RFC 3501 §6.4.4); `high == nil` sends `*`.
    public static func uidSearch(from low: UID, through high: UID?) -> String {
        "UID SEARCH UID \(low):\(high.map(\.description) ?? "*")"
    }

    /// `UID MOVE uid "mailbox"` (RFC 6851).
    public static func uidMove(_ uid: UID, to mailbox: String) -> String? {
        uidMove(UIDSet([uid]), to: mailbox)
    }

    /// `UID MOVE set "mailbox"` (RFC 6851).
    public static func uidMove(_ uids: UIDSet, to mailbox: String) -> String? {
        quotedMailbox(mailbox).map { "UID MOVE \(uids) \($0)" }
    }

    /// `UID COPY uid "mailbox"` (RFC 3501 §6.4.8).
    public static func uidCopy(_ uid: UID, to mailbox: String) -> String? {
        uidCopy(UIDSet([uid]), to: mailbox)
    }

    /// `UID COPY set "mailbox"` (RFC 3501 §6.4.8).
    public static func uidCopy(_ uids: UIDSet, to mailbox: String) -> String? {
        quotedMailbox(mailbox).map { "UID COPY \(uids) \($0)" }
    }

    /// `UID STORE uid +FLAGS.SILENT (flags)` (RFC 3501 §6.4.6).
    public static func uidAddFlags(_ uid: UID, _ flags: [String], silent: Bool = true) -> String {
        uidAddFlags(UIDSet([uid]), flags, silent: silent)
    }

    /// `UID STORE set +FLAGS.SILENT (flags)` (RFC 3501 §6.4.6).
    public static func uidAddFlags(_ uids: UIDSet, _ flags: [String], silent: Bool = true) -> String {
        "UID STORE \(uids) +FLAGS\(silent ? ".SILENT" : "") (\(flags.joined(separator: " ")))"
    }

    /// `UID EXPUNGE uid` (RFC 4315 §2.1): removes only this message, not others marked \Deleted.
    public static func uidExpunge(_ uid: UID) -> String { uidExpunge(UIDSet([uid])) }

    /// `UID EXPUNGE set` (RFC 4315 §2.1).
    public static func uidExpunge(_ uids: UIDSet) -> String { "UID EXPUNGE \(uids)" }

    /// `CREATE "mailbox"` (RFC 3501 §6.3.3).
    public static func create(_ mailbox: String) -> String? {
        quotedMailbox(mailbox).map { "CREATE \($0)" }
    }

    /// `LIST "" "mailbox"` (RFC 3501 §6.3.8): exists-check for one name. A `*` or `%` in the name acts as a
    /// wildcard; callers compare the names listed exactly, so extra matches do no harm.
    public static func list(_ mailbox: String) -> String? {
        quotedMailbox(mailbox).map { "LIST \"\" \($0)" }
    }

    /// The name encoded in modified UTF-7 and quoted, ready for a command line.
    /// Control characters are refused rather than encoded: no real folder has them, and they hint at injection.
    public static func quotedMailbox(_ name: String) -> String? {
        guard !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        return quoted(ModifiedUTF7.encode(name))
    }

    /// An IMAP quoted string (RFC 3501 §9 `quoted`), escaping `\` and `"`; nil for CR, LF, NUL or 8-bit text.
    public static func quoted(_ text: String) -> String? {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r", "\n", "\0": return nil
            case "\\", "\"":
                result.append("\\")
                result.unicodeScalars.append(scalar)
            default:
                guard scalar.isASCII else { return nil }
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
