import Foundation
import MIME

@testable import Community

/// Reads fixtures copied into the test bundle (`Fixtures/<folder>/<name>.<ext>`).
enum IntakeFixtures {
    static var root: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    /// Names (without extension) of the `.eml` files in a fixture folder, sorted.
    static func names(_ folder: String) -> [String] {
        let dir = root.appendingPathComponent(folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func bytes(_ folder: String, _ name: String, _ ext: String = "eml") -> [UInt8] {
        let url = root.appendingPathComponent(folder).appendingPathComponent(name + "." + ext)
        return (try? [UInt8](Data(contentsOf: url))) ?? []
    }

    static func message(_ folder: String, _ name: String) -> Message { Message(bytes(folder, name)) }

    /// The rules every contribution fixture is extracted with.
    static let rules = ExtractionRules(
        partners: [
            .init(organisation: "Example Housing", domains: ["examplehousing.org.uk"]),
            .init(organisation: "Cardiff Digital Hub", domains: ["cardiffdigital.cymru"]),
            .init(organisation: "Age Friendly Leeds", domains: ["agefriendlyleeds.org.uk"]),
        ],
        learningAreas: [
            .init(name: "Digital Champions", keywords: ["champion", "champions", "volunteer", "volunteers"]),
            .init(name: "Devices and Data", keywords: ["tablet", "tablets", "laptop", "laptops", "data", "sim"]),
            .init(name: "Online Safety", keywords: ["scam", "scams", "phishing", "fraud", "password", "passwords"]),
        ])
}
