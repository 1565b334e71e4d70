import CommunityFakes
import Foundation
import MIME
import Testing

@testable import Community

/// Mutated fixtures and random bytes through the readers: no crash, no hang, bounded time.
@Suite struct BounceRobustnessTests {
    static func fixtures() throws -> [[UInt8]] {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("bounces")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map {
            Array(try Data(contentsOf: dir.appendingPathComponent($0)))
        }
    }

    @Test func mutatedFixturesNeverCrash() throws {
        var rng = SplitMix64(seed: 2026)
        let list = ListIdentity(name: "L", address: "learning@example.org", listId: "learning.example.org")
        let start = Date()
        var read = 0
        for original in try Self.fixtures() {
            for _ in 0..<60 {
                var bytes = original
                // Flip, drop, duplicate and truncate at random places.
                for _ in 0..<Int(rng.next(upperBound: UInt32(8)) + 1) {
                    guard !bytes.isEmpty else { break }
                    let at = Int(rng.next(upperBound: UInt32(bytes.count)))
                    switch rng.next(upperBound: UInt32(4)) {
                    case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: bytes.remove(at: at)
                    case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 40)], at: at)
                    default: bytes.removeSubrange(at...)
                    }
                }
                let m = Message(bytes)
                if BounceReader.read(m) != nil { read += 1 }
                _ = SubscriptionRequest.detect(in: m, communityAddress: list.address)
                _ = VERP.token(inRecipients: m.deliveryRecipients, list: list)
            }
        }
        #expect(read > 0)
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test func randomCSVNeverCrashes() {
        var rng = SplitMix64(seed: 9)
        let alphabet = Array("ab@.,;\"\r\n x-+<>é\u{FEFF}".unicodeScalars)
        for _ in 0..<300 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next(upperBound: UInt32(200))) {
                s.append(alphabet[Int(rng.next(upperBound: UInt32(alphabet.count)))])
            }
            var list = SubscriberList()
            let report = list.importCSV(String(s), now: Date(timeIntervalSince1970: 0), using: &rng)
            // Everything added is valid and active; nothing is added twice.
            #expect(list.subscribers.count == report.added.count)
            #expect(list.subscribers.allSatisfy { (try? EmailAddressSyntax.normalise($0.address).get()) == $0.address })
        }
    }
}
