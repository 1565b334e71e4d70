/// Small structured readers for header values that are neither addresses nor MIME parameters.
enum HeaderValues {
    /// A comma-separated list of phrases (RFC 5322 `Keywords`): each item RFC 2047 decoded, whitespace
    /// collapsed, empty items dropped.
    static func commaList(_ raw: [UInt8]) -> [String] {
        var items = [String]()
        var start = 0
        var inQuote = false
        for i in 0...raw.count {
            if i < raw.count {
                if raw[i] == 0x22 { inQuote.toggle() }
                if raw[i] != 0x2C || inQuote { continue }
            }
            let text = EncodedWord.decodeUnstructured(Array(raw[start..<i]))
            let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            if !collapsed.isEmpty { items.append(collapsed) }
            start = i + 1
        }
        return items
    }
}

extension HeaderList {
    /// The items of every field with that name as a comma-separated list (e.g. `Keywords`).
    public func listItems(_ name: String) -> [String] {
        indices(name).flatMap { HeaderValues.commaList(rawValue(at: $0)) }
    }

    /// The addresses of every field with that name (RFC 5322 section 3.4), groups flattened.
    public func addresses(_ name: String) -> [MailAddress] {
        addresses(Name(name))
    }

    func addresses(_ name: Name) -> [MailAddress] {
        var result = [MailAddress]()
        forEachIndex(name) { i in
            let list = withRawValue(at: i, AddressParser.parseList)
            if result.isEmpty { result = list } else { result += list }
        }
        return result
    }

    /// The message ids of the first field with that name, without angle brackets.
    public func messageIDs(_ name: String) -> [String] {
        messageIDs(Name(name))
    }

    func messageIDs(_ name: Name) -> [String] {
        guard let i = firstIndex(name) else { return [] }
        return withRawValue(at: i, AddressParser.parseIDs)
    }
}
