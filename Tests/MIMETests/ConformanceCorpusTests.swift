import Foundation
import Testing

@testable import MIME

/// Compares every kept field of `conformance/*/*.expected.json` (two independent parsers agreeing)
/// with our parse, normalised as that corpus's README says. Target: at least 98% of fields.
struct ConformanceCorpusTests {
    static let sources = ["mime4j", "mimetools", "cpython", "mimekit", "mailparser"]

    @Test(.enabled(if: CorpusSupport.available, CorpusSupport.skipNote)) func conformanceCorpus() throws {
        let base = CorpusSupport.root.appendingPathComponent("conformance")
        var rows = [CorpusSupport.Tally]()
        for source in Self.sources {
            var tally = CorpusSupport.Tally(name: source)
            for expectedURL in CorpusSupport.files(in: base.appendingPathComponent(source), suffix: ".expected.json") {
                guard let doc = CorpusSupport.json(expectedURL) as? [String: Any],
                    let fields = doc["fields"] as? [String: Any], let file = doc["file"] as? String
                else { continue }
                let message = Message(
                    CorpusSupport.bytes(expectedURL.deletingLastPathComponent().appendingPathComponent(file)))
                for (key, expected) in fields.sorted(by: { $0.key < $1.key }) {
                    let (ok, ours) = Self.compare(key, expected, message)
                    tally.score(ok, "\(file) \(key): expected \(Self.short(expected)) got \(ours)")
                }
            }
            rows.append(tally)
        }
        CorpusSupport.printTable("Conformance corpus (conformance/*/*.expected.json)", rows)
        let total = rows.reduce(into: (0, 0)) {
            $0.0 += $1.compared
            $0.1 += $1.matched
        }
        #expect(total.0 > 1500)
        #expect(Double(total.1) >= 0.98 * Double(total.0), "conformance below 98%: \(total.1)/\(total.0)")
    }

    static func short(_ v: Any) -> String {
        let s = "\(v)".replacingOccurrences(of: "\n", with: " ")
        return s.count > 300 ? String(s.prefix(300)) + "…" : s
    }

    static func anyOf(_ v: Any) -> [Any] {
        if let d = v as? [String: Any], let list = d["anyOf"] as? [Any] { return list }
        return [v]
    }

    static func compare(_ key: String, _ expected: Any, _ m: Message) -> (Bool, String) {
        switch key {
        case "subject":
            let ours = CorpusSupport.normalise(m.subject)
            return (ours == (expected as? String).flatMap(CorpusSupport.normalise), "\(ours ?? "nil")")
        case "from", "to", "cc":
            let list = key == "from" ? m.from : key == "to" ? m.to : m.cc
            let ours = list.map(\.address).filter { !$0.isEmpty }.sorted()
            let want = ((expected as? [String]) ?? []).map { $0.lowercased() }.sorted()
            return (ours == want, "\(ours)")
        case "date":
            return (m.date?.iso8601 == expected as? String, m.date?.iso8601 ?? "nil")
        case "messageId":
            return (m.messageId == expected as? String, m.messageId ?? "nil")
        case "textBody", "htmlBody":
            // Files uuencoded in the text are attachments for us, text for the oracles (see
            // Fixtures/CONFORMANCE-DIFFERENCES.md): compared as the oracles read them.
            let text = key == "htmlBody" ? m.htmlBody : (m.textWithUUEncodedFiles?.text ?? m.textBody)
            let ours = CorpusSupport.normalise(text)
            let ok = anyOf(expected).contains { ($0 as? String).flatMap(CorpusSupport.normalise) == ours }
            return (ok, ours.map { $0.count > 300 ? String($0.prefix(300)) + "…" : $0 } ?? "nil")
        case "attachments":
            let ours = m.attachments.dropLast(m.textWithUUEncodedFiles?.files ?? 0).map {
                ($0.filename, $0.size, $0.contentType.hasPrefix("message/"))
            }
            let ok = anyOf(expected).contains { option in
                guard let list = option as? [[String: Any]] else { return false }
                return matchAttachments(ours, list)
            }
            return (ok, "\(ours.map { "\($0.0 ?? "nil"):\($0.1)" })")
        case "leafParts":
            let counts = leafCounts(m)
            let ok = anyOf(expected).contains { ($0 as? Int).map(counts.contains) ?? false }
            return (ok, "\(counts)")
        default:
            return (true, "")
        }
    }

    /// Multiset match of (filename, size) where the expected sizes list the accepted values (null: any).
    static func matchAttachments(_ ours: [(String?, Int, Bool)], _ expected: [[String: Any]]) -> Bool {
        guard ours.count == expected.count else { return false }
        var remaining = expected
        for (name, size, isMessage) in ours {
            guard
                let i = remaining.firstIndex(where: { e in
                    let en = e["filename"] as? String
                    guard en == name else { return false }
                    if isMessage { return true }
                    guard let sizes = e["sizes"] as? [Int] else { return true }
                    return sizes.contains(size)
                })
            else { return false }
            remaining.remove(at: i)
        }
        return true
    }

    /// Leaf counts under both accepted readings of message/rfc822: one leaf, or descended into.
    static func leafCounts(_ m: Message) -> Set<Int> {
        let parts = m.parts
        let descended =
            parts.filter { !$0.contentType.hasPrefix("multipart/") && !isMessage($0.contentType) }.count
            + parts.filter { m in isMessage(m.contentType) && !parts.contains { $0.path.hasPrefix(m.path + ".") } }
            .count
        let messagePaths = parts.filter { isMessage($0.contentType) }.map(\.path)
        let asLeaf = parts.filter { p in
            !p.contentType.hasPrefix("multipart/") && !messagePaths.contains { p.path.hasPrefix($0 + ".") }
        }.count
        return [descended, asLeaf]
    }

    static func isMessage(_ t: String) -> Bool { t == "message/rfc822" || t == "message/global" }
}
