import Foundation

/// Spreads messages evenly under a per-minute limit, so that no ten seconds ever carry more
/// than a sixth of it (DESIGN "Sending within the provider's limits"): Exchange Online's
/// 30 a minute is at most 5 in any ten seconds, one every two seconds, never 30 at once.
///
/// Two rules, both checked before each message:
/// - spacing: at least `60 / messagesPerMinute` seconds since the previous message (a token
///   bucket of capacity one: even pacing, no burst after an idle spell);
/// - window: fewer than `perWindow` (the rate over six, rounded down, at least one) messages in
///   the ten seconds before. Spacing alone would allow one more than a sixth in ten seconds when
///   the rate is not a multiple of six (100 a minute: 0.6 s apart is 17 in ten seconds); the
///   window caps it at 16.
///
/// Pure: the caller says when each message went (`record`) and asks when the next may go.
public struct SendPacer: Sendable, Equatable {
    public static let window: TimeInterval = 10

    public let messagesPerMinute: Int
    /// When the most recent messages went, oldest first; at most `perWindow` are kept.
    public private(set) var recent: [Date]

    public init(messagesPerMinute: Int, recent: [Date] = []) {
        self.messagesPerMinute = max(1, messagesPerMinute)
        self.recent = Array(recent.sorted().suffix(max(1, self.messagesPerMinute / 6)))
    }

    public var spacing: TimeInterval { 60 / Double(messagesPerMinute) }
    public var perWindow: Int { max(1, messagesPerMinute / 6) }

    /// The earliest instant, not before `now`, at which the next message may go.
    public func earliest(after now: Date) -> Date {
        var at = now
        if let last = recent.last { at = max(at, last + spacing) }
        if recent.count >= perWindow {
            // The message `perWindow` back must have left the window (strictly: a window is
            // half-open, so at exactly ten seconds later it no longer counts).
            at = max(at, recent[recent.count - perWindow] + Self.window)
        }
        return at
    }

    /// Notes that a message went at `at`.
    public mutating func record(_ at: Date) {
        recent.append(at)
        if recent.count > perWindow { recent.removeFirst(recent.count - perWindow) }
    }
}
