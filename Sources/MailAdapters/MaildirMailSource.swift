import Community
import Foundation
import Transport

/// A Maildir as the engine's mail source (the demo, tests, or a local delivery agent's folder).
public final class MaildirMailSource: MailSource {
    public let maildir: MaildirSource
    private var entries: [SourceKey: MaildirEntry] = [:]

    public init(path: String) { maildir = MaildirSource(path: path) }

    public func pendingKeys() throws -> [SourceKey] {
        let pending = try maildir.pending()
        entries = Dictionary(pending.map { (.maildir($0.uniqueName), $0) }, uniquingKeysWith: { first, _ in first })
        return pending.map { .maildir($0.uniqueName) }
    }

    public func fetch(_ keys: [SourceKey], into store: (SourceKey, [UInt8]) throws -> Void) throws {
        for key in keys {
            guard let entry = entries[key] else { throw CommandError("the Maildir no longer holds \(key)") }
            try store(key, try maildir.read(entry))
        }
    }

    public func markHandled(_ keys: [SourceKey]) throws {
        try maildir.markHandled(keys.compactMap { entries[$0] })
    }
}
