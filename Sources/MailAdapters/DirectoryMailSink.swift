import Community
import DurableFiles
import Foundation
import MIME
import SMTP
import Transport

/// A folder of .eml files as the engine's mail sink (the demo and tests): every message "delivered".
/// Each file is named from the message's identity (`identity(of:)`), so that a message handed over
/// again after a crash (written, then killed before the outbox noted it) is not a second file.
public final class DirectoryMailSink: MailSink {
    public let outbox: DirectoryOutbox
    public private(set) var written: [String] = []
    private var knownInThisFlush: [String: DirectoryOutbox.Delivered]?

    public init(path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        outbox = DirectoryOutbox(path: path)
    }

    public func deliver(_ envelopes: [Envelope]) throws -> [[RecipientStatus]] {
        try deliver(envelopes, moreToFollow: false, answered: { _, _ in })
    }

    /// Each file is reported as soon as it is written; the batch is made durable with one flush
    /// before the batch as a whole is reported delivered. The folder is read once per flush, at its
    /// first batch (under the spool lock, which every sender holds, so another process's files
    /// count too), and what this flush writes is added as it goes.
    public func deliver(
        _ envelopes: [Envelope], moreToFollow: Bool, answered: (Int, [RecipientStatus]) -> Void
    ) throws -> [[RecipientStatus]] {
        var known = try knownInThisFlush ?? outbox.delivered()
        knownInThisFlush = nil  // kept only when this batch ends well and more follow
        let statuses: [[RecipientStatus]] = try envelopes.enumerated().map { index, envelope in
            let result = try outbox.deliver(
                envelope, identity: Self.identity(of: envelope), known: &known, durable: false)
            if result.written { written.append(result.path) }
            let status = envelope.recipients.map { _ in RecipientStatus.accepted }
            answered(index, status)
            return status
        }
        try AtomicFile.syncFileSystem(containing: outbox.path)
        if moreToFollow { knownInThisFlush = known }
        return statuses
    }

    /// 32 hex digits of SHA-256 over the Message-ID and the recipients (sorted, lowercased): the
    /// same message to the same people is the same file. A message without a Message-ID (learnmail
    /// always writes one) is identified by its bytes.
    public static func identity(of envelope: Envelope) -> String {
        let recipients = envelope.recipients.map { $0.lowercased() }.sorted().joined(separator: "\n")
        let key: String
        if let messageId = Message(header(of: envelope.data)).messageId {
            key = "message-id " + messageId + "\n" + recipients
        } else {
            key =
                "bytes " + SHA256.hash(envelope.data).map { String($0, radix: 16) }.joined(separator: ".") + "\n"
                + recipients
        }
        return String(SHA256.hexDigest(key).prefix(32))
    }

    /// The header section (up to the first empty line): all the identity needs, without parsing a
    /// digest's whole body for each copy.
    private static func header(of data: [UInt8]) -> [UInt8] {
        var index = 0
        while index + 1 < data.count {
            if data[index] == 0x0A {
                if data[index + 1] == 0x0A { return Array(data[...index]) }
                if data[index + 1] == 0x0D, index + 2 < data.count, data[index + 2] == 0x0A {
                    return Array(data[...index])
                }
            }
            index += 1
        }
        return data
    }
}
