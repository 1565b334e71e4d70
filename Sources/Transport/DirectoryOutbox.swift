import DurableFiles
import Foundation
import SMTP

/// A delivery sink standing in for SMTP: each envelope becomes `NAME.eml` (the message bytes, unchanged)
/// plus `NAME.envelope.json` (`{"from": "...", "recipients": [...]}`) in one directory.
///
/// Both files are written durably (temp file, fsync, rename, fsync directory), the sidecar first, so a
/// reader that sees an `.eml` always finds its envelope. Names sort in delivery order.
///
/// A sender that names each message by its identity (`deliver(_:identity:durable:)`) gets exactly
/// once across crashes: a message handed over again (the process was killed after writing it but
/// before its outbox noted it) finds its file and is not written twice.
public struct DirectoryOutbox: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// What the folder holds of one identity: the base name it was first written under, and
    /// whether its `.eml` is there (a crash between the sidecar and the message leaves only the sidecar).
    public struct Delivered: Sendable, Equatable {
        public var base: String
        public var complete: Bool
    }

    /// The messages in the folder by identity: the part of each base name after its last "-"
    /// (`STAMP-IDENTITY`). Temporary files of writes a crash cut short are removed on the way: a
    /// rename that never happened is a message never handed over, and it is written again.
    public func delivered() throws(TransportError) -> [String: Delivered] {
        try TransportError.fromFiles { try AtomicFile.makeDirectory(path) }
        var found: [String: Delivered] = [:]
        for name in try TransportError.fromFiles { try AtomicFile.list(path, includingHidden: true) } {
            if name.hasPrefix(".") {
                if name.hasSuffix(".eml.tmp") || name.hasSuffix(".envelope.json.tmp") {
                    _ = AtomicFile.remove("\(path)/\(name)")
                }
                continue
            }
            let base: Substring
            let complete: Bool
            if name.hasSuffix(".envelope.json") {
                base = name.dropLast(".envelope.json".count)
                complete = false
            } else if name.hasSuffix(".eml") {
                base = name.dropLast(".eml".count)
                complete = true
            } else {
                continue
            }
            guard let dash = base.lastIndex(of: "-") else { continue }
            let identity = String(base[base.index(after: dash)...])
            let known = found[identity]
            found[identity] = Delivered(base: String(base), complete: complete || known?.complete == true)
        }
        return found
    }

    /// Writes the envelope under `STAMP-IDENTITY` unless `known` says the folder holds it already,
    /// and returns the `.eml` path and whether it was written now. `identity` names the message
    /// (lowercase letters and digits: a digest of its Message-ID and recipients), so that handing
    /// the same message over again skips it, and a pair a crash left without its `.eml` is
    /// completed under its first name. Names keep the time of the first delivery in front, so
    /// they still sort in delivery order.
    public func deliver(
        _ envelope: Envelope, identity: String, known: inout [String: Delivered], durable: Bool = true
    ) throws(TransportError) -> (path: String, written: Bool) {
        guard !identity.isEmpty, identity.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) }) else {
            throw .invalidConfiguration("message identity \"\(identity)\" is not lowercase letters and digits")
        }
        if let earlier = known[identity], earlier.complete {
            return ("\(path)/\(earlier.base).eml", false)
        }
        let base = known[identity]?.base ?? Self.stamp(date: Date()) + "-" + identity
        let written = try deliver(envelope, name: base, durable: durable, replacing: true)
        known[identity] = Delivered(base: base, complete: true)
        return (written, true)
    }

    /// Writes the envelope and returns the `.eml` path. `name` (without extension) defaults to a
    /// time-ordered unique name; an existing name is never overwritten unless `replacing` (the
    /// same message completed after a crash). With `durable: false` the files are not synced one
    /// by one: the caller makes a batch durable at once (e.g. `syncfs`).
    @discardableResult
    public func deliver(
        _ envelope: Envelope, name: String? = nil, durable: Bool = true, replacing: Bool = false
    ) throws(TransportError)
        -> String
    {
        try TransportError.fromFiles { try AtomicFile.makeDirectory(path) }
        let base = name ?? DirectoryOutbox.uniqueName(date: Date())
        guard !base.isEmpty, !base.contains("/"), !base.hasPrefix(".") else {
            throw .invalidConfiguration("outbox file name \"\(base)\" is not a plain file name")
        }
        let message = "\(path)/\(base).eml"
        let sidecar = "\(path)/\(base).envelope.json"
        guard replacing || !AtomicFile.exists(message) else {
            throw .fileSystem(path: message, operation: "create", detail: "file exists already")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The sidecar is the envelope without its message (`Envelope`'s Codable form).
        guard let json = try? encoder.encode(envelope) else {
            throw .fileSystem(path: sidecar, operation: "encode", detail: "JSON encoding failed")
        }
        try TransportError.fromFiles {
            try AtomicFile.write(Array(json) + [UInt8(ascii: "\n")], to: sidecar, durable: durable, mode: 0o644)
        }
        try TransportError.fromFiles { try AtomicFile.write(envelope.data, to: message, durable: durable, mode: 0o644) }
        return message
    }

    /// Reads back what `deliver` wrote (for tests and tools).
    public func read(emlPath: String) throws(TransportError) -> Envelope {
        let data = try TransportError.fromFiles { try AtomicFile.read(emlPath) }
        let sidecar = String(emlPath.dropLast(".eml".count)) + ".envelope.json"
        let json = try TransportError.fromFiles { try AtomicFile.read(sidecar) }
        guard var envelope = try? JSONDecoder().decode(Envelope.self, from: Data(json)) else {
            throw .fileSystem(path: sidecar, operation: "decode", detail: "not an envelope JSON object")
        }
        envelope.data = data
        return envelope
    }

    /// `20261129T084900.123456789Z-1a2b3c4d`: UTC time to the nanosecond, then randomness against collisions.
    static func uniqueName(date: Date) -> String {
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return stamp(date: date) + "-" + String(repeating: "0", count: 8 - random.count) + random
    }

    /// `20261129T084900.123456789Z`: UTC time to the nanosecond, so that names sort in time order.
    static func stamp(date: Date) -> String {
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
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "T" + pad(parts.hour, 2)
            + pad(parts.minute, 2) + pad(parts.second, 2) + "." + pad(nanos, 9) + "Z"
    }
}
