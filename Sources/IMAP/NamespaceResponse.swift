/// One namespace: a prefix and its hierarchy delimiter (RFC 2342 §5).
public struct NamespaceDescriptor: Sendable, Equatable {
    /// For example `""` (Dovecot default) or `"INBOX."` (Cyrus, Courier).
    public var prefix: String
    /// The hierarchy delimiter, for example `"."` or `"/"`; nil for a flat namespace (`NIL`).
    public var delimiter: String?

    public init(prefix: String, delimiter: String?) {
        self.prefix = prefix
        self.delimiter = delimiter
    }
}

/// The `NAMESPACE` response (RFC 2342 §5): personal, other users' and shared namespaces.
///
/// `Namespace_Response = "*" SP "NAMESPACE" SP Namespace SP Namespace SP Namespace`, where
/// `Namespace = nil / "(" 1*( "(" string SP (DQUOTE QUOTED_CHAR DQUOTE / nil) *(Namespace_Response_Extension) ")" ) ")"`.
public struct NamespaceResponse: Sendable, Equatable {
    public var personal: [NamespaceDescriptor]
    public var otherUsers: [NamespaceDescriptor]
    public var shared: [NamespaceDescriptor]

    public init(
        personal: [NamespaceDescriptor], otherUsers: [NamespaceDescriptor] = [], shared: [NamespaceDescriptor] = []
    ) {
        self.personal = personal
        self.otherUsers = otherUsers
        self.shared = shared
    }

    /// The NAMESPACE response in `bytes`, or nil when there is none or it is malformed.
    public static func parse(_ bytes: [UInt8]) -> NamespaceResponse? {
        var found: NamespaceResponse?
        ResponseCursor.forEachUntagged(in: bytes) { cursor in
            guard cursor.consumeWord("NAMESPACE") else { return }
            var groups: [[NamespaceDescriptor]] = []
            for _ in 0..<3 {
                guard cursor.skipSpaces(), let group = namespaceGroup(&cursor) else { return }
                groups.append(group)
            }
            found = NamespaceResponse(personal: groups[0], otherUsers: groups[1], shared: groups[2])
        }
        return found
    }

    static func namespaceGroup(_ cursor: inout ResponseCursor) -> [NamespaceDescriptor]? {
        if cursor.consumeWord("NIL") { return [] }
        guard cursor.consume(UInt8(ascii: "(")) else { return nil }
        var group: [NamespaceDescriptor] = []
        while true {
            cursor.skipSpaces()
            if cursor.consume(UInt8(ascii: ")")) { return group }
            guard cursor.consume(UInt8(ascii: "(")), let prefix = cursor.string(), cursor.skipSpaces(),
                let delimiter = cursor.nstring()
            else { return nil }
            // Namespace_Response_Extension = SP string SP "(" string *(SP string) ")"
            while true {
                cursor.skipSpaces()
                if cursor.consume(UInt8(ascii: ")")) { break }
                guard cursor.skipValue() else { return nil }
            }
            group.append(
                NamespaceDescriptor(
                    prefix: ResponseCursor.text(prefix), delimiter: delimiter.map(ResponseCursor.text)))
        }
    }
}
