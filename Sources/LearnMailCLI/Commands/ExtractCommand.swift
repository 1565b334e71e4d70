import Community
import Foundation
import MIME

/// `learnmail extract FILE [--json]`: the learning item learnmail would make of a message,
/// with the partner list and learning areas of the config when there is one.
struct ExtractCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: ["json"])
        guard arguments.positionals.count == 1 else { throw UsageError("usage: extract FILE [--json]") }
        let rules: ExtractionRules
        if context.explicitConfig != nil || FileManager.default.fileExists(atPath: context.configPath) {
            rules = ExtractionRules(try context.loadConfig())
        } else {
            rules = ExtractionRules(partners: [], learningAreas: [])
        }
        let message = Message(try readFile(arguments.positionals[0]))
        let extraction = ContributionExtractor.extract(message, rules: rules)
        let c = extraction.contribution
        if arguments.has("json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            context.terminal.print(String(decoding: try encoder.encode(c), as: UTF8.self))
            return
        }
        let t = context.terminal
        t.print("Title:         \(c.title)")
        t.print(
            "Contributor:   \(c.contributor.name.map { "\($0) <\(c.contributor.address)>" } ?? c.contributor.address)")
        if let original = c.forwardedFrom { t.print("Forwarded from: \(original.name ?? "") <\(original.address)>") }
        t.print("Organisation:  \(c.organisation ?? "(unknown)")")
        t.print("Area:          \(c.learningArea)")
        t.print("Tags:          \(c.tags.isEmpty ? "(none)" : c.tags.joined(separator: ", "))")
        t.print("Summary:       \(c.summary)")
        if !c.links.isEmpty { t.print("Links:\n" + c.links.map { "  \($0)" }.joined(separator: "\n")) }
        if !c.attachments.isEmpty {
            t.print(
                "Attachments:\n"
                    + c.attachments.map { "  \($0.filename) → \($0.storedName) (\($0.contentType), \($0.size) bytes)" }
                    .joined(separator: "\n"))
        }
        t.print("\n\(c.body)")
        for note in extraction.notes { t.print("Note: \(note)") }
    }
}
