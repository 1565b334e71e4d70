/// The server's capability list (RFC 3501 §7.2.1), from `* CAPABILITY ...` or a `[CAPABILITY ...]`
/// response code (RFC 3501 §7.1) in any greeting, tagged or untagged line.
///
/// Names are kept uppercased. Capabilities change after STARTTLS and login (Cyrus adds LOGINDISABLED
/// after login and sends a long line), so the last list in a reply wins.
public struct Capabilities: Sendable, Equatable {
    public var names: Set<String>

    public init(_ names: some Sequence<String>) {
        self.names = Set(names.map { $0.uppercased() })
    }

    public func contains(_ name: String) -> Bool { names.contains(name.uppercased()) }

    /// RFC 6851: `UID MOVE`.
    public var supportsMove: Bool { contains("MOVE") }
    /// RFC 4315: `UID EXPUNGE` of given UIDs, `UID COPY` answering COPYUID.
    public var supportsUIDPlus: Bool { contains("UIDPLUS") }
    /// RFC 4731.
    public var supportsESearch: Bool { contains("ESEARCH") }
    /// RFC 2342.
    public var supportsNamespace: Bool { contains("NAMESPACE") }

    /// The SASL mechanisms offered (`AUTH=PLAIN` gives `PLAIN`); empty on servers that only accept LOGIN.
    public var authMechanisms: Set<String> {
        Set(names.filter { $0.hasPrefix("AUTH=") }.map { String($0.dropFirst(5)) })
    }

    /// The last capability list found in `bytes`, or nil when there is none.
    public static func parse(_ bytes: [UInt8]) -> Capabilities? {
        var found: Capabilities?
        ResponseCursor.forEachLine(in: bytes) { cursor in
            if let list = parseLine(&cursor) { found = list }
        }
        return found
    }

    // capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)
    // resp-text-code =/ capability-data  (inside "[" ... "]")
    static func parseLine(_ cursor: inout ResponseCursor) -> Capabilities? {
        let start = cursor.index
        if cursor.consume(UInt8(ascii: "*")), cursor.skipSpaces(), cursor.consumeWord("CAPABILITY") {
            return atoms(&cursor, until: nil)
        }
        // Look for "[CAPABILITY " anywhere in a status line (greeting, tagged OK after login).
        cursor.index = start
        while !cursor.isAtLineEnd {
            if cursor.consume(UInt8(ascii: "[")) {
                if cursor.consumeWord("CAPABILITY") { return atoms(&cursor, until: UInt8(ascii: "]")) }
            } else {
                cursor.index += 1
            }
        }
        return nil
    }

    static func atoms(_ cursor: inout ResponseCursor, until terminator: UInt8?) -> Capabilities {
        var names: [String] = []
        while cursor.skipSpaces(), !cursor.isAtLineEnd {
            if terminator != nil && cursor.peek == terminator { break }
            guard let atom = cursor.atom() else { break }
            names.append(ResponseCursor.text(atom))
        }
        return Capabilities(names)
    }
}
