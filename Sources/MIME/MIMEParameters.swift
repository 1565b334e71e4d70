/// The `value *(";" parameter)` syntax shared by Content-Type and Content-Disposition, with RFC 2231
/// extensions and the usual breakage (comments, spaces around '/' and '=', unquoted values with spaces,
/// missing semicolons between quoted values, unterminated quotes).
enum MIMEParameters {
    private struct Piece {
        var index: Int
        var encoded: Bool
        var bytes: [UInt8]
    }

    static func parse(_ raw: [UInt8], wantsSubtype: Bool) -> (value: String, parameters: [String: String])? {
        guard let parsed = parseParts(raw, wantsSubtype: wantsSubtype) else { return nil }
        return (parsed.value + (parsed.subtype.map { "/" + $0 } ?? ""), parsed.parameters.dictionary)
    }

    /// The value (lowercase; with `wantsSubtype`, the part before '/', the subtype after it) and the
    /// parameters. Works on the bytes with index ranges: names and short values become small strings
    /// without copies in between (this runs for every MIME part).
    static func parseParts(
        _ raw: [UInt8], wantsSubtype: Bool
    )
        -> (value: String, subtype: String?, parameters: MIMEParameterList)?
    {
        let b = stripComments(raw)
        return b.withUnsafeBufferPointer { p in parseParts(p, wantsSubtype: wantsSubtype) }
    }

    private static func parseParts(
        _ b: UnsafeBufferPointer<UInt8>, wantsSubtype: Bool
    )
        -> (value: String, subtype: String?, parameters: MIMEParameterList)?
    {
        var i = 0
        let n = b.count
        func skipSpace() { while i < n && Bytes.isWhitespace(b[i]) { i += 1 } }
        func isTokenEnd(_ c: UInt8) -> Bool { c == 0x3B || Bytes.isWhitespace(c) || c == 0x22 }
        skipSpace()
        let valueStart = i
        while i < n && !isTokenEnd(b[i]) && !(wantsSubtype && b[i] == 0x2F) { i += 1 }
        let valueRange = valueStart..<i
        var subtype: String?
        if wantsSubtype {
            skipSpace()
            if i < n && b[i] == 0x2F {
                i += 1
                skipSpace()
                let subStart = i
                while i < n && !isTokenEnd(b[i]) { i += 1 }
                subtype = Bytes.lowercasedString(b, subStart..<i)
            }
        }
        if valueRange.isEmpty && subtype == nil { return nil }
        let value = Bytes.lowercasedString(b, valueRange)

        var plain = MIMEParameterList()
        var pieces = [String: [Piece]]()
        while i < n {
            // Skip to the next parameter name.
            while i < n && (Bytes.isWhitespace(b[i]) || b[i] == 0x3B) { i += 1 }
            let nameStart = i
            var star = -1
            while i < n && b[i] != 0x3D && b[i] != 0x3B && !Bytes.isWhitespace(b[i]) {
                if b[i] == 0x2A && star < 0 { star = i }
                i += 1
            }
            let nameRange = nameStart..<i
            skipSpace()
            guard i < n, b[i] == 0x3D else {
                // A name with no '=': skip to the next ';'.
                while i < n && b[i] != 0x3B { i += 1 }
                continue
            }
            i += 1
            skipSpace()
            var valueRange = i..<i
            var unescaped: [UInt8]?
            if i < n && b[i] == 0x22 {
                i += 1
                let start = i
                while i < n && b[i] != 0x22 {
                    if b[i] == 0x5C && i + 1 < n {
                        // Backslash escapes: only now is a copy needed.
                        if unescaped == nil { unescaped = Array(b[start..<i]) }
                        i += 1
                    }
                    unescaped?.append(b[i])
                    i += 1
                }
                valueRange = start..<min(i, n)
                i += 1
                // Junk after the closing quote up to ';' is ignored.
                while i < n && b[i] != 0x3B && !Bytes.isWhitespace(b[i]) { i += 1 }
            } else {
                let start = i
                while i < n && b[i] != 0x3B { i += 1 }
                var end = i
                while end > start && Bytes.isWhitespace(b[end - 1]) { end -= 1 }
                // "a=b c=d" without ';': stop the value at a space followed by "token=".
                var k = start
                while k < end {
                    if Bytes.isWhitespace(b[k]) {
                        var m = k
                        while m < end && Bytes.isWhitespace(b[m]) { m += 1 }
                        var q = m
                        while q < end && b[q] != 0x3D && !Bytes.isWhitespace(b[q]) && b[q] != 0x22 { q += 1 }
                        if q < end && q > m && b[q] == 0x3D {
                            i = k
                            end = k
                            break
                        }
                    }
                    k += 1
                }
                valueRange = start..<end
                if valueRange.isEmpty { continue }
            }
            guard !nameRange.isEmpty, star != nameStart else { continue }
            if star >= 0 {
                // RFC 2231: name*, name*N, name*N*
                let base = Bytes.lowercasedString(b, nameStart..<star)
                let rest = Bytes.lowercasedString(b, (star + 1)..<nameRange.upperBound)
                let encoded = rest.hasSuffix("*") || rest.isEmpty
                let digits = rest.hasSuffix("*") ? String(rest.dropLast()) : rest
                let index = digits.isEmpty ? 0 : (Int(digits) ?? 0)
                if pieces[base, default: []].count < 1000 {
                    let bytes = unescaped ?? Array(b[valueRange])
                    pieces[base, default: []].append(Piece(index: index, encoded: encoded, bytes: bytes))
                }
                continue
            }
            let name = Bytes.lowercasedString(b, nameRange)
            if let unescaped {
                plain.addIfAbsent(name, EncodedWord.decodeUnstructured(unescaped))
            } else {
                plain.addIfAbsent(name, EncodedWord.decode(b, valueRange))
            }
        }
        for (base, list) in pieces {
            if let joined = join(list) { plain.set(base, joined) }
        }
        return (value, subtype, plain)
    }

