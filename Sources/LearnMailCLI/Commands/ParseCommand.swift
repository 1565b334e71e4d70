import Foundation
import MIME
import MailAdapters

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

    /// Parses and fully decodes every file (every leaf's transfer encoding and, for text, its charset),
    /// printing one line with two figures: `seconds`, the time spent in parsing and decoding alone (what
    /// the peer harnesses time, benchmarks/py_parse.py and gmime_parse.c), and `wall`, the time of the
    /// whole command, reading included. Files are read on another thread while the ones already read are
    /// parsed, so reading overlaps the parse instead of preceding it. Nothing else (progress, output)
    /// happens while parsing.
    private func stats(_ paths: [String]) throws {
        let clock = ContinuousClock()
        let started = clock.now
        // LEARNMAIL_PARSE_READ_AHEAD_KB sets the read-ahead window, for measuring (default: FileReadAhead's).
        let window = context.environment["LEARNMAIL_PARSE_READ_AHEAD_KB"].flatMap { Int($0) }.map { max($0, 1) << 10 }
        let reader = window.map { FileReadAhead(paths, aheadBytes: $0) } ?? FileReadAhead(paths)
        defer { reader.stop() }
        var bytes = 0
        var decoded = 0
        var parsing = Duration.zero
        while let blob = try reader.next() {
            bytes += blob.count
            let before = clock.now
            decoded &+= Message(blob).fullyDecodedByteCount()
            parsing += clock.now - before
        }
        let wall = Self.seconds(clock.now - started)
        let seconds = Self.seconds(parsing)
        func rate(_ s: Double) -> String { Self.fixed(s > 0 ? Double(bytes) / 1_000_000 / s : 0, digits: 1) }
        context.terminal.print(
            "messages \(paths.count), bytes \(bytes), seconds \(Self.fixed(seconds, digits: 3)), MB/s \(rate(seconds)), "
                + "wall \(Self.fixed(wall, digits: 3)), wall MB/s \(rate(wall))"
        )
        _ = decoded
    }

    /// `x` (not negative) with `digits` decimals, as `String(format: "%.Nf")` writes it but without
    /// Foundation's formatting, whose first use looks up protocol conformances across the whole binary
    /// (about a tenth of the start-up instructions of `parse --stats`).
    static func fixed(_ x: Double, digits: Int) -> String {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let n = Int((min(max(x, 0), 1e12) * Double(scale)).rounded())  // clamped: no overflow
        guard digits > 0 else { return String(n) }
        let fraction = String(n % scale)
        return "\(n / scale)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
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
/// intermediate `Data`, no zero-filling first), so that a 50 MB message costs 50 MB to hold.
func readFile(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CommandError("cannot read \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
        throw CommandError("cannot read \(path): not a regular file")
    }
    let size = Int(info.st_size)
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        count = 0
        guard let base = buffer.baseAddress else { return }
        while count < size {
            let got = read(fd, base + count, size - count)
            if got < 0 && errno == EINTR { continue }
            if got < 0 { failure = errno }
            guard got > 0 else { break }  // a file that shrank meanwhile: what is there
            count += got
        }
    }
    if failure != 0 { throw CommandError("cannot read \(path): \(String(cString: strerror(failure)))") }
    return bytes
}
