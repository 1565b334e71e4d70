#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Body and attachment selection, exactly as DESIGN.md's `parse --json` describes.
extension Message {
    /// Walks the leaves in order without descending into attached messages. Recursive (multipart nesting
    /// is bounded by `MIMEParser.maxDepth`) and borrowing, so no part is copied on the way.
    static func forEachLeaf(_ root: borrowing MIMEPart, _ body: (borrowing MIMEPart) -> Void) {
        guard root.isMultipart else { return body(root) }
        for i in root.children.indices { forEachLeaf(root.children[i], body) }
    }

    /// What body selection finds, handed to the message in one go.
    struct Bodies {
        var textBody = ""
        var htmlBody: String?
        var attachments: [Attachment] = []
        var notes: [String]
        var decodedTextSizes: [(start: Int, size: Int)] = []
        var textWithUUEncodedFiles: (text: String, files: Int)?

        mutating func note(_ text: String) {
            if !notes.contains(text) { notes.append(text) }
        }
    }

    /// One walk over the leaves, borrowing each: the first text/plain and text/html parts that are not
    /// attachments are decoded where they are found, the others with a filename or an attachment
    /// disposition become attachments (TNEF opened). Nothing is copied but the attachments' own parts.
    static func selectBodies(_ root: borrowing MIMEPart, notes: [String]) -> Bodies {
        var bodies = Bodies(notes: notes)
        var plainText: String?
        var sawHTML = false
        var unknownCharsets = [String]()
        forEachLeaf(root) { part in
            let isText = part.contentType.type == "text"
            // The bodies note an unknown charset themselves, while decoding (bodyText).
            if isText && !part.isAttachmentDisposition {
                if plainText == nil && part.contentType.subtype == "plain" {
                    plainText = bodyText(part, flowed: true, &bodies)
                    return
                }
                if !sawHTML && part.contentType.subtype == "html" {
                    sawHTML = true
                    bodies.htmlBody = bodyText(part, flowed: false, &bodies)
                    return
                }
            }
            if isText, let cs = part.contentType.charset, !unknownCharsets.contains(cs), unknownCharsets.count < 8,
                !Charset.isKnown(cs)
            {
                unknownCharsets.append(cs)
                bodies.note(unknownCharsetNote(cs))
            }
            guard part.isAttachmentDisposition || part.filename != nil else { return }
            let mimeType = part.contentType.mimeType
            if mimeType == "application/ms-tnef" || mimeType == "application/vnd.ms-tnef" {
                let unpacked = TNEF.attachments(in: part.decodedBody)
                if !unpacked.isEmpty {
                    bodies.attachments += unpacked
                    return
                }
            }
            bodies.attachments.append(Attachment(part: copy part))
        }
        if let text = plainText {
            bodies.textBody = text
            // Files uuencoded into the text (old clients) become attachments and leave the text.
            if let found = UUEncodedBlocks.extract(text) {
                bodies.textWithUUEncodedFiles = (text, found.files.count)
                bodies.textBody = found.text
                for file in found.files {
                    bodies.attachments.append(
                        Attachment(filename: file.name, contentType: "application/octet-stream", data: file.data))
                }
            }
        } else if let html = bodies.htmlBody {
            bodies.textBody = HTMLText.plainText(fromHTML: html)
        }
        return bodies
    }

    private static func unknownCharsetNote(_ charset: String) -> String {
        "unknown charset \(charset) decoded as UTF-8 (Windows-1252 where not valid UTF-8)"
    }

    /// Decodes a body part to text with LF line ends, format=flowed joined (RFC 3676).
    private static func bodyText(_ part: borrowing MIMEPart, flowed: Bool, _ bodies: inout Bodies) -> String {
        let charset = part.contentType.charset
        let kind = charset.map(Charset.kind) ?? .ascii  // looked up once for the whole part
        let byteLineEnds = Charset.hasByteLineEnds(kind)
        var removedCRs = 0
        let decoded: String
        let known: Bool
        if kind == .utf8, let direct = Message.utf8Text(part) {
            (decoded, removedCRs) = direct
            known = true
        } else {
            (decoded, known) = Message.withTextBytes(part, lineFeeds: byteLineEnds) { bytes, dropped in
                removedCRs = dropped
                return Charset.decode(bytes, kind: kind)
            }
        }
        // Remembered so that fullyDecodedByteCount() does not decode this part a second time.
        bodies.decodedTextSizes.append((part.bodyRange.lowerBound, decoded.utf8.count + removedCRs))
        // As for the other parts: a label iconv does not know is noted even when the text was plain ASCII.
        if let cs = charset, !known || !Charset.isKnown(kind) { bodies.note(unknownCharsetNote(cs)) }
        var text = decoded
        if !byteLineEnds && text.utf8.contains(asciiCR) {
            text = text.replacingCRLF()
        }
        if flowed, part.contentType.parameterList["format"]?.lowercased() == "flowed" {
            text = FormatFlowed.unflow(text, delSp: part.contentType.parameterList["delsp"]?.lowercased() == "yes")
        }
        return text
    }

