import Foundation
import MIME

/// A contribution and the attachment bytes to store, keyed by `AttachmentRecord.storedName`.
public struct ExtractedContribution: Sendable {
    public var contribution: Contribution
    public var attachmentData: [String: [UInt8]]
    /// What the cleaner removed and other remarks, for the log.
    public var notes: [String]
    /// The learning set named in a `Set:` line, as written (`LearningSetMembership` decides).
    public var requestedSet: String? = nil
}

/// Turns a partner's message into a `Contribution` (DESIGN flow 3). Pure: the same message and
/// rules always give the same result. `learnmail extract` prints `contribution` as JSON.
public enum ContributionExtractor {
    public static func extract(_ message: Message, rules: ExtractionRules) -> ExtractedContribution {
        let contributor: Person
        if let from = message.from.first ?? message.sender {
            contributor = Person(name: from.name, address: from.address)
        } else {
            contributor = Person(name: nil, address: message.returnPath ?? "")
        }
        var result = extract(
            subject: message.subject, contributor: contributor, text: message.textBody ?? "",
            messageId: message.messageId, rules: rules)
        var records: [AttachmentRecord] = []
        var data: [String: [UInt8]] = [:]
        for attachment in message.attachments where keep(attachment) {
            let index = records.count + 1
            let display = AttachmentNaming.displayName(
                attachment.filename, contentType: attachment.contentType, index: index)
            let stored = AttachmentNaming.storedName(
                attachment.filename, contentType: attachment.contentType, index: index)
            let bytes = attachment.data
            records.append(
                AttachmentRecord(
                    filename: display, storedName: stored, contentType: attachment.contentType, size: bytes.count))
            data[stored] = bytes
        }
        result.contribution.attachments = records
        result.attachmentData = data
        return result
    }

    /// Signature logos and tracking pixels (small inline images referenced by Content-ID) and
    /// signature/TNEF containers are not part of the contribution.
    static func keep(_ attachment: Attachment) -> Bool {
        let type = attachment.contentType.lowercased()
        if [
            "application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature",
            "application/ms-tnef", "application/vnd.ms-tnef",
        ].contains(type) {
            return false
        }
        if attachment.inline, attachment.contentId != nil, type.hasPrefix("image/"), attachment.size < 16 * 1024 {
            return false
        }
        return true
    }

    /// The text-only part of extraction (also what tests and the CLI use without a Message).
    public static func extract(
        subject: String?, contributor: Person, text: String, messageId: String?, rules: ExtractionRules
    ) -> ExtractedContribution {
        let clean = BodyCleaner.clean(text, subject: subject)
        let (fields, fieldlessBody) = ContributionFields.parse(clean.text)
        // Readers of the digest see where links go, not a security gateway's redirect.
        let body = LinkFinder.unwrappingLinks(in: fieldlessBody)
        var title = SubjectTitle.title(fromSubject: subject)
        if title.isEmpty {
            let first = body.split(separator: "\n").first.map(String.init) ?? ""
            title = first.isEmpty ? "(no subject)" : TextLayout.singleLine(first, limit: 80)
        }
        let organisation = fields.organisation ?? rules.organisation(forDomain: contributor.domain)
        let area = learningArea(field: fields.area, title: title, body: body, rules: rules)
        var tags: [String] = []
        for tag in fields.tags + hashtags(in: title + "\n" + body) where !tags.contains(tag) { tags.append(tag) }
        let summary =
            fields.summary.map { TextLayout.singleLine($0, limit: 1000) } ?? summarise(body, limit: rules.summaryLimit)
        var links: [String] = []
        for link in fields.links.map(LinkFinder.unwrap) + LinkFinder.links(in: body) where !links.contains(link) {
            links.append(link)
        }
        let contribution = Contribution(
            title: title, contributor: contributor, organisation: organisation, learningArea: area, tags: tags,
            summary: summary, body: body, links: links, attachments: [], messageId: messageId,
            forwardedFrom: clean.forwardedFrom)
        return ExtractedContribution(
            contribution: contribution, attachmentData: [:], notes: clean.removed, requestedSet: fields.learningSet)
    }

