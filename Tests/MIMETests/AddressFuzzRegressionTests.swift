import Foundation
import Testing

@testable import MIME

/// Replays `Fixtures/fuzz-address/` (seed headers and every input the `address` fuzz target kept)
/// through the same calls as the target (`AddressFuzzPaths`): the fast path, when it answers, must
/// agree with the full parser.
@Suite struct AddressFuzzRegressionTests {
    static let dir = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("fuzz-address")
    static let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()

    @Test func seedsAreThere() {
        #expect(Self.inputs.count >= 13)
    }

    @Test(arguments: inputs)
    func addressListsParse(name: String) throws {
        AddressFuzzPaths.addresses([UInt8](try Data(contentsOf: Self.dir.appendingPathComponent(name))))
    }
}
