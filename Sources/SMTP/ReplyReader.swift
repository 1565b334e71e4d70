/// Puts multi-line replies together, line by line as they arrive (RFC 5321 §4.2.1: every line but
/// the last is `ddd-`). The texts of the lines are joined with one space, so that a reply reads as
/// one line in logs and in the outbox's state.
public struct ReplyReader: Sendable, Equatable {
    private var text = ""

    public init() {}

    /// Takes one line; returns the whole reply when this line ends it, nil when more lines follow
    /// or the line is not a reply line (skipped).
    public mutating func read(_ line: some Collection<UInt8>) -> Reply? {
        guard let line = ReplyLine(line) else { return nil }
        text += text.isEmpty ? line.text : " " + line.text
        guard line.isLast else { return nil }
        defer { text = "" }
        return Reply(code: line.code, text: text)
    }

    /// Forgets a reply begun and not ended (a command was sent in between).
    public mutating func reset() { text = "" }

    /// Every whole reply in `lines`, in order.
    public static func replies(_ lines: [[UInt8]]) -> [Reply] {
        var reader = ReplyReader()
        return lines.compactMap { reader.read($0) }
    }
}
