import Foundation
import Testing

@testable import IMAP

/// Replays `Fixtures/fuzz/` (the responses the `imap` fuzz target is seeded with, and every input it
/// kept: `imap-crash-*`, `imap-timeout-*`, `imap-oom-*`) through the same calls as the target
/// (`IMAPFuzzPaths`). Each must finish and keep the target's invariants.
@Suite struct IMAPFuzzRegressionTests {
    static let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("fuzz")
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()

    @Test func seedsAreThere() {
        #expect(Self.inputs.filter { $0.hasPrefix("seed-") }.count >= 12)
    }

    @Test(arguments: inputs)
    func responsesParse(name: String) throws {
        IMAPFuzzPaths.responses([UInt8](try Data(contentsOf: Self.dir.appendingPathComponent(name))))
    }
}
