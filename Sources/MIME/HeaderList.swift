#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The header fields of one entity (RFC 5322 section 2.2), in order, as ranges into the message bytes.
///
/// Values are unfolded and RFC 2047 decoded on access; the raw bytes stay available for the structured
/// parsers (addresses, Content-Type, dates), which must see encoded words and quoting as written.
public struct HeaderList: Sendable {
    struct Field: Sendable {
        var name: Range<Int>
        var value: Range<Int>
        /// Case-insensitive hash of the name, so that lookups compare one integer per field.
        var key: UInt64
    }

    /// FNV-1a over the lowercased name bytes.
    static func key(_ name: String) -> UInt64 {
        name.utf8.withContiguousStorageIfAvailable { key($0) } ?? key(Array(name.utf8))
    }

    static func key(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for c in bytes {
            h = (h ^ UInt64(Bytes.lower(c))) &* 0x100_0000_01B3
        }
        return h
    }

    let source: [UInt8]
    var fields: [Field]

    init(source: [UInt8], fields: [Field]) {
        self.source = source
        self.fields = fields
    }

    /// An empty header list.
    public init() {
        self.init(source: [], fields: [])
    }

    /// The number of header fields.
    public var count: Int { fields.count }

    /// The first field with that name (case-insensitive), unfolded and RFC 2047 decoded; nil when absent.
    public subscript(_ name: String) -> String? {
        guard let i = firstIndex(name) else { return nil }
        return decodedValue(at: i)
    }

    /// Every field with that name, in order, unfolded and RFC 2047 decoded.
    public func all(_ name: String) -> [String] {
        indices(name).map { decodedValue(at: $0) }
    }

    /// Whether a field with that name is present (case-insensitive).
    public func contains(_ name: String) -> Bool {
        firstIndex(name) != nil
    }

    /// All fields in order as (name as written, decoded value).
    public var entries: [(name: String, value: String)] {
        fields.indices.map { (name(at: $0), decodedValue(at: $0)) }
    }

    func name(at i: Int) -> String {
        source.withUnsafeBufferPointer { p in
            String(decoding: UnsafeBufferPointer(rebasing: p[fields[i].name]), as: UTF8.self)
        }
    }

    /// A field name with its key computed once: the fields read from every message and part are
    /// looked up by these rather than hashing the name again for each lookup.
    struct Name: Sendable {
        let text: String
        let key: UInt64

        init(_ text: String) {
            self.text = text
            self.key = HeaderList.key(text)
        }

        static let from = Name("from")
        static let to = Name("to")
        static let cc = Name("cc")
        static let replyTo = Name("reply-to")
        static let sender = Name("sender")
        static let returnPath = Name("return-path")
        static let date = Name("date")
        static let subject = Name("subject")
        static let messageID = Name("message-id")
        static let inReplyTo = Name("in-reply-to")
        static let references = Name("references")
        static let contentType = Name("content-type")
        static let contentTransferEncoding = Name("content-transfer-encoding")
        static let contentDisposition = Name("content-disposition")
    }

    func firstIndex(_ name: String) -> Int? {
        firstIndex(Name(name))
    }

    /// A hash match is confirmed on the bytes (collisions are possible in principle).
    func firstIndex(_ name: Name) -> Int? {
        // A plain loop over the fields' storage: this runs a dozen times per message and part, and the
        // closure-based `first(where:)` cost twice as much per field.
        fields.withUnsafeBufferPointer { f in
            for i in f.indices where f[i].key == name.key && matches(i, name.text) { return i }
            return nil
        }
    }

    func indices(_ name: String) -> [Int] {
        var found = [Int]()
        forEachIndex(Name(name)) { found.append($0) }
        return found
    }

    /// Calls `body` with the index of every field with that name, in order (no array built).
    func forEachIndex(_ name: Name, _ body: (Int) -> Void) {
        fields.withUnsafeBufferPointer { f in
            for i in f.indices where f[i].key == name.key && matches(i, name.text) { body(i) }
        }
    }

    private func matches(_ i: Int, _ name: String) -> Bool {
        source.withUnsafeBufferPointer { p in
            let r = fields[i].name
            guard r.count == name.utf8.count else { return false }
            func same(_ q: UnsafeBufferPointer<UInt8>) -> Bool {
                var k = r.lowerBound
                for c in q {
                    if Bytes.lower(p[k]) != Bytes.lower(c) { return false }
                    k += 1
                }
                return true
            }
            return name.utf8.withContiguousStorageIfAvailable(same) ?? Array(name.utf8).withUnsafeBufferPointer(same)
        }
    }

