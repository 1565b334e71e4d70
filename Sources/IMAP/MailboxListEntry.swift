/// One `LIST` (or `LSUB`) response (RFC 3501 §7.2.2):
/// `mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox`.
public struct MailboxListEntry: Sendable, Equatable {
    /// Flags such as `\Noselect`, `\HasNoChildren`, `\Trash` (RFC 6154), as sent.
    public var attributes: [String]
    /// The hierarchy delimiter, nil for a flat server.
    public var delimiter: String?
    /// The full mailbox name as sent (not decoded from modified UTF-7).
    public var name: String

    public init(attributes: [String], delimiter: String?, name: String) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.name = name
    }

    /// False for `\Noselect` / `\NonExistent` entries, which name a hierarchy level, not a mailbox.
    public var isSelectable: Bool {
        !attributes.contains { ["\\NOSELECT", "\\NONEXISTENT"].contains($0.uppercased()) }
    }

    /// Every LIST and LSUB entry in `bytes`, in order.
    public static func parseAll(_ bytes: [UInt8]) -> [MailboxListEntry] {
        var found: [MailboxListEntry] = []
        ResponseCursor.forEachUntagged(in: bytes) { cursor in
            guard cursor.consumeWord("LIST") || cursor.consumeWord("LSUB"), cursor.skipSpaces(),
                cursor.consume(UInt8(ascii: "("))
            else { return }
            var attributes: [String] = []
            while true {
                cursor.skipSpaces()
                if cursor.consume(UInt8(ascii: ")")) { break }
                guard let flag = cursor.atom() else { return }
                attributes.append(ResponseCursor.text(flag))
            }
            guard cursor.skipSpaces(), let delimiter = cursor.nstring(), cursor.skipSpaces(),
                let name = cursor.astring()
            else { return }
            found.append(
                MailboxListEntry(
                    attributes: attributes, delimiter: delimiter.map(ResponseCursor.text),
                    name: ResponseCursor.text(name)))
        }
        return found
    }
}
