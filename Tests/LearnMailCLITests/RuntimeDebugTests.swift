import DurableFiles
import Foundation
import Testing

@testable import Community
@testable import LearnMailCLI

/// The debug-only switches scripts/fault-test and scripts/load-test drive a real binary with
/// (LEARNMAIL_DEBUG_NOW, LEARNMAIL_DEBUG_RSS_EVERY), and the full-disk error the admin sees.
@Suite struct RuntimeDebugTests {
    #if DEBUG
        @Test(arguments: [
            ("+86400", 86_400.0), ("-3600", -3_600.0), ("+0", 0.0),
            ("2026-12-07T09:05:00Z", 1_796_634_300.0 - 1_796_290_000.0),
        ])
        func debugClockMovesTime(setting: String, expectedOffset: Double) throws {
            let realNow = Date(timeIntervalSince1970: 1_796_290_000)
            let clock = try #require(DebugClock(setting: setting, realNow: realNow))
            #expect(abs(clock.offset - expectedOffset) < 0.001)
        }

        @Test(arguments: ["", "tomorrow", "86400", "2026-12-07 09:05", "+1d"])
        func debugClockRefusesWhatItCannotRead(setting: String) {
            #expect(DebugClock(setting: setting) == nil)
        }

        @Test func defaultClockFollowsTheEnvironment() {
            let moved = Runtime.defaultClock(environment: ["LEARNMAIL_DEBUG_NOW": "+7200"])
            #expect(abs(moved.now.timeIntervalSinceNow - 7200) < 5)
            let real = Runtime.defaultClock(environment: [:])
            #expect(abs(real.now.timeIntervalSinceNow) < 5)
            let unreadable = Runtime.defaultClock(environment: ["LEARNMAIL_DEBUG_NOW": "soon"])
            #expect(abs(unreadable.now.timeIntervalSinceNow) < 5)
        }

        @Test func roundCountingSourcePassesEverythingThrough() throws {
            let base = ListSource(keys: ["a", "b"])
            let wrapped = Runtime.debugWrapped(base, environment: ["LEARNMAIL_DEBUG_RSS_EVERY": "2"])
            let counting = try #require(wrapped as? RoundCountingSource)
            for _ in 0..<3 { #expect(try counting.pendingKeys() == ["a", "b"]) }
            #expect(counting.rounds == 3)
            var stored: [SourceKey] = []
            try counting.fetch(["a"]) { key, _ in stored.append(key) }
            try counting.markHandled(["a"])
            #expect(stored == ["a"])
            #expect(base.handled == ["a"])
            #expect(RoundCountingSource.residentKilobytes() > 0)
            #expect(Runtime.debugWrapped(base, environment: [:]) === base)
        }
    #endif
}

/// A source that lists fixed keys and remembers what it was told.
private final class ListSource: MailSource {
    let keys: [SourceKey]
    var handled: [SourceKey] = []
    init(keys: [SourceKey]) { self.keys = keys }
    func pendingKeys() throws -> [SourceKey] { keys }
    func fetch(_ keys: [SourceKey], into store: (SourceKey, [UInt8]) throws -> Void) throws {
        for key in keys { try store(key, Array(key.rawValue.utf8)) }
    }
    func markHandled(_ keys: [SourceKey]) throws { handled += keys }
}
