import Foundation

/// The optional `Field: value` lines at the top of a contribution's body (DESIGN flow 3):
/// `Organisation:` (or `Organization:`), `Area:`, `Tags:`, `Summary:`, `Link:`, `Set:`.
public struct ContributionFields: Sendable, Equatable {
    public var organisation: String?
    public var area: String?
    public var tags: [String] = []
    public var summary: String?
    public var links: [String] = []
    /// The learning set the partner names (`Set: Champions in different settings`).
    public var learningSet: String?

    public init() {}

    /// Reads field lines from the top of `body` (after blank lines) until the first other line,
    /// and returns them with the rest of the body. Unknown `Name:` lines end the fields and stay
    /// in the body ("Note: …" is the partner's text, not a field).
    public static func parse(_ body: String) -> (fields: ContributionFields, rest: String) {
        var fields = ContributionFields()
        let lines = BodyCleaner.splitLines(body)
        var i = 0
        while i < lines.count, lines[i].trimmingSpaces().isEmpty { i += 1 }
        var any = false
        while i < lines.count {
            let line = lines[i].trimmingSpaces()
            guard let colon = line.firstIndex(of: ":"), line.distance(from: line.startIndex, to: colon) <= 20 else {
                break
            }
            let name = line[..<colon].trimmingSpaces().lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingSpaces()
            switch name {
            case "organisation", "organization", "org", "sefydliad": fields.organisation = value.isEmpty ? nil : value
            case "area", "learning area", "maes": fields.area = value.isEmpty ? nil : value
            case "tags", "tag": fields.tags += tags(from: value)
            case "summary", "crynodeb": fields.summary = value.isEmpty ? nil : value
            case "set", "learning set", "set dysgu": fields.learningSet = value.isEmpty ? nil : value
            case "link", "links", "url", "dolen":
                let found = LinkFinder.links(in: value)
                fields.links += found.isEmpty && !value.isEmpty && !value.contains(" ") ? ["https://" + value] : found
            default:
                return (fields, any ? BodyCleaner.tidy(Array(lines[i...])) : body)
            }
            any = true
            i += 1
        }
        return (fields, any ? BodyCleaner.tidy(Array(lines[min(i, lines.count)...])) : body)
    }

    /// "tablets, older people; #loans" → ["tablets", "older people", "loans"].
    static func tags(from value: String) -> [String] {
        var out: [String] = []
        for piece in value.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let p = piece.trimmingCharacters(in: .whitespaces)
            let words = p.split(separator: " ")
            if words.count > 1, words.allSatisfy({ $0.hasPrefix("#") }) {
                out += words.map { normaliseTag(String($0)) }
            } else {
                out.append(normaliseTag(p))
            }
        }
        return out.filter { !$0.isEmpty }
    }

    static func normaliseTag(_ tag: String) -> String {
        var t = Substring(tag.trimmingCharacters(in: .whitespaces))
        while t.first == "#" { t = t.dropFirst() }
        return TextLayout.singleLine(String(t), limit: 40).lowercased()
    }
}
