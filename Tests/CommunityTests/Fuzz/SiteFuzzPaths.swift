// The pure paths the `site` fuzz target drives: whatever a contributor, a moderator or a config
// puts in a learning item, through the knowledge hub's builder and the digest. Shared by the
// libFuzzer build (`scripts/fuzz` compiles this file with Sources/Community and Sources/MIME as one
// module, -D LEARNMAIL_FUZZ) and by `SiteFuzzRegressionTests`, which replays every kept input.
//
// Besides not crashing, the hub must stay inert and its feeds readable, so the target checks that
// no page holds a `<script` but the search page's two, and that every Atom feed is well-formed
// (tags of Atom only, balanced, entities valid, no character XML 1.0 forbids).
import Foundation

#if !LEARNMAIL_FUZZ
    @testable import Community
#endif

enum SiteFuzzPaths {
    static let published = Date(timeIntervalSince1970: 1_795_000_000)
    static let zone = TimeZone(identifier: "Europe/London") ?? TimeZone(secondsFromGMT: 0)!

    /// The input's fields, parted by the byte 0x1F (unit separator), in this order; missing ones are empty.
    enum Field: Int, CaseIterable {
        case title, contributor, organisation, area, tags, summary, body, links, attachments, learningSet, note,
            question, communityName, baseURL, forwardedFrom
    }

    static func fields(_ bytes: [UInt8]) -> [String] {
        var out = bytes.split(separator: 0x1F, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        while out.count < Field.allCases.count { out.append("") }
        return out
    }

    static func item(_ id: Int, _ f: [String], setName: String?) -> LearningItem {
        func field(_ k: Field) -> String { f[k.rawValue] }
        let attachments = field(.attachments).split(whereSeparator: \.isNewline).enumerated().map { index, name in
            let type = index % 2 == 0 ? "application/pdf" : "text/html"
            return AttachmentRecord(
                filename: AttachmentNaming.displayName(String(name), contentType: type, index: index + 1),
                storedName: AttachmentNaming.storedName(String(name), contentType: type, index: index + 1),
                contentType: type, size: name.utf8.count * 1000)
        }
        return LearningItem(
            id: id, status: .published,
            contribution: Contribution(
                title: field(.title),
                contributor: Person(
                    name: field(.contributor).isEmpty ? nil : field(.contributor), address: "ann@example.org"),
                organisation: field(.organisation).isEmpty ? nil : field(.organisation),
                learningArea: field(.area),
                tags: field(.tags).split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                summary: field(.summary), body: field(.body),
                links: field(.links).split(whereSeparator: \.isNewline).map(String.init),
                attachments: attachments,
                forwardedFrom: field(.forwardedFrom).isEmpty
                    ? nil : Person(name: field(.forwardedFrom), address: "fwd@example.org")),
            receivedAt: published.addingTimeInterval(-86_400),
            history: [HistoryEntry(at: published, action: "published", by: "learnmail", note: "digest 2026-W48")],
            digestWeek: "2026-W48", learningSet: setName)
    }

    static func build(_ bytes: [UInt8]) {
        let f = fields(bytes)
        func field(_ k: Field) -> String { f[k.rawValue] }
        let setName = field(.learningSet)
        var sets = [SiteLearningSet(name: "Champions", question: "What works?", from: "2026-11-02", to: "2027-01-29")]
        if !setName.isEmpty, !sets.contains(where: { $0.name == setName }) {
            sets.append(
                SiteLearningSet(name: setName, question: field(.question), from: "2026-11-02", to: "2027-01-29"))
        }
        // Two items from the same fields (their slugs, areas and tags collide) and a third with the
        // title as its only text; one in the fuzzed set, one in the fixed one.
        var titleOnly = Array(repeating: "", count: Field.allCases.count)
        titleOnly[Field.title.rawValue] = field(.title)
        var third = item(3, titleOnly, setName: nil)
        third.contribution.learningArea = field(.tags)
        let items = [
            item(1, f, setName: setName.isEmpty ? nil : setName), item(2, f, setName: "Champions"), third,
        ]
        let baseURL = field(.baseURL).isEmpty ? nil : field(.baseURL)
        let name = field(.communityName).isEmpty ? "One Digital" : field(.communityName)
        let content = SiteContent(
            name: name, address: "learning@example.org", baseURL: baseURL, timeZone: zone, items: items,
            earlierSlugs: [1: [SiteSlug.make(field(.summary))]], learningSets: sets)
        let plan = SiteRenderer(content).plan()
        for file in plan.files {
            checkPath(file.path)
            let text = String(decoding: file.bytes, as: UTF8.self)
            if file.path.hasSuffix(".html") {
                let scripts = occurrences(of: "<script", in: text)
                precondition(
                    scripts == (file.path == "search.html" ? 2 : 0), "\(scripts) <script in \(file.path)")
            } else if file.path.hasSuffix(".xml") {
                if let problem = FeedCheck.problem(text) { preconditionFailure("\(file.path): \(problem)") }
            }
        }
        for copy in plan.attachments {
            checkPath(copy.path)
            precondition(copy.path.hasPrefix("files/\(copy.item)/"), "attachment copied to \(copy.path)")
        }
        // The digest, with the note and the sets, linking to the hub when there is a base URL.
        var approved = items
        for i in approved.indices {
            approved[i].status = .approved
            approved[i].digestWeek = nil
        }
        let community = ListIdentity(
            name: name, address: "learning@example.org", listId: "learning.example.org",
            learningAreas: [field(.area), "Digital Champions"])
        let digest = DigestRenderer.render(
            items: approved, community: community, week: "2026-W49",
            unsubscribeAddress: "learning+unsubscribe-abc@example.org",
            unsubscribeURL: baseURL,
            extras: DigestExtras(
                note: field(.note),
                learningSets: sets.map { DigestExtras.LearningSet(name: $0.name, question: $0.question) },
                siteBaseURL: content.baseURL))
        precondition(occurrences(of: "<script", in: digest.html) == 0, "<script in the digest's HTML")
        _ = (digest.subject, digest.text, digest.headers)
    }

    /// A site path: relative, inside the site, no empty or dot components.
    static func checkPath(_ path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        precondition(
            !path.hasPrefix("/") && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." },
            "site path \(path.debugDescription)")
        precondition(
            path.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x21 && $0 != "\\" },
            "site path \(path.debugDescription)")
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        // ASCII case folding only: what a browser's tokenizer does with a tag name.
        let hay = Array(text.utf8).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        let n = Array(needle.utf8)
        guard hay.count >= n.count else { return 0 }
        var count = 0
        for i in 0...(hay.count - n.count) where hay[i] == n[0] && Array(hay[i..<i + n.count]) == n { count += 1 }
        return count
    }
}

