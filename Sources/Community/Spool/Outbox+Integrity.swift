import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// Queued entries that cannot be sent as they are, found before a flush sends anything: a state
// file that does not read, or a message file that is missing, empty or unreadable. Each is set
// aside in `damaged/` with its reason (the recipients named, when the state could be read), never
// skipped without a word or sent as an empty message.

extension Outbox {
    /// The queued entries, read once; damaged ones are set aside (the caller holds the spool's
    /// lock) and named in `notes`, one line each for the log.
    func checkedPending(at now: Date) -> (entries: [Entry], notes: [String]) {
        var entries: [Entry] = []
        var notes: [String] = []
        for name in entryFiles(in: "outbox").sorted(by: Spool.naturalOrder) {
            let id = String(name.dropLast(5))
            let problem: String
            switch spool.readJSON(Entry.self, at: "outbox/" + name) {
            case .missing:
                continue  // gone since the folder was listed
            case .damaged(let reason):
                problem = "its state outbox/\(name) \(reason)"
            case .value(let entry):
                guard entry.template == nil, entry.recipients.contains(where: { $0.state == .queued }),
                    let reason = messageProblem(id)
                else {
                    entries.append(entry)
                    continue
                }
                let waiting = entry.recipients.filter { $0.state == .queued }.map(\.address)
                problem =
                    "its message outbox/\(id).eml \(reason) (a \(entry.kind) for \(waiting.joined(separator: ", ")))"
            }
            do {
                let aside = try spool.setAside(
                    ["outbox/\(id).json", "outbox/\(id).eml"], as: "outbox-\(id)",
                    reason:
                        "Outbox entry \(id) cannot be sent: \(problem). Nothing was sent from it; it was set aside.",
                    at: now)
                notes.append(
                    "outbox entry \(id) cannot be sent: \(problem); set aside as \(Spool.damagedFolder)/\(aside)")
            } catch {
                notes.append("outbox entry \(id) cannot be sent: \(problem); not sent, and not set aside: \(error)")
            }
        }
        return (entries, notes)
    }

    /// Why the `.eml` of entry `id` cannot be sent, or nil when it can. A `stat` and an `open`: the
    /// bytes are read when the message is sent.
    func messageProblem(_ id: String, in folder: String = "outbox") -> String? {
        let file = spool.path(folder, id + ".eml")
        var info = stat()
        guard lstat(file, &info) == 0 else {
            return errno == ENOENT ? "is missing" : "cannot be examined: \(Spool.errorText())"
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return "is not a plain file (a folder or a link)" }
        guard info.st_size > 0 else { return "is empty" }
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "cannot be read: \(Spool.errorText())" }
        close(fd)
        return nil
    }
}

/// A queued message's file could not be read when its turn came: nothing is sent in its place.
public struct UnreadableOutboxMessage: Error, CustomStringConvertible {
    public var entry: String
    public var path: String
    public var description: String {
        "cannot read the message of outbox entry \(entry) (\(path)): nothing was sent for it; "
            + "the next round sets it aside in \(Spool.damagedFolder)/ if it is still unreadable"
    }
}