    /// The `Area:` field matched case-insensitively to a configured area; else the area whose
    /// keywords occur most often as whole words (ties to the first listed); else the default.
    public static func learningArea(field: String?, title: String, body: String, rules: ExtractionRules) -> String {
        if let field {
            let f = field.lowercased().trimmingSpaces()
            if let area = rules.learningAreas.first(where: { $0.name.lowercased() == f }) { return area.name }
            if f == rules.defaultArea.lowercased() { return rules.defaultArea }
        }
        let text = (title + "\n" + body).lowercased()
        let counts = KeywordCounter(rules.learningAreas.flatMap(\.keywords)).counts(in: text)
        var best: (name: String, hits: Int)?
        var first = 0
        for area in rules.learningAreas {
            let hits = counts[first..<(first + area.keywords.count)].reduce(0, +)
            first += area.keywords.count
            if hits > 0, hits > (best?.hits ?? 0) { best = (area.name, hits) }
        }
        return best?.name ?? rules.defaultArea
    }

    /// How often `keyword` occurs in `text` (lowercased) as a whole word.
    static func wholeWordCount(of keyword: String, in text: String) -> Int {
        KeywordCounter([keyword]).counts(in: text)[0]
    }

    /// `#hashtags` at a word start, not all digits ("#42" is an item number), lowercased.
    static func hashtags(in text: String) -> [String] {
        // Most bodies have no "#" at all: then there is no need for their Characters.
        guard text.utf8.contains(UInt8(ascii: "#")) else { return [] }
        let chars = Array(text)
        var out: [String] = []
        var i = 0
        while i < chars.count {
            if chars[i] == "#", i == 0 || chars[i - 1].isWhitespace || "([,;".contains(chars[i - 1]) {
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "-" {
                    j += 1
                }
                var tag = String(chars[(i + 1)..<j]).lowercased()
                while tag.hasSuffix("-") { tag.removeLast() }
                if !tag.isEmpty, !tag.allSatisfy(\.isNumber), tag.first?.isLetter == true, !out.contains(tag) {
                    out.append(tag)
                }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// The first paragraph (skipping a greeting such as "Hi all,"), whitespace collapsed, cut at
    /// the last sentence end within `limit` characters (or at a word, with "…").
    public static func summarise(_ body: String, limit: Int = 280) -> String {
        var paragraphs: [String] = []
        var current: [String] = []
        for line in BodyCleaner.splitLines(body) {
            if line.trimmingSpaces().isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        // Skip a greeting ("Hi all,") and other short openers ("(English below)") while more follows.
        var index = 0
        while index + 1 < paragraphs.count, index < 3 {
            let p = TextLayout.singleLine(paragraphs[index], limit: 200)
            let words = p.split(separator: " ").count
            let opener = words < 4 && !(p.hasSuffix(".") || p.hasSuffix("!") || p.hasSuffix("?"))
            guard opener || (p.count <= 40 && (p.hasSuffix(",") || isGreeting(p))) else { break }
            index += 1
        }
        let paragraph = paragraphs.isEmpty ? "" : TextLayout.singleLine(paragraphs[index], limit: 100_000)
        guard paragraph.count > limit else { return paragraph }
        let chars = Array(paragraph)
        var cut: Int?
        for k in stride(from: min(limit, chars.count) - 1, through: limit / 3, by: -1)
        where ".!?".contains(chars[k]) && (k + 1 == chars.count || chars[k + 1] == " ") {
            cut = k + 1
            break
        }
        if let cut { return String(chars[..<cut]) }
        var end = limit - 1
        while end > 0, chars[end] != " " { end -= 1 }
        if end == 0 { end = limit - 1 }
        return String(chars[..<end]).trimmingSpaces() + "…"
    }

    private static func isGreeting(_ p: String) -> Bool {
        let l = p.lowercased()
        return ["hi", "hello", "dear", "helo", "shwmae", "bonjour", "hallo", "hola", "good morning", "morning"]
            .contains(where: { l.hasPrefix($0) }) && (l.hasSuffix(",") || l.hasSuffix("!"))
    }
}
