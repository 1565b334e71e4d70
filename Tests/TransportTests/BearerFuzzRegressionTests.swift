import Foundation
import Testing

@testable import Transport

/// Replays what the `oauth` fuzz target keeps (Tests/CommunityTests/Fixtures/fuzz/oauth-*, read
/// from the source tree: this suite has no resources of its own) through the bearer challenge half
/// of the target (`BearerFuzzPaths`), with hand-made challenges so that the path runs before
/// anything is kept.
@Suite struct BearerFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../CommunityTests/Fixtures/fuzz").standardized

    static let kept: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("oauth-") }.sorted()
    }()

    @Test(arguments: kept)
    func challengePathFinishes(name: String) throws {
        BearerFuzzPaths.challenge([UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name))))
    }

    @Test(arguments: [
        #"{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}"#, #"{"status":403}"#,
        "+ eyJzdGF0dXMiOiI0MDEifQ\r\n", "not json",
    ])
    func challengePathRunsOnChallenges(text: String) {
        BearerFuzzPaths.challenge(Array(text.utf8))
    }
}
