#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds the MIME tree in one pass over the bytes (RFC 2046 section 5.1).
///
/// Boundaries of all open multiparts are kept on a stack, so each line is looked at once: a delimiter
/// of an outer multipart also ends every inner one (a missing close delimiter, RFC 2046 allows the
/// reader to recover this way). Nesting deeper than `maxDepth` and parts beyond `maxParts` are kept as
/// opaque content, so cost stays linear in the input and recursion stays bounded.
struct MIMEParser {
    static let maxDepth = 64
    static let maxParts = 10_000

    struct Hit {
        var level: Int
        var isClose: Bool
        /// Where the content before the delimiter ends (the CRLF before it belongs to the delimiter).
        var contentEnd: Int
        /// The start of the line after the delimiter.
        var next: Int
    }

    let source: [UInt8]
    let p: UnsafeBufferPointer<UInt8>
    var boundaries: [[UInt8]] = []
    var partCount = 0
    var notes: [String] = []

    init(source: [UInt8], pointer: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.p = pointer
    }

    /// Parses one entity (headers and body) starting at `start`, ending at the next delimiter of an
    /// enclosing multipart or at `end`.
    mutating func parseEntity(start: Int, end: Int, depth: Int, defaultType: ContentType) -> (MIMEPart, Hit?) {
        let (headers, bodyStart) = HeaderList.parse(p, source: source, from: start, to: end)
        var contentType = defaultType
        var lastContentType: Int?
        headers.forEachIndex(.contentType) { lastContentType = $0 }
        if let i = lastContentType, let ct = headers.withRawValue(at: i, { ContentType(raw: Array($0)) }) {
            contentType = ct
        }
        let transferEncoding = TransferEncoding(raw: headers.raw(.contentTransferEncoding))
        func part(bodyEnd: Int, multipart: Multipart? = nil, nested: [Message] = []) -> MIMEPart {
            MIMEPart(
                headers: headers, contentType: contentType, transferEncoding: transferEncoding, source: source,
                bodyRange: bodyStart..<max(bodyStart, bodyEnd), children: multipart?.children ?? [],
                preambleRange: multipart?.preamble, epilogueRange: multipart?.epilogue, nested: nested)
        }
        partCount += 1
        let deepEnough = depth >= MIMEParser.maxDepth || partCount > MIMEParser.maxParts
        if deepEnough && (contentType.isMultipart || contentType.isMessage) {
            note("nesting or part limit reached: content below kept as one opaque part")
        }
        if contentType.isMultipart, !deepEnough, let b = contentType["boundary"], !b.isEmpty {
            let m = parseMultipart(contentType, bodyStart: bodyStart, end: end, depth: depth, boundary: Array(b.utf8))
            return (part(bodyEnd: m.contentEnd, multipart: m), m.hit)
        }
        if contentType.isMessage, !deepEnough, transferEncoding.isIdentity {
            let innerDefault = ContentType.textPlain
            let (inner, hit) = parseEntity(start: bodyStart, end: end, depth: depth + 1, defaultType: innerDefault)
            let bodyRange = bodyStart..<max(bodyStart, hit?.contentEnd ?? end)
            let message = Message(source: source, root: inner, range: bodyRange, depth: depth + 1, notes: [])
            return (part(bodyEnd: bodyRange.upperBound, nested: [message]), hit)
        }
        let (contentEnd, hit) = scan(from: bodyStart, end: end)
        if contentType.isMessage, !deepEnough {
            // message/rfc822 with a base64 or quoted-printable body (not allowed, but sent): decode, then parse.
            let decoded = transferEncoding.decode(
                UnsafeBufferPointer(rebasing: p[bodyStart..<max(bodyStart, contentEnd)]))
            return (part(bodyEnd: contentEnd, nested: [Message(decoded, depth: depth + 1)]), hit)
        }
        return (part(bodyEnd: contentEnd), hit)
    }

    /// A multipart's children and ranges; the caller builds the part from them.
    private struct Multipart {
        var children: [MIMEPart]
        var preamble: Range<Int>
        var epilogue: Range<Int>?
        var contentEnd: Int
        var hit: Hit?
    }

