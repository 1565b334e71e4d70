/// One command from a moderator's reply (DESIGN flow 4): `approve`, `reject [reason]`, `hold`,
/// `edit title|summary|organisation|area TEXT`, `tag +a -b`, `set NAME|none`, `show`, `list`, `help`.
public enum ModerationCommand: Sendable, Equatable, CustomStringConvertible {
    case approve
    case reject(reason: String?)
    case hold
    case edit(EditableField, String)
    case tag(add: [String], remove: [String])
    /// Puts the item in a learning set (by name), or in none (nil).
    case learningSet(String?)
    case show
    case list
    case help

    /// The item fields a moderator may edit by mail.
    public enum EditableField: String, Sendable, CaseIterable {
        case title, summary, organisation, area
    }

    /// The command as a moderator would write it (for confirmations and logs).
    public var description: String {
        switch self {
        case .approve: return "approve"
        case .reject(let reason): return reason.map { "reject \($0)" } ?? "reject"
        case .hold: return "hold"
        case .edit(let field, let text): return "edit \(field.rawValue) \(text)"
        case .tag(let add, let remove):
            return (["tag"] + add.map { "+" + $0 } + remove.map { "-" + $0 }).joined(separator: " ")
        case .learningSet(let name): return "set \(name ?? "none")"
        case .show: return "show"
        case .list: return "list"
        case .help: return "help"
        }
    }

    /// The first words that make a line look like a command (a malformed one earns the help).
    static let verbs: Set<String> = ["approve", "reject", "hold", "edit", "tag", "tags", "set", "show", "list", "help"]

    /// Parses one line; nil when the line is not exactly a command. Commands without arguments
    /// accept trailing `.`/`!` ("Approve.") but no other words, so that prose such as
    /// "Hold on, I'll check" or a quoted help line is never taken for a command.
    public static func parse(line raw: String) -> ModerationCommand? {
        let line = ModerationReply.normalise(raw)
        guard !line.isEmpty else { return nil }
        // The verb is the leading letters, so that "Approve." and "reject: spam" read as meant.
        let verb = String(line.prefix(while: { $0.isLetter }))
        let rest = String(line.dropFirst(verb.count)).trimmingSpaces()
        switch verb.lowercased() {
        case "approve", "hold", "show", "list", "help":
            guard rest.allSatisfy({ $0 == "." || $0 == "!" || $0 == " " }) else { return nil }
            switch verb.lowercased() {
            case "approve": return .approve
            case "hold": return .hold
            case "show": return .show
            case "list": return .list
            default: return .help
            }
        case "reject":
            let reason = trimPunctuationPrefix(rest)
            if reason.allSatisfy({ $0 == "." || $0 == "!" || $0 == " " }) { return .reject(reason: nil) }
            return .reject(reason: reason)
        case "edit":
            let (fieldWord, text) = splitWord(rest)
            let field: EditableField
            switch fieldWord.lowercased().trimmingTrailing(":") {
            case "title", "subject": field = .title
            case "summary": field = .summary
            case "organisation", "organization", "org": field = .organisation
            case "area", "learningarea": field = .area
            default: return nil
            }
            let value = trimPunctuationPrefix(text)
            guard !value.isEmpty else { return nil }
            return .edit(field, value)
        case "set":
            let name = trimPunctuationPrefix(rest).trimmingTrailing(".")
            guard !name.isEmpty else { return nil }
            return .learningSet(name.lowercased() == "none" ? nil : name)
        case "tag", "tags":
            var add: [String] = []
            var remove: [String] = []
            for word in rest.split(whereSeparator: { $0 == " " || $0 == "," }) {
                var w = Substring(word)
                let removing = w.first == "-"
                if w.first == "+" || w.first == "-" { w = w.dropFirst() }
                if w.first == "#" { w = w.dropFirst() }
                let tag = w.lowercased()
                // Only word characters: "Tags: a, b" (a field line quoted from a notification)
                // and "tag <word>" (the help) are not commands.
                guard !tag.isEmpty, tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    return nil
                }
                if removing { remove.append(tag) } else { add.append(tag) }
            }
            guard !add.isEmpty || !remove.isEmpty else { return nil }
            return .tag(add: add, remove: remove)
        default:
            return nil
        }
    }

    private static func splitWord(_ s: String) -> (String, String) {
        guard let space = s.firstIndex(of: " ") else { return (s, "") }
        return (String(s[..<space]), String(s[s.index(after: space)...]).trimmingSpaces())
    }

    /// "reject: off topic" and "reject - off topic" read as "reject off topic".
    private static func trimPunctuationPrefix(_ s: String) -> String {
        var t = Substring(s)
        while let c = t.first, c == ":" || c == "-" || c == "–" || c == "—" || c == " " { t = t.dropFirst() }
        return String(t).trimmingSpaces()
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }

    fileprivate func trimmingTrailing(_ c: Character) -> String {
        var s = Substring(self)
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}
