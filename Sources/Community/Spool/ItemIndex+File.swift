import DurableFiles
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The items index on disk: `data/items.index`, one line per item, and `data/items.journal`, the
/// changes made since it was written.
///
/// ```
/// learnmail items index 1
/// folder INODE SECONDS NANOSECONDS
/// ID \t STATUS \t RECEIVED \t DIGESTWEEK \t AREA \t CONTRIBUTOR \t TITLE \t KEY \t MESSAGEID \t SENDER \t BODYDIGEST
/// …
/// end COUNT CHECKSUM
/// ```
///
/// The `folder` line identifies `data/items/` as it was when the index was written: a folder made or
/// removed there since (by hand, or by a version without the index) changes its modification time,
/// and the folder is listed again. Fields escape `\`, tab, CR and LF as `\\`, `\t`, `\r`, `\n`; an absent value is `\-`. The last
/// line counts the items and carries the FNV-1a 64 of every byte before it, so that a file cut short
/// or overwritten is recognised and never trusted.
///
/// The journal is written ahead: `touch N` is made durable before item N's `item.json` is replaced
/// (the next reader reads item N again), and `open` before a group commit that may change or make
/// any item (a reader that finds it rebuilds the index from the items: the group was cut short, or is
/// still running in another process). Writing the index afresh empties the journal.
enum ItemIndexFile {
    static let name = "items.index"
    static let journalName = "items.journal"
    static let header = "learnmail items index 1"

    // MARK: writing

    static func encode(_ entries: [ItemIndex.Entry], folder: [Int64]) -> [UInt8] {
        var out: [UInt8] = Array(header.utf8) + [0x0A]
        out += Array(("folder " + folder.map(String.init).joined(separator: " ") + "\n").utf8)
        out.reserveCapacity(entries.count * 260)
        for entry in entries {
            // Lines read from the file are written back as they were: no decoding, no encoding.
            let s: ItemSummary
            switch entry.storage {
            case .line(let line):
                out += line
                out.append(0x0A)
                continue
            case .summary(let summary): s = summary
            }
            let fields: [String?] = [
                String(s.id), s.status.rawValue, ISO8601UTC.string(from: s.receivedAt), s.digestWeek, s.learningArea,
                s.contributor, s.title, s.source.key.rawValue, s.source.messageId, s.source.sender, s.source.bodyDigest,
            ]
            for (n, field) in fields.enumerated() {
                if n > 0 { out.append(0x09) }
                append(field, to: &out)
            }
            out.append(0x0A)
        }
        out += Array("end \(entries.count) \(String(checksum(out[...]), radix: 16))\n".utf8)
        return out
    }

    private static func append(_ field: String?, to out: inout [UInt8]) {
        guard let field else {
            out += [0x5C, 0x2D]
            return
        }
        for byte in field.utf8 {
            switch byte {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x09: out += [0x5C, 0x74]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            default: out.append(byte)
            }
        }
    }

