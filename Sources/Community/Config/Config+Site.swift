import Foundation

/// The `site` object and the `learningSets` array (DESIGN.md "Knowledge hub", "Learning sets").
extension ObjectReader {
    func siteSettings(absolute: (String) -> String) throws -> Config.Site {
        let reader = try object("site", optional: true)
        var site = Config.Site()
        site.directory = try reader.string("directory", default: nil).map(absolute)
        if let url = try reader.string("baseURL", default: nil) {
            let lower = url.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
                !url.unicodeScalars.contains(where: { $0.value <= 0x20 || "\"<>\\".unicodeScalars.contains($0) })
            else {
                throw reader.error(
                    at: "baseURL", "expected an http(s) URL such as https://learning.example.org/, got '\(url)'")
            }
            site.baseURL = url.hasSuffix("/") ? url : url + "/"
        }
        try reader.rejectUnknownKeys()
        return site
    }

    func learningSets() throws -> [Config.LearningSet] {
        var sets: [Config.LearningSet] = []
        for (index, entry) in try objectArray("learningSets").enumerated() {
            let name = try entry.string("name").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw entry.error(at: "name", "expected the set's name") }
            guard !sets.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw entry.error(at: "name", "another learning set is called '\(name)'")
            }
            let from = try entry.string("from")
            let to = try entry.string("to")
            guard let start = ISO8601UTC.day(from) else {
                throw entry.error(at: "from", "expected a day as YYYY-MM-DD, got '\(from)'")
            }
            guard let end = ISO8601UTC.day(to) else {
                throw entry.error(at: "to", "expected a day as YYYY-MM-DD, got '\(to)'")
            }
            guard start <= end else { throw entry.error(at: "to", "the set ends (\(to)) before it starts (\(from))") }
            sets.append(
                Config.LearningSet(
                    name: name, from: from, to: to, question: try entry.string("question", default: nil),
                    areas: entry.has("areas") ? try entry.stringArray("areas") : []))
            try entry.rejectUnknownKeys()
            _ = index
        }
        return sets
    }
}
