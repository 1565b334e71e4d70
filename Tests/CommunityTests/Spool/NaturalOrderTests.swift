import CommunityFakes
import Foundation
import Testing

@testable import Community

/// The spool's own natural order must sort its names as Foundation's numeric comparison did.
@Suite struct NaturalOrderTests {
    @Test(arguments: [
        ("imap-7-2", "imap-7-10", true),
        ("imap-7-10", "imap-7-2", false),
        ("imap-7-10", "imap-7-10", false),
        ("imap-9-999", "imap-10-1", true),
        ("maildir-1764158400.M98P1.demo", "maildir-1764158400.M100P1.demo", true),
        ("item-2-notify", "item-10-notify", true),
        ("item-2", "item-2-notify", true),
        ("digest-2026-W48-0002", "digest-2026-W48-0010", true),
        ("a", "b", true),
        ("B", "a", true),
        ("", "a", true),
        ("a", "", false),
    ])
    func ordersNumbersByValue(a: String, b: String, ascending: Bool) {
        #expect(Spool.naturalOrder(a, b) == ascending)
    }

    /// Random spool-shaped names, each pair ordered as `compare(_:options: .numeric)` orders it.
    @Test func agreesWithFoundationsNumericComparison() {
        var random = SplitMix64(seed: 13)
        let pieces = ["imap-", "maildir-", "item-", "-", ".", "M", "P", "notify", "x", "A", "z"]
        func name() -> String {
            var out = ""
            for _ in 0..<Int(random.next() % 6) {
                if random.next() % 2 == 0 {
                    out += pieces[Int(random.next() % UInt64(pieces.count))]
                } else {
                    out += String(random.next() % 1_000_000_000 >> (random.next() % 30))
                }
            }
            return out
        }
        for _ in 0..<5000 {
            let a = name()
            let b = name()
            #expect(
                Spool.naturalOrder(a, b) == (a.compare(b, options: [.numeric]) == .orderedAscending),
                "\(a) vs \(b)")
        }
    }
}
