import DurableFiles
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// Files the engine cannot use are moved aside, never reset, skipped or sent empty (Postfix's
// `corrupt/`, Mailman's "shunt" queue): `damaged/` for spool files that cannot be read, and
// `quarantine/` for messages that cannot be processed. Each case has a `.reason` file beside it
// saying what was wrong and what was done, for `learnmail status` and for the person who looks.

/// One thing set aside: its name in `damaged/` or `quarantine/`, and why.
public struct SetAsideEntry: Sendable, Equatable, Codable {
    public var name: String
    public var reason: String
}

extension Spool {
    public static let damagedFolder = "damaged"
    public static let quarantineFolder = "quarantine"

    /// Moves the spool files `relativePaths` into a new folder `damaged/LABEL-TIME/` (with
    /// `wholeFolder`, the one path given, an item folder, becomes that folder itself), and writes
    /// `reason` to `damaged/LABEL-TIME.reason`. Paths that do not exist are left out. The caller
    /// holds the spool's lock. Returns the name given in `damaged/`.
    @discardableResult
    func setAside(
        _ relativePaths: [String], as label: String, reason: String, wholeFolder: Bool = false, at now: Date = Date()
    ) throws -> String {
        let folder = path(Self.damagedFolder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stamp = Self.stamp(now)
        var name = Self.safeKey("\(label)-\(stamp)")
        var number = 1
        while FileManager.default.fileExists(atPath: folder + "/" + name)
            || FileManager.default.fileExists(atPath: folder + "/" + name + ".reason")
        {
            number += 1
            name = Self.safeKey("\(label)-\(stamp)-\(number)")
        }
        let existing = relativePaths.filter { Self.exists(path($0)) }
        if wholeFolder, existing.count == 1 {
            try AtomicFile.move(path(existing[0]), to: folder + "/" + name)
        } else {
            try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: false)
            for relative in existing {
                let file = (relative as NSString).lastPathComponent
                try AtomicFile.move(path(relative), to: folder + "/" + name + "/" + file, syncDirectories: false)
            }
            for directory in Set(existing.map { (path($0) as NSString).deletingLastPathComponent }) {
                try AtomicFile.syncDirectory(directory)
            }
            try AtomicFile.syncDirectory(folder + "/" + name)
        }
        let moved = existing.isEmpty ? "(no file was left to move)" : existing.joined(separator: ", ")
        try AtomicFile.write(
            Array("\(reason)\n\nSet aside \(ISO8601UTC.string(from: now)) from: \(moved)\n".utf8),
            to: folder + "/" + name + ".reason")
        return name
    }

    /// What `damaged/` holds, oldest first.
    public func damagedEntries() -> [SetAsideEntry] {
        let folder = path(Self.damagedFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".reason") }.sorted(by: Self.naturalOrder)
            .map { SetAsideEntry(name: $0, reason: Self.reason(folder + "/" + $0 + ".reason")) }
    }

    /// The messages in `quarantine/` (`KEY.eml`, with `KEY.reason` beside it).
    public func quarantinedMessages() -> [SetAsideEntry] {
        let folder = path(Self.quarantineFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".eml") && !$0.hasPrefix(".") }.sorted(by: Self.naturalOrder)
            .map { SetAsideEntry(name: $0, reason: Self.reason(folder + "/" + $0.dropLast(4) + ".reason")) }
    }

    /// The first paragraph of a `.reason` file, on one line.
    private static func reason(_ file: String) -> String {
        guard let bytes = try? AtomicFile.read(file) else { return "(no reason recorded)" }
        let text = String(decoding: bytes, as: UTF8.self)
        let first = text.components(separatedBy: "\n\n").first ?? text
        return first.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// `20261123T080000Z`: sorts by time and is safe in a file name.
    static func stamp(_ date: Date) -> String {
        ISO8601UTC.string(from: date).filter { $0 != "-" && $0 != ":" }
    }

    /// Whether anything (a file, a folder, a dangling link) is at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Runs `body` holding the spool's lock if no other process holds it now; nil otherwise. For
    /// repairs that a command may do on the way but must not wait for (`status` while the daemon
    /// is in the middle of a round: the daemon makes the same repairs itself).
    public func withLockIfFree<T>(_ body: () throws -> T) throws -> T? {
        let lock: FileLock
        do {
            lock = try FileLock(path(".lock"), waitingAtMost: 0)
        } catch {
            if error.isLockHeld { return nil }
            throw error
        }
        defer { lock.release() }
        return try body()
    }
}

/// A spool JSON file as read: absent, usable, or there but unusable (and why).
public enum SpoolFile<Value> {
    case missing
    case value(Value)
    case damaged(String)
}

extension Spool {
    /// Reads the JSON file at `relativePath`, telling a file that is not there from one that is
    /// there but cannot be used: a folder in its place, no permission, empty, not JSON, or JSON of
    /// another shape.
    public func readJSON<T: Decodable>(_ type: T.Type, at relativePath: String) -> SpoolFile<T> {
        let file = path(relativePath)
        var info = stat()
        guard lstat(file, &info) == 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .damaged("cannot be examined: \(Self.errorText())")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .damaged("is not a plain file (a folder or a link)") }
        guard let data = FileManager.default.contents(atPath: file) else {
            return .damaged("cannot be read: \(Self.errorText(access(file, R_OK) == 0 ? EIO : errno))")
        }
        guard !data.isEmpty else { return .damaged("is empty") }
        do {
            return .value(try Self.decoder.decode(T.self, from: data))
        } catch {
            return .damaged("is not what learnmail wrote (\(Self.describe(error)))")
        }
    }

    /// A decoding error in a few words, without Swift's coding-path dump.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            if let underlying = context.underlyingError as NSError?,
                let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String
            {
                return "not valid JSON: \(detail)"
            }
            return "not valid JSON: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): return "the field “\(key.stringValue)” is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "the field “\(field)” has the wrong type"
        default: return "\(error)"
        }
    }

    static func errorText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }
}

extension SpoolFile {
    /// Why the file cannot be used (a missing file included), or nil when it can.
    var problem: String? {
        switch self {
        case .missing: "is missing"
        case .value: nil
        case .damaged(let reason): reason
        }
    }
}