/// Enough of an XML reader to tell a well-formed Atom feed from a broken one: the elements are
/// Atom's own, balanced, attribute values quoted without `<`, every `&` an entity, and no
/// character XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF).
enum FeedCheck {
    static let elements: Set<String> = [
        "feed", "title", "subtitle", "id", "updated", "published", "author", "name", "generator", "link", "entry",
        "category", "summary", "content",
    ]

    static func problem(_ text: String) -> String? {
        let s = Array(text.unicodeScalars)
        for c in s {
            switch c.value {
            case 0x09, 0x0A, 0x0D: continue
            case 0x00..<0x20, 0xFFFE, 0xFFFF: return "character U+\(String(c.value, radix: 16)) is not allowed in XML"
            default: continue
            }
        }
        var i = 0
        let prolog = Array("<?xml version=\"1.0\" encoding=\"utf-8\"?>".unicodeScalars)
        guard s.starts(with: prolog) else { return "no XML declaration" }
        i = prolog.count
        var stack: [String] = []
        var sawRoot = false
        func isNameScalar(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || c == ":") }
        func entity(at start: Int) -> Int? {
            // s[start] == "&": the index after the entity's ";".
            var j = start + 1
            var body = ""
            while j < s.count, s[j] != ";", j - start < 12 {
                body.unicodeScalars.append(s[j])
                j += 1
            }
            guard j < s.count, s[j] == ";" else { return nil }
            if ["amp", "lt", "gt", "quot", "apos"].contains(body) { return j + 1 }
            if body.hasPrefix("#x"), body.count > 2, body.dropFirst(2).allSatisfy(\.isHexDigit) { return j + 1 }
            if body.hasPrefix("#"), body.count > 1, body.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
                return j + 1
            }
            return nil
        }
        while i < s.count {
            let c = s[i]
            if c == "&" {
                guard let next = entity(at: i) else { return "a bare & at scalar \(i)" }
                i = next
                continue
            }
            guard c == "<" else {
                if stack.isEmpty, !c.properties.isWhitespace { return "text outside the root at scalar \(i)" }
                i += 1
                continue
            }
            i += 1
            let closing = i < s.count && s[i] == "/"
            if closing { i += 1 }
            var name = ""
            while i < s.count, isNameScalar(s[i]) {
                name.unicodeScalars.append(s[i])
                i += 1
            }
            guard elements.contains(name) else { return "element <\(name)> at scalar \(i): raw < in text?" }
            if closing {
                guard i < s.count, s[i] == ">", stack.last == name else { return "</\(name)> does not close" }
                stack.removeLast()
                i += 1
                continue
            }
            if stack.isEmpty {
                guard !sawRoot, name == "feed" else { return "a second root <\(name)>" }
                sawRoot = true
            }
            // Attributes: name="value", then > or />.
            while true {
                while i < s.count, s[i] == " " { i += 1 }
                guard i < s.count else { return "<\(name) not closed" }
                if s[i] == ">" {
                    stack.append(name)
                    i += 1
                    break
                }
                if s[i] == "/", i + 1 < s.count, s[i + 1] == ">" {
                    i += 2
                    break
                }
                var attribute = ""
                while i < s.count, isNameScalar(s[i]) {
                    attribute.unicodeScalars.append(s[i])
                    i += 1
                }
                guard !attribute.isEmpty, i + 1 < s.count, s[i] == "=", s[i + 1] == "\"" else {
                    return "attribute of <\(name)> at scalar \(i)"
                }
                i += 2
                while i < s.count, s[i] != "\"" {
                    if s[i] == "<" { return "< in an attribute of <\(name)>" }
                    if s[i] == "&" {
                        guard let next = entity(at: i) else { return "a bare & in an attribute of <\(name)>" }
                        i = next
                    } else {
                        i += 1
                    }
                }
                guard i < s.count else { return "unterminated attribute of <\(name)>" }
                i += 1
            }
        }
        guard sawRoot, stack.isEmpty else { return "unclosed elements: \(stack)" }
        return nil
    }
}
