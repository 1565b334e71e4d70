import Foundation
import Testing

@testable import Community

/// Replays what the `intake` and `command` fuzz targets keep (`Fixtures/fuzz/intake-*`,
/// `command-*`: inputs that once crashed, hung or blew memory) and every `.eml` fixture of this
/// suite through the same calls the targets make (`IntakeFuzzPaths`). Each must finish; a crash
/// here is a regression of a fixed fuzz finding.
@Suite struct FuzzRegressionTests {
    static func files(_ folder: String, prefix: String = "", suffix: String = "") -> [String] {
        let dir = IntakeFixtures.root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted().map { folder + "/" + $0 }
    }

    static let intakeInputs = files("fuzz", prefix: "intake-")
    static let commandInputs = files("fuzz", prefix: "command-")
    static let emlFixtures: [String] = {
        let root = IntakeFixtures.root
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return folders.sorted().flatMap { files($0, suffix: ".eml") }
    }()

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: IntakeFixtures.root.appendingPathComponent(path)))
    }

    @Test func fixturesAreThere() {
        // Every .eml fixture is replayed, the issue 11 reproduction among them.
        #expect(Self.emlFixtures.count >= 20)
        #expect(Self.emlFixtures.contains("bounces/growing-capitals-text.eml"))
    }

    @Test(arguments: intakeInputs + emlFixtures)
    func intakePathFinishes(path: String) throws {
        IntakeFuzzPaths.intake(try Self.bytes(path))
    }

    @Test(arguments: commandInputs + emlFixtures)
    func commandPathFinishes(path: String) throws {
        IntakeFuzzPaths.command(try Self.bytes(path))
    }
}