    /// Joins RFC 2231 continuations in index order; the first encoded piece carries charset'language'.
    private static func join(_ list: [Piece]) -> String? {
        let sorted = list.sorted { $0.index < $1.index }
        var bytes = [UInt8]()
        var charset: String?
        var anyEncoded = false
        for (n, piece) in sorted.enumerated() {
            var v = piece.bytes[...]
            if piece.encoded {
                anyEncoded = true
                if n == 0 {
                    let quotes = v.indices.filter { v[$0] == 0x27 }
                    if quotes.count >= 2 {
                        charset = String(decoding: v[v.startIndex..<quotes[0]], as: UTF8.self)
                        v = v[(quotes[1] + 1)...]
                    }
                } else if let cs = charset, !cs.isEmpty, v.starts(with: Array((cs + "'").utf8)) {
                    // Some senders repeat charset' (and language') on every piece: drop it.
                    v = v.dropFirst(cs.utf8.count + 1)
                    if let q = v.firstIndex(of: 0x27), v[v.startIndex..<q].allSatisfy({ Bytes.isAlnumOrDash($0) }) {
                        v = v[(q + 1)...]
                    }
                }
                bytes += percentDecode(v)
            } else {
                bytes += v
            }
        }
        if !anyEncoded { return EncodedWord.decodeUnstructured(bytes) }
        if let cs = charset, !cs.isEmpty { return Charset.decode(bytes, charset: cs).text }
        return bytes.withUnsafeBufferPointer { Charset.lenient($0) }
    }

    private static func percentDecode(_ v: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(v.count)
        var i = v.startIndex
        while i < v.endIndex {
            if v[i] == 0x25, i + 2 < v.endIndex, let h = hexValue(v[i + 1]), let l = hexValue(v[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return out
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x37
        case 0x61...0x66: return c - 0x57
        default: return nil
        }
    }

    /// Removes RFC 5322 comments outside quoted strings.
    static func stripComments(_ raw: [UInt8]) -> [UInt8] {
        guard raw.contains(0x28) else { return raw }
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var depth = 0
        var inQuote = false
        var i = 0
        while i < raw.count {
            let c = raw[i]
            if inQuote {
                out.append(c)
                if c == 0x5C && i + 1 < raw.count {
                    out.append(raw[i + 1])
                    i += 1
                } else if c == 0x22 {
                    inQuote = false
                }
            } else if depth > 0 {
                if c == 0x5C {
                    i += 1
                } else if c == 0x28 {
                    depth += 1
                } else if c == 0x29 {
                    depth -= 1
                }
            } else if c == 0x28 {
                depth = 1
                out.append(asciiSpace)
            } else {
                if c == 0x22 { inQuote = true }
                out.append(c)
            }
            i += 1
        }
        return out
    }
}