    private mutating func parseMultipart(
        _ contentType: ContentType, bodyStart: Int, end: Int, depth: Int, boundary: [UInt8]
    ) -> Multipart {
        boundaries.append(boundary)
        let level = boundaries.count - 1
        let childDefault: ContentType = contentType.subtype == "digest" ? .messageRFC822 : .textPlain
        var (preambleEnd, hit) = scan(from: bodyStart, end: end)
        var children = [MIMEPart]()
        while let h = hit, h.level == level, !h.isClose {
            let (child, childHit) = parseEntity(start: h.next, end: end, depth: depth + 1, defaultType: childDefault)
            // A delimiter directly followed by another delimiter encloses no entity at all (Python and
            // GMime agree): skip it rather than inventing an empty text/plain part.
            let isVoid = child.headers.count == 0 && child.bodyRange.isEmpty && (childHit?.contentEnd ?? end) <= h.next
            if partCount <= MIMEParser.maxParts && !isVoid { children.append(child) }
            hit = childHit
        }
        boundaries.removeLast()
        var contentEnd = hit?.contentEnd ?? end
        var epilogue: Range<Int>?
        if let h = hit, h.level == level {
            // Close delimiter: the epilogue runs to the next outer delimiter or the end.
            let (epilogueEnd, outer) = scan(from: h.next, end: end)
            epilogue = h.next..<max(h.next, epilogueEnd)
            hit = outer
            contentEnd = epilogueEnd
        } else if hit == nil && !children.isEmpty {
            note("multipart \(contentType.mimeType) has no close delimiter")
        }
        if children.isEmpty { note("multipart \(contentType.mimeType) has no parts") }
        return Multipart(
            children: children, preamble: bodyStart..<preambleEnd, epilogue: epilogue, contentEnd: contentEnd, hit: hit)
    }

    private mutating func note(_ text: String) {
        if notes.count < 20 && !notes.contains(text) { notes.append(text) }
    }

    /// Scans lines from `from` to the first delimiter line of any open multipart.
    func scan(from: Int, end: Int) -> (contentEnd: Int, hit: Hit?) {
        if boundaries.isEmpty || from >= end { return (end, nil) }
        if let h = delimiter(at: from, end: end, contentEnd: from) { return (from, h) }
        // Look for "--" at a line start by jumping between '-' bytes (base64 has none, text few), which
        // touches far fewer places than stopping at every line end.
        guard let base = p.baseAddress else { return (end, nil) }
        var i = from + 1
        while i < end - 1 {
            guard let hit = memchr(base + i, 0x2D, end - 1 - i) else { return (end, nil) }
            let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if p[q + 1] != 0x2D {
                i = q + 2
                continue
            }
            if p[q - 1] == asciiLF {
                var contentEnd = q - 1
                if contentEnd > from && p[contentEnd - 1] == asciiCR { contentEnd -= 1 }
                if let h = delimiter(at: q, end: end, contentEnd: contentEnd) { return (contentEnd, h) }
            }
            i = q + 1
        }
        return (end, nil)
    }

    /// Matches `--boundary[--]` followed by optional whitespace at the line starting at `i`,
    /// innermost boundary first.
    private func delimiter(at i: Int, end: Int, contentEnd: Int) -> Hit? {
        guard i + 2 <= end, p[i] == 0x2D, p[i + 1] == 0x2D, let base = p.baseAddress else { return nil }
        var level = boundaries.count - 1
        while level >= 0 {
            let b = boundaries[level]
            let after = i + 2 + b.count
            if after <= end,
                b.withUnsafeBufferPointer({ memcmp(base + i + 2, $0.baseAddress!, b.count) == 0 })
            {
                let isClose = after + 2 <= end && p[after] == 0x2D && p[after + 1] == 0x2D
                var k = isClose ? after + 2 : after
                let eol = Bytes.lineEnd(p, k, end)
                var clean = true
                if !isClose {
                    while k < eol {
                        if !Bytes.isWhitespace(p[k]) {
                            clean = false
                            break
                        }
                        k += 1
                    }
                }
                if clean { return Hit(level: level, isClose: isClose, contentEnd: contentEnd, next: min(eol + 1, end)) }
            }
            level -= 1
        }
        return nil
    }
}
