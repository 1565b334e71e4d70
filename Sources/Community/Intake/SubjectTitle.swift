import Foundation

/// A contribution's title from its subject (DESIGN flow 3): without reply and forward prefixes
/// (`Re:`, `Fwd:`, `AW:`, `SV:`, `WG:`, `Fw:`, `TR:`, `RV:`, with counters like `Re[2]:`) and
/// list tags (`[partners]`), removed repeatedly in any order.
public enum SubjectTitle {
    static let prefixes: Set<String> = [
        "re", "fw", "fwd", "aw", "sv", "wg", "tr", "rv", "enc", "antw", "vs", "vl", "ref", "réf", "res", "odp", "ynt",
        "ateb", "ymlaen", "r", "external", "ext",
    ]

    public static func title(fromSubject subject: String?) -> String {
        var s = Substring(TextLayout.singleLine(subject ?? "", limit: 1000))
        var changed = true
        var rounds = 0
        while changed, rounds < 50 {
            changed = false
            rounds += 1
            s = s.drop(while: { $0 == " " })
            if s.first == "[", let close = s.firstIndex(of: "]") {
                s = s[s.index(after: close)...]
                changed = true
                continue
            }
            // prefix [ "[" digits "]" | "(" digits ")" ] [ " " ] ( ":" | "：" )
            var j = s.startIndex
            while j < s.endIndex, s[j].isLetter { j = s.index(after: j) }
            let word = s[s.startIndex..<j].lowercased()
            guard prefixes.contains(word) else { break }
            if j < s.endIndex, s[j] == "[" || s[j] == "(" {
                let close: Character = s[j] == "[" ? "]" : ")"
                var k = s.index(after: j)
                while k < s.endIndex, s[k].isNumber { k = s.index(after: k) }
                guard k < s.endIndex, s[k] == close else { break }
                j = s.index(after: k)
            }
            while j < s.endIndex, s[j] == " " { j = s.index(after: j) }
            guard j < s.endIndex, s[j] == ":" || s[j] == "：" else { break }
            s = s[s.index(after: j)...]
            changed = true
        }
        var title = stripOwnPrefix(String(s).trimmingSpaces())
        for suffix in [" (fwd)", " (Fwd)", " (FWD)"] where title.hasSuffix(suffix) { title.removeLast(suffix.count) }
        return title
    }

    /// A partner replying to learnmail's own note ("Received as #42, awaiting review: Tablets")
    /// means the item's title, not the note's.
    static func stripOwnPrefix(_ title: String) -> String {
        for lead in ["Received as #", "Published: #", "Declined: #"] where title.hasPrefix(lead) {
            var rest = title.dropFirst(lead.count)
            guard let first = rest.first, first.isNumber else { return title }
            rest = rest.drop(while: { $0.isNumber })
            for tail in [", awaiting review:", ", held for the facilitator:", ":", ""] where rest.hasPrefix(tail + " ")
            {
                let stripped = rest.dropFirst(tail.count + 1).trimmingCharacters(in: .whitespaces)
                return stripped.isEmpty ? title : stripped
            }
        }
        return title
    }
}
