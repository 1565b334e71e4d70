import Foundation

/// What one round of the engine did, for the log, `run --once` and the demo's story.
public struct RunReport: Sendable {
    public enum Outcome: Sendable, Equatable {
        case contribution(item: Int, title: String)
        case held(item: Int, title: String, reason: String)
        case duplicate(item: Int)
        case ignored(reason: String)
        case moderated(item: Int?, by: String, result: String)
        case refused(reason: String)
        case subscription(address: String, result: String)
        case bounce(address: String, result: String)
        case quarantined(reason: String)
    }

    public struct Entry: Sendable {
        public var key: SourceKey
        public var subject: String
        public var from: String
        public var outcome: Outcome
    }

    public var entries: [Entry] = []
    public var digest: String?
    public var delivery = Outbox.FlushReport()
    /// What failed, by stage ("mailbox", "digest", "sending"); the round went on with the rest.
    public var failures: [(stage: String, error: any Error)] = []
    public var errors: [String] { failures.map { "\($0.stage): \($0.error)" } }

    public init() {}
}

extension RunReport.Outcome: CustomStringConvertible {
    public var description: String {
        switch self {
        case .contribution(let item, let title): "new item #\(item) “\(title)”, awaiting review"
        case .held(let item, let title, let reason): "held as #\(item) “\(title)”: \(reason)"
        case .duplicate(let item): "duplicate of item #\(item), not added again"
        case .ignored(let reason): "ignored: \(reason)"
        case .moderated(let item, let by, let result):
            item.map { "moderation of #\($0) by \(by): \(result)" } ?? "moderation by \(by): \(result)"
        case .refused(let reason): "refused: \(reason)"
        case .subscription(let address, let result): "subscription \(address): \(result)"
        case .bounce(let address, let result): "bounce for \(address): \(result)"
        case .quarantined(let reason): "quarantined: \(reason)"
        }
    }
}
