/// One line of an SMTP reply (RFC 5321 §4.2): a three-digit code, then `-` when more lines of the
/// same reply follow, else a space (or nothing), then the text.
///
/// `reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF`
public struct ReplyLine: Sendable, Equatable {
    public var code: Int
    /// False on a `ddd-` line: the reply goes on.
    public var isLast: Bool
    /// The text without the code, its separator and the line ending.
    public var text: String

    /// Reads one line as received (CRLF or LF at the end, or none); nil when it does not start
    /// with three digits. The code is not checked further: a `000` is what the server said.
    public init?(_ line: some Collection<UInt8>) {
        let bytes = Array(line)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        code = bytes[0...2].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        isLast = bytes.count == 3 || bytes[3] != UInt8(ascii: "-")
        var end = bytes.count
        while end > 4, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        text = end > 4 ? String(decoding: bytes[4..<end], as: UTF8.self) : ""
    }
}
