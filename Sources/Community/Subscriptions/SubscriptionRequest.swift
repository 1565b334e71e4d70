import Foundation

/// A subscription command found in a mail (DESIGN flow 5), with the address it came from.
///
/// Where it is looked for, first match wins:
/// 1. a recipient that is a subaddress of the community address: `learning+unsubscribe-<token>@…`
///    (the List-Unsubscribe mailto, RFC 2369/8058: works at once, no confirmation),
///    `learning+confirm-<token>@…` (a reply to the confirmation request), and
///    `learning+subscribe@…`, `learning+unsubscribe@…`, `learning+help@…`;
/// 2. the subject, when it is exactly a command (`subscribe`, `unsubscribe`, `help`, after any
///    `Re:`/`Fwd:`), or contains `confirm <token>` with a well-formed token;
/// 3. the first non-empty line of the body, when it is exactly a command.
/// Only whole-subject or whole-line commands count, so that a contribution titled "Help for
/// new champions" is never taken for `help`.
public struct SubscriptionRequest: Sendable, Equatable {
    public enum Command: Sendable, Equatable {
        case subscribe
        case unsubscribe
        /// From the List-Unsubscribe address: the token names the subscriber, whoever sends it.
        case unsubscribeByToken(String)
        case confirm(token: String)
        case help
    }

    public var command: Command
    /// The sender (`From:`), lowercased; replies go here.
    public var from: String

    public init(command: Command, from: String) {
        self.command = command
        self.from = from.lowercased()
    }

    /// The request in a mail described by its parts; nil when it is not a subscription command.
    /// `recipients` are every address the mail was delivered to (To, Cc, Delivered-To, X-Original-To).
    public static func detect(
        from: String, recipients: [String], subject: String?, body: String?, communityAddress: String
    ) -> SubscriptionRequest? {
        let list = ListIdentity(name: "", address: communityAddress, listId: "")
        for r in recipients {
            guard let tag = list.tag(of: r) else { continue }
            if let command = command(fromTag: tag) { return .init(command: command, from: from) }
        }
        if let subject, let command = command(fromSubject: subject) { return .init(command: command, from: from) }
        if let body {
            let first = body.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespaceSlice() }.first {
                !$0.isEmpty
            }
            if let first, let command = command(fromLine: String(first)) { return .init(command: command, from: from) }
        }
        return nil
    }

    static func command(fromTag tag: String) -> Command? {
        let t = tag.lowercased()
        switch t {
        case "subscribe", "join": return .subscribe
        case "unsubscribe", "leave": return .unsubscribe
        case "help": return .help
        default: break
        }
        if t.hasPrefix("unsubscribe-"), case let token = String(t.dropFirst(12)), SubscriberToken.isWellFormed(token) {
            return .unsubscribeByToken(token)
        }
        if t.hasPrefix("confirm-"), case let token = String(t.dropFirst(8)), SubscriberToken.isWellFormed(token) {
            return .confirm(token: token)
        }
        return nil
    }

    static func command(fromSubject subject: String) -> Command? {
        var s = Substring(subject).trimmingWhitespaceSlice()
        // Any number of reply/forward prefixes, as clients stack them.
        while let colon = s.firstIndex(of: ":"), s.distance(from: s.startIndex, to: colon) <= 4,
            ["re", "fw", "fwd", "aw", "sv", "wg"].contains(s[..<colon].lowercased())
        {
            s = s[s.index(after: colon)...].trimmingWhitespaceSlice()
        }
        if let command = command(fromLine: String(s)) { return command }
        // `confirm <token>` anywhere in the subject (our confirmation request's subject carries it).
        let words = s.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == ":" })
        for (i, w) in words.enumerated() where w.lowercased() == "confirm" && i + 1 < words.count {
            let token = words[i + 1].lowercased()
            if token.count >= 20, SubscriberToken.isWellFormed(token) { return .confirm(token: token) }
        }
        return nil
    }

    /// A line that is exactly a command (case-insensitive, trailing `.` or `!` allowed).
    static func command(fromLine line: String) -> Command? {
        var l = Substring(line).trimmingWhitespaceSlice()
        while let last = l.last, last == "." || last == "!" { l = l.dropLast() }
        let words = l.lowercased().split(whereSeparator: \.isWhitespace)
        switch words.count {
        case 1:
            switch words[0] {
            case "subscribe", "join": return .subscribe
            case "unsubscribe", "leave": return .unsubscribe
            case "help": return .help
            default: return nil
            }
        case 2 where words[0] == "confirm" && SubscriberToken.isWellFormed(String(words[1])):
            return .confirm(token: String(words[1]))
        default:
            return nil
        }
    }
}