    /// FNV-1a over 64-bit words in four lanes, then folded: enough to tell a damaged file from the one
    /// written (not a defence against anyone: whoever can write the spool can write item.json too),
    /// and four times the speed of a byte at a time on a 2.6 MB index of 10,000 items.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (
            0xcbf2_9ce4_8422_2325, 0x84222325_cbf29ce4, 0x9ce48422_2325cbf2, 0x2325cbf2_9ce48422
        )
        return bytes.withUnsafeBytes { buffer in
            let words = buffer.count / 32 * 4
            var n = 0
            while n < words {
                lanes.0 = (lanes.0 ^ buffer.loadUnaligned(fromByteOffset: n * 8, as: UInt64.self)) &* prime
                lanes.1 = (lanes.1 ^ buffer.loadUnaligned(fromByteOffset: n * 8 + 8, as: UInt64.self)) &* prime
                lanes.2 = (lanes.2 ^ buffer.loadUnaligned(fromByteOffset: n * 8 + 16, as: UInt64.self)) &* prime
                lanes.3 = (lanes.3 ^ buffer.loadUnaligned(fromByteOffset: n * 8 + 24, as: UInt64.self)) &* prime
                n += 4
            }
            var hash = lanes.0
            for lane in [lanes.1, lanes.2, lanes.3] { hash = (hash ^ lane) &* prime ^ (hash >> 29) }
            for k in (words * 8)..<buffer.count { hash = (hash ^ UInt64(buffer[k])) &* prime }
            return hash ^ UInt64(buffer.count)
        }
    }

    /// The whole file in one read (no Data in between: the index is read by every command).
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = Glibc.read(fd, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 {
                    failed = got < 0
                    break
                }
                count += got
            }
        }
        return failed ? nil : bytes
    }

    private static let statuses = ItemStatus.allCases.map { ($0, Array($0.rawValue.utf8)) }

    // MARK: reading

    enum Problem: Error, CustomStringConvertible {
        case damaged(String)
        var description: String {
            switch self {
            case .damaged(let why): why
            }
        }
    }

    struct Contents {
        var entries: [ItemIndex.Entry]
        /// `folderStamp` of `data/items/` when the index was written.
        var folder: [Int64]
    }

    /// The summaries in `bytes`, or why the file cannot be trusted.
    static func decode(_ bytes: [UInt8]) -> Result<Contents, Problem> {
        let headerBytes = Array(header.utf8) + [0x0A]
        guard bytes.starts(with: headerBytes) else {
            return .failure(.damaged(bytes.isEmpty ? "is empty" : "does not start with “\(header)”"))
        }
        // The last line: "end COUNT CHECKSUM\n".
        guard bytes.last == 0x0A else { return .failure(.damaged("is cut short (no end line)")) }
        let beforeLast = bytes[..<(bytes.count - 1)].lastIndex(of: 0x0A) ?? 0
        let trailer = String(decoding: bytes[(beforeLast + 1)..<(bytes.count - 1)], as: UTF8.self)
            .split(separator: " ")
        guard trailer.count == 3, trailer[0] == "end", let count = Int(trailer[1]),
            let sum = UInt64(trailer[2], radix: 16)
        else { return .failure(.damaged("is cut short (no end line)")) }
        let body = bytes[..<(beforeLast + 1)]
        guard checksum(body) == sum else {
            return .failure(.damaged("does not match its checksum (changed or damaged after it was written)"))
        }
        var entries: [ItemIndex.Entry] = []
        entries.reserveCapacity(min(count, bytes.count / 16))
        let folderEnd = body[headerBytes.count...].firstIndex(of: 0x0A) ?? body.endIndex
        let folderLine = String(decoding: body[headerBytes.count..<folderEnd], as: UTF8.self).split(separator: " ")
        let folder = folderLine.dropFirst().compactMap { Int64($0) }
        guard folderLine.first == "folder", folder.count == 3, folderLine.count == 4 else {
            return .failure(.damaged("line 2 is not the folder line"))
        }
        var lineStart = min(folderEnd + 1, body.endIndex)
        var number = 2
        while lineStart < body.endIndex {
            number += 1
            let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.endIndex
            // Only what selects lines is read now (id, status, digest week); the rest when asked for.
            guard let entry = entry(body[lineStart..<lineEnd]) else {
                return .failure(.damaged("line \(number) is not an item"))
            }
            entries.append(entry)
            lineStart = lineEnd + 1
        }
        guard entries.count == count else {
            return .failure(.damaged("holds \(entries.count) items where its end line says \(count)"))
        }
        return .success(Contents(entries: entries, folder: folder))
    }

    /// The id, status and digest week of an index line, and the line.
    private static func entry(_ line: ArraySlice<UInt8>) -> ItemIndex.Entry? {
        var fields: [ArraySlice<UInt8>] = []
        var start = line.startIndex
        while fields.count < 4 {
            guard let end = line[start...].firstIndex(of: 0x09) else { return nil }
            fields.append(line[start..<end])
            start = end + 1
        }
        var id = 0
        for byte in fields[0] {
            guard (0x30...0x39).contains(byte), id < Int.max / 20 else { return nil }
            id = id * 10 + Int(byte - 0x30)
        }
        guard !fields[0].isEmpty, let status = statuses.first(where: { $0.1.elementsEqual(fields[1]) })?.0,
            let week = unescape(fields[3])
        else { return nil }
        return ItemIndex.Entry(id: id, status: status, digestWeek: week, storage: .line(line))
    }

    /// The source key (the duplicate check's first question) of an index line, read alone.
    static func sourceKey(_ line: ArraySlice<UInt8>) -> SourceKey? {
        sourceKeyBytes(line).flatMap { unescape($0) ?? nil }.map { SourceKey($0) }
    }

    /// The source key's field as it is in the line (escaped).
    static func sourceKeyBytes(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var start = line.startIndex
        for _ in 0..<7 {
            guard let end = line[start...].firstIndex(of: 0x09) else { return nil }
            start = end + 1
        }
        let end = line[start...].firstIndex(of: 0x09) ?? line.endIndex
        return line[start..<end]
    }

    static func summary(_ line: ArraySlice<UInt8>) -> ItemSummary? {
        var fields: [String?] = []
        fields.reserveCapacity(11)
        var start = line.startIndex
        while true {
            let end = line[start...].firstIndex(of: 0x09) ?? line.endIndex
            guard let field = unescape(line[start..<end]) else { return nil }
            fields.append(field)
            if end == line.endIndex { break }
            start = end + 1
        }
        guard fields.count == 11, let idText = fields[0], let id = Int(idText),
            let status = fields[1].flatMap(ItemStatus.init(rawValue:)),
            let received = fields[2].flatMap(ISO8601UTC.date(from:)), let area = fields[4],
            let contributor = fields[5], let title = fields[6], let key = fields[7], let sender = fields[9],
            let digest = fields[10]
        else { return nil }
        return ItemSummary(
            id: id, status: status, title: title, learningArea: area, contributor: contributor, receivedAt: received,
            digestWeek: fields[3],
            source: ItemSource(key: SourceKey(key), messageId: fields[8], sender: sender, bodyDigest: digest))
    }

    /// A field's text; `.some(nil)` for `\-`; nil when the escapes are not ours.
    private static func unescape(_ bytes: ArraySlice<UInt8>) -> String?? {
        if bytes.elementsEqual([0x5C, 0x2D]) { return .some(nil) }
        guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaped = false
        for byte in bytes {
            if escaped {
                switch byte {
                case 0x5C: out.append(0x5C)
                case 0x74: out.append(0x09)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                default: return nil
                }
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        return escaped ? nil : String(decoding: out, as: UTF8.self)
    }

    // MARK: the journal

    /// What the journal says since the index was written.
    struct Journal: Equatable {
        var touched: Set<Int> = []
        /// A group of changes began and did not finish (or is running now in another process), or a
        /// line could not be read: the index cannot say what changed.
        var open = false
        var lines = 0
    }

    static func readJournal(_ spool: Spool) -> Journal {
        var journal = Journal()
        guard let bytes = try? AtomicFile.read(spool.path(journalName)) else { return journal }
        for line in bytes.split(separator: 0x0A) {
            journal.lines += 1
            let text = String(decoding: line, as: UTF8.self)
            if text == "open" {
                journal.open = true
            } else if text.hasPrefix("touch "), let id = Int(text.dropFirst(6)) {
                journal.touched.insert(id)
            } else {
                journal.open = true
            }
        }
        // A last line without its newline was cut short: its item is unknown.
        if let last = bytes.last, last != 0x0A { journal.open = true }
        return journal
    }

    /// Appends `line` to the journal and makes it durable before returning, also inside a group
    /// commit: the change it announces must not reach the disk before it.
    static func appendToJournal(_ line: String, in spool: Spool) throws {
        let path = spool.path(journalName)
        var info = stat()
        let existed = lstat(path, &info) == 0
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw AtomicFile.Failure(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
        guard written == bytes.count else {
            throw AtomicFile.Failure(path: path, operation: "write", code: written < 0 ? errno : EIO)
        }
        guard fsync(fd) == 0 else { throw AtomicFile.Failure(path: path, operation: "fsync", code: errno) }
        if !existed {
            let folder = open(spool.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard folder >= 0 else { throw AtomicFile.Failure(path: spool.root, operation: "open folder", code: errno) }
            defer { close(folder) }
            guard fsync(folder) == 0 else {
                throw AtomicFile.Failure(path: spool.root, operation: "fsync folder", code: errno)
            }
        }
    }

    /// Replaces the journal with `touch` lines for `ids` (atomically and durably): used once a small
    /// group of changes is durable, to close it without writing the whole index.
    static func replaceJournal(touching ids: Set<Int>, in spool: Spool) throws {
        precondition(!AtomicFile.inGroupCommit, "the journal is closed after a group commit, not in one")
        let text = ids.sorted().map { "touch \($0)\n" }.joined()
        try AtomicFile.write(Array(text.utf8), to: spool.path(journalName))
    }

    /// Writes the index durably, then empties the journal (the index now holds what it announced).
    /// Called outside group commits only: the index must be on disk before the journal is gone.
    /// Returns the items folder's stamp it recorded.
    @discardableResult
    static func write(_ entries: [ItemIndex.Entry], in spool: Spool) throws -> [Int64] {
        precondition(!AtomicFile.inGroupCommit, "the items index is written after a group commit, not in one")
        let folder = folderStamp(spool)
        try AtomicFile.write(encode(entries, folder: folder), to: spool.path(name))
        if unlink(spool.path(journalName)) != 0 && errno != ENOENT {
            throw AtomicFile.Failure(path: spool.path(journalName), operation: "remove", code: errno)
        }
        return folder
    }

    /// `data/items/` as it is now: inode and modification time.
    static func folderStamp(_ spool: Spool) -> [Int64] {
        var info = stat()
        guard lstat(spool.path("items"), &info) == 0 else { return [0, 0, 0] }
        return [Int64(info.st_ino), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec)]
    }

    /// Identifies the index and journal as they are on disk (inode, size, modification time), so that
    /// a long-running process sees when another has changed them.
    static func stamp(_ spool: Spool) -> [Int64] {
        [name, journalName].flatMap { file -> [Int64] in
            var info = stat()
            guard lstat(spool.path(file), &info) == 0 else { return [0, 0, 0, 0] }
            return [
                Int64(info.st_ino), Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec),
            ]
        }
    }
}
