import DurableFiles

/// One message file in a Maildir.
public struct MaildirEntry: Sendable, Hashable, Comparable {
    /// `new` or `cur`.
    public var folder: String
    /// The file name, e.g. `1700000000.M1P2.host` or `1700000000.M1P2.host:2,RS`.
    public var name: String

    public init(folder: String, name: String) {
        self.folder = folder
        self.name = name
    }

    /// The unique part before the info (`:2,flags`, or `!2,flags` as some tools write on file systems
    /// that forbid `:`); stable across flag changes, so it identifies the message.
    public var uniqueName: String {
        if let separator = name.firstIndex(where: { $0 == ":" || $0 == "!" }) { return String(name[..<separator]) }
        return name
    }

    /// The flags after `2,` (maildir.cr.yp.to: letters in ASCII order), empty when there is no info.
    public var flags: String {
        guard let separator = name.firstIndex(where: { $0 == ":" || $0 == "!" }) else { return "" }
        let info = name[name.index(after: separator)...]
        return info.hasPrefix("2,") ? String(info.dropFirst(2)) : ""
    }

    /// Handled messages carry the Seen flag `S`.
    public var isHandled: Bool { flags.contains("S") }

    /// Oldest first: the delivery time at the start of Maildir names, then the name, so the order is stable.
    public static func < (lhs: MaildirEntry, rhs: MaildirEntry) -> Bool {
        let left = lhs.leadingNumber
        let right = rhs.leadingNumber
        if left != right { return left < right }
        if lhs.uniqueName != rhs.uniqueName { return lhs.uniqueName < rhs.uniqueName }
        return lhs.folder < rhs.folder
    }

    private var leadingNumber: UInt64 {
        var value: UInt64 = 0
        for byte in name.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), value < UInt64.max / 10 - 10 else { break }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// Reads mail from a Maildir (maildir.cr.yp.to/proto.html): the source used by `demo` and tests in place of IMAP.
///
/// Pending = files in `new/`, and files in `cur/` without the `S` flag. Marking handled moves the file to
/// `cur/` with `S` added to its flags (a durable rename), so a restart never processes it twice.
/// Files whose names start with a dot and everything in `tmp/` are ignored (deliveries in progress).
public struct MaildirSource: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    /// The messages not yet handled, oldest first.
    public func pending() throws(TransportError) -> [MaildirEntry] {
        guard AtomicFile.exists(path) else {
            throw .fileSystem(
                path: path, operation: "open Maildir", detail: "no such directory — check mailbox.maildir")
        }
        var entries: [MaildirEntry] = []
        for folder in ["new", "cur"] {
            let directory = "\(path)/\(folder)"
            guard AtomicFile.exists(directory) else { continue }
            for name in try TransportError.fromFiles { try AtomicFile.list(directory) } {
                let entry = MaildirEntry(folder: folder, name: name)
                if folder == "new" || !entry.isHandled { entries.append(entry) }
            }
        }
        return entries.sorted()
    }

    /// The message's bytes, exactly as stored.
    public func read(_ entry: MaildirEntry) throws(TransportError) -> [UInt8] {
        try TransportError.fromFiles { try AtomicFile.read(filePath(entry)) }
    }

    /// Moves the message to `cur/` with the `S` flag. Doing it again is harmless.
    public func markHandled(_ entry: MaildirEntry) throws(TransportError) {
        try markHandled([entry])
    }

    /// The same for a batch: every message renamed, then the two folders synced once (not twice per
    /// message).
    public func markHandled(_ entries: [MaildirEntry]) throws(TransportError) {
        guard !entries.isEmpty else { return }
        try TransportError.fromFiles { try AtomicFile.makeDirectory("\(path)/cur") }
        var moved = false
        for entry in entries {
            let flags = Set(entry.flags).union(["S"]).sorted().map(String.init).joined()
            let target = MaildirEntry(folder: "cur", name: "\(entry.uniqueName):2,\(flags)")
            let source = filePath(entry)
            let destination = filePath(target)
            if source == destination { continue }
            if !AtomicFile.exists(source) && AtomicFile.exists(destination) { continue }
            try TransportError.fromFiles { try AtomicFile.move(source, to: destination, syncDirectories: false) }
            moved = true
        }
        guard moved else { return }
        try TransportError.fromFiles { try AtomicFile.syncDirectory("\(path)/cur") }
        try TransportError.fromFiles { try AtomicFile.syncDirectory("\(path)/new") }
    }

    public func filePath(_ entry: MaildirEntry) -> String {
        "\(path)/\(entry.folder)/\(entry.name)"
    }
}
