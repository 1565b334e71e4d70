import DurableFiles
import Foundation
import MIME

// Messages that are never processed: too large to handle, or one that killed the process twice
// (`IntakeAttempts`). Each is kept unchanged in `quarantine/KEY.eml` with `KEY.reason` beside it,
// the facilitator gets one note, and the message is then marked processed and handled on the
// server like any other: it is safe in the spool, and the rest of the mail goes on.

extension Intake {
    /// Oversize mail is kept aside untouched and the facilitator told; it never becomes an item.
    func quarantineOversize(key: SourceKey, bytes: [UInt8]) throws -> RunReport.Entry {
        // Only the header is read: the whole message is what was too big to handle.
        let head = Message(Array(bytes.prefix(65_536)))
        let sender = head.from.first?.address ?? "(unknown)"
        let file = try keepInQuarantine(
            key: key, bytes: bytes,
            reason: "\(bytes.count) bytes is over the limit of \(config.limits.maxMessageBytes) "
                + "(limits.maxMessageBytes); not processed.")
        let text = """
            A message to \(config.community.address) was too large to process and has been set aside.

            From:    \(sender)
            Subject: \(TextLayout.singleLine(head.subject ?? "(none)"))
            Size:    \(bytes.count) bytes (limit \(config.limits.maxMessageBytes), limits.maxMessageBytes)

            It is kept unchanged in \(file).
            """
        try queueQuarantineNote(
            key: key, subject: "A message was too large for \(config.community.name)", text: text)
        return RunReport.Entry(
            key: key, subject: head.subject ?? "(no subject)", from: sender,
            outcome: .quarantined(reason: "\(bytes.count) bytes is over limits.maxMessageBytes; kept in \(file)"))
    }

    /// A message that stopped the process `crashes` times while it was being processed. Nothing of
    /// the code that died on it runs again: the note quotes the raw From and Subject lines.
    func quarantinePoison(key: SourceKey, bytes: [UInt8], crashes: Int) throws -> RunReport.Entry {
        let sender = Self.rawField("From", in: bytes) ?? "(unknown)"
        let subject = Self.rawField("Subject", in: bytes) ?? "(none)"
        let file = try keepInQuarantine(
            key: key, bytes: bytes,
            reason: "learnmail stopped \(crashes) times while processing this message (the process died "
                + "with the message in hand); it was set aside so that the rest of the mail goes on. "
                + "Nothing was done with it: no item, no reply.")
        let text = """
            A message to \(config.community.address) stopped learnmail \(crashes) times while it was \
            being processed, and has been set aside so that the rest of the mail goes on. Nothing \
            was done with it: no item, no reply.

            From:    \(sender)
            Subject: \(subject)
            Size:    \(bytes.count) bytes

            It is kept unchanged in \(file). If it is a contribution, forward it again or add it by \
            hand; either way, please report it to whoever looks after learnmail: no message should \
            be able to stop it.
            """
        try queueQuarantineNote(key: key, subject: "A message was set aside by \(config.community.name)", text: text)
        return RunReport.Entry(
            key: key, subject: subject, from: sender,
            outcome: .quarantined(reason: "learnmail stopped \(crashes) times on it; kept in \(file)"))
    }

    /// Writes `quarantine/KEY.eml` (once) and its `KEY.reason`; returns the message's path.
    private func keepInQuarantine(key: SourceKey, bytes: [UInt8], reason: String) throws -> String {
        let folder = spool.path(Spool.quarantineFolder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/" + key.fileName + ".eml"
        if !FileManager.default.fileExists(atPath: file) { try AtomicFile.write(bytes, to: file) }
        let sidecar = folder + "/" + key.fileName + ".reason"
        if !FileManager.default.fileExists(atPath: sidecar) {
            try AtomicFile.write(
                Array("\(reason)\n\nKey: \(key)\nAt: \(ISO8601UTC.string(from: now))\n".utf8), to: sidecar)
        }
        return file
    }

    /// One note per quarantined message: its id names the key, so a second attempt queues nothing.
    private func queueQuarantineNote(key: SourceKey, subject: String, text: String) throws {
        try outbox.enqueue(
            id: "quarantine-\(key)", kind: .note, envelopeFrom: bounceAddress, recipients: config.moderators,
            message: session.compose(
                to: config.moderators, subject: subject, text: text, autoSubmitted: "auto-generated"),
            at: now)
    }

    /// A header field's value read from the raw bytes without the MIME parser (the code that may
    /// have died on this message): the first field named `name` in the header, unfolded, on one
    /// line, at most 200 characters. Encoded words are left as they are.
    static func rawField(_ name: String, in bytes: [UInt8]) -> String? {
        let head = bytes.prefix(65_536)
        let wanted = Array(name.lowercased().utf8) + [UInt8(ascii: ":")]
        var lineStart = head.startIndex
        var found: [UInt8]?
        while lineStart < head.endIndex {
            let lineEnd = head[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? head.endIndex
            var line = head[lineStart..<lineEnd]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { break }  // the end of the header
            let folded = line.first == UInt8(ascii: " ") || line.first == UInt8(ascii: "\t")
            if found != nil {
                guard folded else { break }
                found! += [UInt8(ascii: " ")] + line
            } else if !folded, line.count >= wanted.count,
                zip(line.prefix(wanted.count), wanted).allSatisfy({ Self.asciiLower($0) == $1 })
            {
                found = Array(line.dropFirst(wanted.count))
            }
            lineStart = lineEnd < head.endIndex ? head.index(after: lineEnd) : head.endIndex
        }
        guard let value = found else { return nil }
        let text = TextLayout.singleLine(String(decoding: value, as: UTF8.self), limit: 200)
        return text.isEmpty ? nil : text
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