    /// The unfolded raw bytes of the first field with that name (no RFC 2047 decoding).
    func raw(_ name: String) -> [UInt8]? {
        raw(Name(name))
    }

    func raw(_ name: Name) -> [UInt8]? {
        guard let i = firstIndex(name) else { return nil }
        return rawValue(at: i)
    }

    /// Unfolded, leading whitespace removed; trailing whitespace kept (it matters inside an unterminated
    /// quoted string, and the structured parsers skip it anyway).
    func rawValue(at i: Int) -> [UInt8] {
        withRawValue(at: i) { Array($0) }
    }

    /// Calls `body` with what `rawValue(at:)` returns, without a copy when the field is one line (most are).
    func withRawValue<R>(at i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        source.withUnsafeBufferPointer { p in
            var r = fields[i].value
            while r.lowerBound < r.upperBound && Bytes.isWhitespace(p[r.lowerBound]) {
                r = (r.lowerBound + 1)..<r.upperBound
            }
            if let base = p.baseAddress, memchr(base + r.lowerBound, Int32(asciiLF), r.count) == nil,
                memchr(base + r.lowerBound, Int32(asciiCR), r.count) == nil
            {
                return body(UnsafeBufferPointer(rebasing: p[r]))
            }
            return Bytes.unfolded(p, r).withUnsafeBufferPointer(body)
        }
    }

    func decodedValue(at i: Int) -> String {
        // In place when the field is one line (most are): no copy of the value first.
        withRawValue(at: i) { p in
            var end = p.count
            while end > 0 && Bytes.isWhitespace(p[end - 1]) { end -= 1 }
            return EncodedWord.decode(p, 0..<end, separateWords: true)
        }
    }
}

extension HeaderList {
    /// The most header fields kept per entity; further fields are skipped (hostile input).
    static let maxFields = 2000

    /// Parses a header block starting at `start` (RFC 5322 section 2.2, with obsolete and broken forms:
    /// whitespace before the colon, a leading mbox "From " line, a missing blank line before the body).
    /// Returns the fields and the index where the body starts.
    static func parse(
        _ p: UnsafeBufferPointer<UInt8>, source: [UInt8], from start: Int, to end: Int
    )
        -> (HeaderList, bodyStart: Int)
    {
        var fields = [Field]()
        fields.reserveCapacity(16)  // a typical header block, without regrowing four times on the way
        var i = start
        var first = true
        while i < end {
            let c = p[i]
            if c == asciiLF { return (HeaderList(source: source, fields: fields), i + 1) }
            if c == asciiCR {
                if i + 1 < end && p[i + 1] == asciiLF { return (HeaderList(source: source, fields: fields), i + 2) }
                if i + 1 == end { return (HeaderList(source: source, fields: fields), end) }
            }
            let eol = Bytes.lineEnd(p, i, end)
            if c == asciiSpace || c == asciiTab {
                // A continuation line with no field before it (or after a skipped one): ignore it.
                i = eol + 1
                first = false
                continue
            }
            // field-name = 1*ftext, then optional WSP (obsolete syntax) before ':'
            var colon = -1
            var nameEnd = -1
            var j = i
            while j < eol {
                let b = p[j]
                if b == 0x3A {
                    colon = j
                    break
                }
                if b == asciiSpace || b == asciiTab {
                    if nameEnd < 0 { nameEnd = j }
                } else if nameEnd >= 0 || b < 0x21 || b > 0x7E {
                    break
                }
                j += 1
            }
            if colon <= i {
                if first && eol - i >= 5 && p[i] == 0x46 && p[i + 1] == 0x72 && p[i + 2] == 0x6F && p[i + 3] == 0x6D
                    && p[i + 4] == asciiSpace
                {
                    // mbox "From " separator line.
                    i = eol + 1
                    first = false
                    continue
                }
                // Not a header line: the headers end here and this line starts the body.
                return (HeaderList(source: source, fields: fields), i)
            }
            first = false
            var next = eol + 1
            var valueEnd = eol
            while next < end && (p[next] == asciiSpace || p[next] == asciiTab) {
                let e = Bytes.lineEnd(p, next, end)
                valueEnd = e
                next = e + 1
            }
            if valueEnd > colon + 1 && p[valueEnd - 1] == asciiCR { valueEnd -= 1 }
            if fields.count < maxFields {
                let nameRange = i..<(nameEnd >= 0 ? nameEnd : colon)
                fields.append(
                    Field(
                        name: nameRange, value: (colon + 1)..<max(colon + 1, valueEnd),
                        key: HeaderList.key(UnsafeBufferPointer(rebasing: p[nameRange]))))
            }
            i = next
        }
        return (HeaderList(source: source, fields: fields), min(i, end))
    }
}