    /// UTF-8 text sent as written, quoted-printable or base64 (most HTML and much plain text): decoded
    /// with line ends made LF into one scratch buffer, then checked and copied into the String by
    /// `UTF8Text` (invalid UTF-8 is repaired with U+FFFD). For parts whose charset is UTF-8; nil for
    /// other encodings. Returns the CRs left out.
    static func utf8Text(_ part: borrowing MIMEPart) -> (String, Int)? {
        let encoding = part.transferEncoding
        guard encoding.isIdentity || encoding == .quotedPrintable || encoding == .base64 else { return nil }
        return part.source.withUnsafeBufferPointer { src -> (String, Int) in
            let p = UnsafeBufferPointer(rebasing: src[part.bodyRange])
            guard let base = p.baseAddress, !p.isEmpty else { return ("", 0) }
            let capacity = encoding == .base64 ? p.count / 4 * 3 + 3 : p.count
            let dst = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            defer { dst.deallocate() }
            var count: Int
            var dropped = 0
            if encoding.isIdentity {
                count = Bytes.crlfToLF(base, p.count, into: dst)
                dropped = p.count - count
            } else {
                if encoding == .base64 {
                    var state = TransferDecoding.Base64State()
                    count = TransferDecoding.base64Chunk(p, &state, into: dst)
                    count += TransferDecoding.base64Finish(&state, into: dst + count)
                } else {
                    (count, dropped) = TransferDecoding.quotedPrintable(p, lineFeedsOnly: true, into: dst)
                }
                if memchr(dst, Int32(asciiCR), count) != nil {
                    let kept = Bytes.crlfToLF(UnsafePointer(dst), count, into: dst)
                    dropped += count - kept
                    count = kept
                }
            }
            return (UTF8Text.string(UnsafeBufferPointer(start: dst, count: count)), dropped)
        }
    }

    /// Calls `body` with the part's body, transfer encoding removed and, with `lineFeeds`, line ends
    /// made LF on the bytes (cheaper than on text; only for charsets where CR and LF are single bytes),
    /// and how many CRs that dropped. Decoded bodies are normalised in place; a body used as written is
    /// copied only when it holds a CR.
    static func withTextBytes<R>(
        _ part: borrowing MIMEPart, lineFeeds: Bool, _ body: (UnsafeBufferPointer<UInt8>, Int) -> R
    ) -> R {
        var dropped = 0
        var bytes: [UInt8]
        switch part.transferEncoding {
        case .quotedPrintable where lineFeeds:
            // Hard line breaks become LF while decoding, in the same pass.
            (bytes, dropped) = part.source.withUnsafeBufferPointer { src in
                TransferDecoding.quotedPrintable(
                    UnsafeBufferPointer(rebasing: src[part.bodyRange]), lineFeedsOnly: true)
            }
        case let encoding where encoding.isIdentity:
            let copied: [UInt8]? = part.source.withUnsafeBufferPointer { src in
                let p = UnsafeBufferPointer(rebasing: src[part.bodyRange])
                guard lineFeeds, let base = p.baseAddress, memchr(base, Int32(asciiCR), p.count) != nil else {
                    return nil
                }
                return Bytes.crlfToLF(p)
            }
            guard let copied else {
                return part.source.withUnsafeBufferPointer {
                    body(UnsafeBufferPointer(rebasing: $0[part.bodyRange]), 0)
                }
            }
            return copied.withUnsafeBufferPointer { body($0, part.bodyRange.count - copied.count) }
        default:
            bytes = part.decodedBody
        }
        if lineFeeds {
            let kept: Int? = bytes.withUnsafeMutableBufferPointer { p in
                guard let base = p.baseAddress, memchr(base, Int32(asciiCR), p.count) != nil else { return nil }
                return Bytes.crlfToLF(UnsafePointer(base), p.count, into: base)
            }
            if let kept {
                dropped += bytes.count - kept
                bytes.removeSubrange(kept...)
            }
        }
        return bytes.withUnsafeBufferPointer { body($0, dropped) }
    }

    /// The flat part list of `parse --json`: every entity below the root with its IMAP-style path.
    public var parts: [PartInfo] {
        var out = [PartInfo]()
        func walk(_ part: MIMEPart, _ path: String, _ depth: Int) {
            out.append(PartInfo(part: part, path: path))
            guard depth < MIMEParser.maxDepth * 2 else { return }
            if part.isMultipart {
                for (i, c) in part.children.enumerated() { walk(c, "\(path).\(i + 1)", depth + 1) }
            } else if let m = part.message {
                walkBody(m.root, path, depth + 1)
            }
        }
        func walkBody(_ root: MIMEPart, _ prefix: String, _ depth: Int) {
            let dot = prefix.isEmpty ? "" : prefix + "."
            if root.isMultipart {
                for (i, c) in root.children.enumerated() { walk(c, "\(dot)\(i + 1)", depth + 1) }
            } else {
                walk(root, "\(dot)1", depth + 1)
            }
        }
        walkBody(root, "", 0)
        return out
    }
}

extension String {
    /// CRLF (and lone CR) to LF.
    func replacingCRLF() -> String {
        var out = [UInt8]()
        out.reserveCapacity(utf8.count)
        var lastCR = false
        for c in utf8 {
            if c == asciiCR {
                out.append(asciiLF)
                lastCR = true
            } else {
                if !(c == asciiLF && lastCR) { out.append(c) }
                lastCR = false
            }
        }
        // Only CRs were removed from valid text: still valid.
        return out.withUnsafeBufferPointer { UTF8Text.string(valid: $0, isASCII: false) }
    }
}
