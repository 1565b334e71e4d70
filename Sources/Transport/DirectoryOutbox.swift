import Foundation

/// A delivery sink standing in for SMTP: each envelope becomes `NAME.eml` (the message bytes, unchanged)
/// plus `NAME.envelope.json` (`{"from": "...", "recipients": [...]}`) in one directory.
///
/// Both files are written durably (temp file, fsync, rename, fsync directory), the sidecar first, so a
/// reader that sees an `.eml` always finds its envelope. Names sort in delivery order.
public struct DirectoryOutbox: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The sidecar's content.
    struct EnvelopeRecord: Codable, Equatable {
        var from: String
        var recipients: [String]
    }

    /// Writes the envelope and returns the `.eml` path. `name` (without extension) defaults to a
    /// time-ordered unique name; an existing name is never overwritten. With `durable: false` the
    /// files are not synced one by one: the caller makes a batch durable at once (e.g. `syncfs`).
    @discardableResult
    public func deliver(
        _ envelope: Envelope, name: String? = nil, durable: Bool = true
    ) throws(TransportError)
        -> String
    {
        try DurableFile.makeDirectory(path)
        let base = name ?? DirectoryOutbox.uniqueName(date: Date())
        guard !base.isEmpty, !base.contains("/"), !base.hasPrefix(".") else {
            throw .invalidConfiguration("outbox file name \"\(base)\" is not a plain file name")
        }
        let message = "\(path)/\(base).eml"
        let sidecar = "\(path)/\(base).envelope.json"
        guard !DurableFile.exists(message) else {
            throw .fileSystem(path: message, operation: "create", detail: "file exists already")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let record = EnvelopeRecord(from: envelope.from, recipients: envelope.recipients)
        guard let json = try? encoder.encode(record) else {
            throw .fileSystem(path: sidecar, operation: "encode", detail: "JSON encoding failed")
        }
        try DurableFile.write(Array(json) + [UInt8(ascii: "\n")], to: sidecar, durable: durable)
        try DurableFile.write(envelope.data, to: message, durable: durable)
        return message
    }

    /// Reads back what `deliver` wrote (for tests and tools).
    public func read(emlPath: String) throws(TransportError) -> Envelope {
        let data = try DurableFile.read(emlPath)
        let sidecar = String(emlPath.dropLast(".eml".count)) + ".envelope.json"
        let json = try DurableFile.read(sidecar)
        guard let record = try? JSONDecoder().decode(EnvelopeRecord.self, from: Data(json)) else {
            throw .fileSystem(path: sidecar, operation: "decode", detail: "not an envelope JSON object")
        }
        return Envelope(from: record.from, recipients: record.recipients, data: data)
    }

    /// `20261129T084900.123456789Z-1a2b3c4d`: UTC time to the nanosecond, then randomness against collisions.
    static func uniqueName(date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = Int(seconds.rounded(.down))
        let nanos = Int((seconds - Double(whole)) * 1_000_000_000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let stamp =
            pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T" + pad(parts.hour, 2)
            + pad(parts.minute, 2) + pad(parts.second, 2) + "." + pad(nanos, 9) + "Z"
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return stamp + "-" + String(repeating: "0", count: 8 - random.count) + random
    }
}
