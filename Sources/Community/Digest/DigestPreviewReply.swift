import Foundation

/// A moderator's reply to the digest's preview (DESIGN.md "Learning sets and the facilitator's
/// voice"): `hold 42` (or `hold 42, 43`) keeps items out of this week's digest; `note` on a line
/// of its own starts the note that opens the digest, up to a line `end` or the end of the
/// commands. As with moderation replies, the first other line ends the commands, and quoted
/// text is never read.
public struct DigestPreviewReply: Sendable, Equatable {
    public var holds: [Int] = []
    public var note: String?
    /// A line that looked like a command but did not parse (`hold forty-two`).
    public var malformed: String?

    public init(holds: [Int] = [], note: String? = nil, malformed: String? = nil) {
        self.holds = holds
        self.note = note
        self.malformed = malformed
    }

    public var isEmpty: Bool { holds.isEmpty && note == nil }

    public static func parse(_ body: String) -> DigestPreviewReply {
        let raw = BodyCleaner.splitLines(body)
        let lines = raw.map(ModerationReply.normalise)
        var reply = DigestPreviewReply()
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.isEmpty {
                i += 1
                continue
            }
            if reply.isEmpty, let end = ModerationReply.leadingQuoteEnd(lines, at: i) {
                i = end
                continue
            }
            if line.hasPrefix(">") || line.hasPrefix("|") { break }
            let words = line.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == ":" })
            if words.first == "note", words.count == 1 {
                // The note's own lines keep their spacing; it ends at "end", a quote or the text's end.
                var text: [String] = []
                i += 1
                while i < lines.count, lines[i].lowercased() != "end", !lines[i].hasPrefix(">"),
                    BodyCleaner.attributionSpan(lines, at: i) == nil
                {
                    text.append(raw[i].trimmingCharacters(in: .whitespaces))
                    i += 1
                }
                let note = text.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                if !note.isEmpty { reply.note = String(note.prefix(DigestNote.maxCharacters)) }
                i += 1
                continue
            }
            if words.first == "hold", words.count > 1 {
                let numbers = words.dropFirst().map { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: "#."))) }
                guard numbers.allSatisfy({ $0 != nil }) else {
                    reply.malformed = line
                    break
                }
                for n in numbers.compactMap({ $0 }) where !reply.holds.contains(n) { reply.holds.append(n) }
                i += 1
                continue
            }
            if words.first == "hold" || words.first == "note" { reply.malformed = line }
            break
        }
        return reply
    }
}

/// Where a preview's token travels: the subject tag `[learnmail digest 2026-W49 tok:…]` and the
/// Reply-To plus-address `learning+preview-…@example.org`.
public enum DigestPreviewToken {
    public static func subjectTag(week: String, token: ModerationToken, tag: String = "learnmail") -> String {
        "[\(tag) digest \(week) tok:\(token.text)]"
    }

    public static func replyAddress(_ token: ModerationToken, community address: String) -> String {
        token.replyAddress(community: address, marker: "preview")
    }

    /// The token of a reply to a preview: from a `+preview-` address, else from a subject that
    /// carries the digest tag. Nil for everything else (item tokens included).
    public static func find(subject: String?, addresses: [String], tag: String = "learnmail") -> ModerationToken? {
        if let token = addresses.lazy.compactMap({ ModerationToken.parsePlusAddress($0, marker: "preview") }).first {
            return token
        }
        guard let subject, mentionsPreview(subject, tag: tag) else { return nil }
        return ModerationToken.parseSubject(subject)?.token
    }

    /// True when the subject carries the preview's tag (with or without a token): a reply that
    /// lost its token is refused rather than taken for a contribution.
    public static func mentionsPreview(_ subject: String, tag: String = "learnmail") -> Bool {
        subject.lowercased().contains("[\(tag.lowercased()) digest ")
    }
}
