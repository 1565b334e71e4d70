import Foundation

/// Which learning set an item joins (DESIGN.md "Learning sets"): the set its `Set:` line names,
/// else the first set, in config order, whose dates hold the day it arrived (in the community's
/// zone) and whose areas hold its area (a set naming no areas takes every area). A moderator's
/// `set NAME` or `set none` decides over both, later.
public enum LearningSetMembership {
    public static func set(
        requested: String?, area: String, arrivedAt: Date, sets: [Config.LearningSet], timeZone: TimeZone
    ) -> String? {
        if let requested, let named = named(requested, in: sets) { return named.name }
        let day = localDay(arrivedAt, timeZone)
        return sets.first { set in
            set.from <= day && day <= set.to
                && (set.areas.isEmpty || set.areas.contains { $0.lowercased() == area.lowercased() })
        }?.name
    }

    /// A set by name, ignoring case and surrounding spaces and quotes: partners type names by hand.
    public static func named(_ text: String, in sets: [Config.LearningSet]) -> Config.LearningSet? {
        let wanted = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'“”‘’")).lowercased()
        return sets.first { $0.name.lowercased() == wanted }
    }

    /// `YYYY-MM-DD` of the moment in the zone: compared as text with the config's days.
    static func localDay(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }
}
