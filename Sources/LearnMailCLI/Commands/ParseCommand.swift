import Foundation
import MIME

#if canImport(Glibc)
    import Glibc
#endif

/// `learnmail parse FILE... [--json]` and `learnmail parse --stats FILE...`.
struct ParseCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: ["json", "stats"])
        guard !arguments.positionals.isEmpty else { throw UsageError("parse needs at least one FILE") }
        if arguments.has("stats") {
            try stats(arguments.positionals)
            return
        }
        for path in arguments.positionals {
            let message = Message(try readFile(path))
            if arguments.has("json") {
                context.terminal.print(message.summary.jsonLine())
            } else {
                describe(message, path: path)
            }
        }
    }

    /// Times parsing and full decoding only, as the peer harnesses do (benchmarks/py_parse.py,
    /// gmime_parse.c): every file is read into memory first, then one timed loop parses each message and
    /// decodes every leaf part. Nothing else (progress, I/O) happens inside the timed loop.
    private func stats(_ paths: [String]) throws {
        var blobs = [[UInt8]]()
        blobs.reserveCapacity(paths.count)
        for (index, path) in paths.enumerated() {
            blobs.append(try readFile(path))
            context.terminal.progress("Reading", index + 1, paths.count)
        }
        let bytes = blobs.reduce(0) { $0 + $1.count }
        var decoded = 0
        let elapsed = ContinuousClock().measure {
            for blob in blobs { decoded &+= Message(blob).fullyDecodedByteCount() }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
        context.terminal.print(
            "messages \(paths.count), bytes \(bytes), seconds \(String(format: "%.3f", seconds)), MB/s \(String(format: "%.1f", rate))"
        )
        _ = decoded
    }

    private func describe(_ message: Message, path: String) {
        let t = context.terminal
        t.print(path)
        t.print("  Subject:  \(message.subject ?? "(none)")")
        t.print("  From:     \(message.from.map(Self.format).joined(separator: ", "))")
        if !message.to.isEmpty { t.print("  To:       \(message.to.map(Self.format).joined(separator: ", "))") }
        t.print("  Date:     \(message.date?.iso8601 ?? "(none or unreadable)")")
        t.print("  Message-ID: \(message.messageId ?? "(none)")")
        t.print("  Parts:")
        for part in message.parts {
            var line = "    \(part.path.padding(toLength: max(6, part.path.count + 1), withPad: " ", startingAt: 0))"
            line += part.contentType
            if let charset = part.charset { line += "; charset=\(charset)" }
            line += "  \(part.size) bytes"
            if let filename = part.filename { line += "  \"\(filename)\"" }
            t.print(line)
        }
        if !message.attachments.isEmpty {
            t.print("  Attachments:")
            for attachment in message.attachments {
                t.print(
                    "    \(attachment.filename ?? "(unnamed)")  \(attachment.contentType)  \(attachment.size) bytes"
                )
            }
        }
        for note in message.notes { t.print("  Note: \(note)") }
        t.print()
    }

    static func format(_ address: MailAddress) -> String {
        guard let name = address.name, !name.isEmpty else { return address.address }
        return "\(name) <\(address.address)>"
    }
}

/// Reads a whole file as bytes, with an error that names it: straight into one array (no
/// intermediate `Data`), so that a 50 MB message costs 50 MB to hold.
func readFile(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CommandError("cannot read \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
        throw CommandError("cannot read \(path): not a regular file")
    }
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
    var filled = 0
    while filled < bytes.count {
        let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
        if got < 0 && errno == EINTR { continue }
        guard got > 0 else { break }
        filled += got
    }
    if filled < bytes.count { bytes.removeSubrange(filled...) }
    return bytes
}
