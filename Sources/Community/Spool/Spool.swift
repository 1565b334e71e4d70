import DurableFiles
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The on-disk queue (DESIGN.md "Spool"): human-inspectable folders, every change an atomic
/// write or rename, so that a crash at any point loses nothing and duplicates nothing.
///
/// ```
/// data/incoming/KEY.eml     raw messages, written before anything else is done with them
/// data/processed/KEY.eml    the same, once their outcome is durable
/// data/items/42/            item.json, source.json, tokens.json, message.eml, attachments/
/// data/outbox/ID.eml+.json  outgoing messages and their per-recipient state; sent/ failed/ after
/// data/digests/2026-W48.*   each digest: json, txt, html
/// data/subscribers.json, data/state.json
/// data/items.index          every item's summary, and items.journal: changes since (ItemIndexFile)
/// data/quarantine/KEY.eml   messages never processed (too large; stopped the process twice), + .reason
/// data/damaged/NAME         spool files that could not be read, set aside, + NAME.reason
/// data/processing           the key of the message in hand (IntakeAttempts)
/// ```
public struct Spool: Sendable {
    public let root: String
    /// How long `withLock` waits for another process's lock; nil waits as long as it takes (the daemon).
    public var lockWait: TimeInterval?

    public static let folders = ["incoming", "processed", "items", "outbox", "sent", "failed", "digests"]

    /// Opens (and creates when needed) the spool under `directory`.
    public init(directory: String) throws {
        root = directory
        for folder in [""] + Self.folders {
            let path = folder.isEmpty ? root : root + "/" + folder
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw AtomicFile.Failure(path: path, operation: "create the folder", code: errno)
            }
        }
    }

    public func path(_ parts: String...) -> String { ([root] + parts).joined(separator: "/") }

    // MARK: incoming messages

    /// Keys are made of the mailbox's own ids (`imap-UIDVALIDITY-UID`, `maildir-NAME`); this
    /// keeps them safe as file names whatever the source gave us.
    public static func safeKey(_ key: String) -> String {
        // ASCII letters, digits and "-_." stay; every other scalar becomes "_"; dots are trimmed
        // from both ends (no hidden files, no "..").
        var bytes: [UInt8] = key.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E: UInt8(scalar.value)
            default: UInt8(ascii: "_")
            }
        }
        while bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != UInt8(ascii: ".") } ?? bytes.endIndex
        return String(decoding: bytes[start...], as: UTF8.self)
    }

    public func isKnown(_ key: SourceKey) -> Bool {
        let file = key.fileName + ".eml"
        return FileManager.default.fileExists(atPath: path("incoming", file))
            || FileManager.default.fileExists(atPath: path("processed", file))
    }

    public func isProcessed(_ key: SourceKey) -> Bool {
        FileManager.default.fileExists(atPath: path("processed", key.fileName + ".eml"))
    }

    /// Stores a raw message durably (or within the caller's group commit).
    public func storeIncoming(_ key: SourceKey, bytes: [UInt8]) throws {
        try AtomicFile.write(bytes, to: path("incoming", key.fileName + ".eml"))
    }

    /// Messages stored but not yet processed (left by a crash, or just fetched), oldest first.
    public func incomingKeys() -> [SourceKey] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path("incoming"))) ?? []
        return names.filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.map { String($0.dropLast(4)) }
            .sorted(by: Self.naturalOrder).map(SourceKey.init(fileName:))
    }

    public func readIncoming(_ key: SourceKey) -> [UInt8]? {
        try? AtomicFile.read(path("incoming", key.fileName + ".eml"))
    }

    public func markProcessed(_ key: SourceKey) throws {
        let file = key.fileName + ".eml"
        try AtomicFile.move(path("incoming", file), to: path("processed", file))
    }

    // MARK: JSON documents

    public func loadJSON<T: Decodable>(_ type: T.Type, at relativePath: String) throws -> T? {
        guard let data = FileManager.default.contents(atPath: path(relativePath)) else { return nil }
        do {
            return try Self.decoder.decode(T.self, from: data)
        } catch {
            throw SpoolError.unreadable(path: path(relativePath), reason: "\(error)")
        }
    }

    public func saveJSON<T: Encodable>(_ value: T, at relativePath: String) throws {
        var data = try Self.encoder.encode(value)
        data.append(0x0A)
        try AtomicFile.write(data, to: path(relativePath))
    }

    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// "2" before "10": keys and ids end in numbers that people read as numbers. Runs of digits
    /// compare by value (leading zeros aside), everything else byte by byte: the order of
    /// `compare(_:options: .numeric)` for the spool's ASCII names, without a Foundation string
    /// comparison per step of a sort (an outbox of thousands is sorted every flush).
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in naturalCompare(x, y) < 0 } }
    }

    /// -1, 0 or 1, as `naturalOrder` reads it.
    static func naturalCompare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        var i = 0
        var j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                // Both at a number: skip its leading zeros, then the longer run is the larger
                // number, and runs of one length compare digit by digit.
                while i < x.count && x[i] == UInt8(ascii: "0") { i += 1 }
                while j < y.count && y[j] == UInt8(ascii: "0") { j += 1 }
                var iEnd = i
                var jEnd = j
                while iEnd < x.count && isDigit(x[iEnd]) { iEnd += 1 }
                while jEnd < y.count && isDigit(y[jEnd]) { jEnd += 1 }
                if iEnd - i != jEnd - j { return iEnd - i < jEnd - j ? -1 : 1 }
                while i < iEnd {
                    if x[i] != y[j] { return x[i] < y[j] ? -1 : 1 }
                    i += 1
                    j += 1
                }
                continue
            }
            if x[i] != y[j] { return x[i] < y[j] ? -1 : 1 }
            i += 1
            j += 1
        }
        if x.count - i != y.count - j { return x.count - i < y.count - j ? -1 : 1 }
        return 0
    }
}

public enum SpoolError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case noSuchItem(Int)
    /// Another process held the spool's lock for longer than this one would wait.
    case busy(path: String, holder: Int32?, waited: TimeInterval)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
        case .noSuchItem(let id): "there is no item #\(id)"
        case .busy(let path, let holder, let waited):
            "the spool \(path) is busy: process \(holder.map(String.init) ?? "(unknown)") has held its lock for "
                + "\(Int(waited)) s (a daemon round or another command); try again in a moment"
        }
    }
}

extension Spool {
    /// Runs `body` holding the spool's lock (`flock` on `data/.lock`), so that the daemon and a
    /// facilitator's `learnmail queue approve` never change the same item at once: the second waits,
    /// at most `lockWait` seconds when set (console commands), then says which process holds it.
    /// The holder writes its PID into the lock file for that message.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        let lockFile = path(".lock")
        do {
            return try FileLock.holding(lockFile, waitingAtMost: lockWait, writingPID: true, body)
        } catch let failure as AtomicFile.Failure where failure.isLockHeld && failure.path == lockFile {
            throw SpoolError.busy(path: root, holder: failure.holder, waited: lockWait ?? 0)
        }
    }
}
