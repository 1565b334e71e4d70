import Foundation

/// The facilitator's note for the next digest (`learnmail digest note TEXT`, or `note … end` in a
/// reply to the digest's preview), kept in `data/digest-note.json` for the week it belongs to: a
/// note left for a week that has gone out is not carried into the next.
public struct DigestNote: Codable, Sendable, Equatable {
    public var week: String
    public var text: String
    public var by: String
    public var at: Date

    public init(week: String, text: String, by: String, at: Date) {
        self.week = week
        self.text = text
        self.by = by
        self.at = at
    }

    private enum CodingKeys: String, CodingKey { case week, text, by, at }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        week = try c.decode(String.self, forKey: .week)
        text = try c.decode(String.self, forKey: .text)
        by = try c.decode(String.self, forKey: .by)
        at = try ISO8601UTC.decode(c, .at)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(week, forKey: .week)
        try c.encode(text, forKey: .text)
        try c.encode(by, forKey: .by)
        try c.encode(ISO8601UTC.string(from: at), forKey: .at)
    }

    /// The longest note: a few paragraphs, not a newsletter.
    public static let maxCharacters = 2000
}

extension Digests {
    static let notePath = "digest-note.json"

    /// The week the next digest covers.
    var nextDigestWeek: String { schedule.nextDue(after: now, lastSentWeek: session.state.lastDigestWeek).week }

    /// The note for the next digest, if one was left for it.
    public func note() -> DigestNote? {
        guard let note = try? spool.loadJSON(DigestNote.self, at: Self.notePath) else { return nil }
        return note.week == nextDigestWeek ? note : nil
    }

    /// Sets (or with nil, clears) the note that opens the next digest.
    @discardableResult
    public func setNote(_ text: String?, by actor: String) throws -> DigestNote? {
        try spool.withLock {
            session.state = session.loadState()
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                try? FileManager.default.removeItem(atPath: spool.path(Self.notePath))
                return nil
            }
            let note = DigestNote(
                week: nextDigestWeek, text: String(text.prefix(DigestNote.maxCharacters)), by: actor, at: now)
            try spool.saveJSON(note, at: Self.notePath)
            return note
        }
    }

    /// What the digest of `week` carries besides its items: the note left for that week, the
    /// learning sets running that week (and any set one of its items belongs to), in config
    /// order, and the hub's address.
    func extras(week: String, items: [LearningItem]) -> DigestExtras {
        let note = (try? spool.loadJSON(DigestNote.self, at: Self.notePath)).flatMap { $0.week == week ? $0.text : nil }
        var sets: [DigestExtras.LearningSet] = []
        if let w = ISOWeek(week) {
            func day(_ days: Int64) -> String {
                LearningSetMembership.localDay(Date(timeIntervalSince1970: Double(days) * 86_400), .gmt)
            }
            let monday = day(w.monday)
            let sunday = day(w.monday + 6)
            for set in config.learningSets
            where (set.from <= sunday && set.to >= monday) || items.contains(where: { $0.learningSet == set.name }) {
                sets.append(DigestExtras.LearningSet(name: set.name, question: set.question))
            }
        }
        return DigestExtras(note: note, learningSets: sets, siteBaseURL: config.site.baseURL)
    }
}
