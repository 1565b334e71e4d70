import Foundation

// The MIME body of an OutgoingMail: the part structure, boundaries and parameters (RFC 2045–2046, 2231).

enum OutgoingMailBody {
    struct Leaf {
        var headers: [(String, String)]
        var content: [UInt8]
    }

    /// Top-level Content-* fields and the body bytes that follow the blank line.
    static func build(
        text: String, html: String?, attachments: [(filename: String, contentType: String, data: [UInt8])],
        boundaryBase: String?
    ) -> (headers: [(String, String)], content: [UInt8]) {
        let textLeaf = leaf(type: "text/plain; charset=utf-8", data: textBytes(text), isText: true)
        let htmlLeaf = html.map { leaf(type: "text/html; charset=utf-8", data: textBytes($0), isText: true) }
        let attachmentLeaves = attachments.map(attachmentLeaf)
        if htmlLeaf == nil, attachmentLeaves.isEmpty { return (textLeaf.headers, textLeaf.content) }

        // Boundaries come from a hash of everything they will enclose, then are checked against it.
        let all = [textLeaf] + (htmlLeaf.map { [$0] } ?? []) + attachmentLeaves
        var hash = OutgoingMailHash()
        for leaf in all { hash.add(leaf.content) }
        let base = cleanBoundary(boundaryBase) ?? "=_lm_" + hash.hex
        var body = textLeaf
        if let htmlLeaf {
            let boundary = unique(base + "_alt", in: all)
            body = Leaf(
                headers: [("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")],
                content: multipart([textLeaf, htmlLeaf], boundary: boundary))
        }
        if attachmentLeaves.isEmpty { return (body.headers, body.content) }
        let boundary = unique(base + "_mix", in: all)
        return (
            [("Content-Type", "multipart/mixed; boundary=\"\(boundary)\"")],
            multipart([body] + attachmentLeaves, boundary: boundary)
        )
    }

    /// Text with every line ending turned into CRLF and a final line ending (SMTP adds one anyway).
    static func textBytes(_ s: String) -> [UInt8] {
        var s = s
        return s.withUTF8 { input in
            // At most one CR added per byte, plus the final CRLF.
            [UInt8](unsafeUninitializedCapacity: input.count * 2 + 2) { out, count in
                var n = 0
                var previousCR = false
                for c in input {
                    if c == 0x0A {
                        if !previousCR {
                            out[n] = 0x0D
                            n += 1
                        }
                        out[n] = 0x0A
                    } else {
                        if previousCR {
                            out[n] = 0x0A
                            n += 1
                        }
                        out[n] = c
                    }
                    n += 1
                    previousCR = c == 0x0D
                }
                if previousCR {
                    out[n] = 0x0A
                    n += 1
                }
                if n > 0, out[n - 1] != 0x0A {
                    out[n] = 0x0D
                    out[n + 1] = 0x0A
                    n += 2
                }
                count = n
            }
        }
    }

    static func leaf(type: String, data: [UInt8], isText: Bool, extra: [(String, String)] = []) -> Leaf {
        let encoding = OutgoingMailTransferEncoding.choose(for: data)
        return Leaf(
            headers: [("Content-Type", type)] + extra + [("Content-Transfer-Encoding", encoding.rawValue)],
            content: OutgoingMailTransferEncoding.encode(data, as: encoding))
    }

    private static func attachmentLeaf(_ a: (filename: String, contentType: String, data: [UInt8])) -> Leaf {
        let name = OutgoingMailHeaderWriter.clean(a.filename).filter { $0 != "/" && $0 != "\\" }
        let type = mediaType(a.contentType)
        let filename = name.isEmpty ? "attachment" : name
        return leaf(
            type: type + "; " + parameter("name", filename), data: a.data, isText: false,
            extra: [("Content-Disposition", "attachment; " + parameter("filename", filename))])
    }

    /// "type/subtype" made of RFC 2045 tokens, plus the caller's parameters when they are plain ASCII;
    /// application/octet-stream when the type is unusable.
    static func mediaType(_ s: String) -> String {
        let cleaned = OutgoingMailHeaderWriter.clean(s)
        let parts = cleaned.split(separator: ";", maxSplits: 1)
        let type = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        let pieces = type.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count == 2, pieces.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isToken) }),
            !type.hasPrefix("multipart/"), !type.hasPrefix("message/")
        else { return "application/octet-stream" }
        if parts.count == 2, parts[1].utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let params = parts[1].trimmingCharacters(in: .whitespaces)
            if !params.isEmpty, !params.lowercased().contains("boundary") { return type + "; " + params }
        }
        return type
    }

    /// `name="value"` for short printable ASCII, else RFC 2231 `name*=UTF-8''…` split into
    /// `name*0*`, `name*1*`… sections so that every line can be folded at 78 columns.
    static func parameter(_ name: String, _ value: String) -> String {
        let bytes = Array(value.utf8)
        if bytes.count <= 40, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var quoted = ""
            for c in value {
                if c == "\"" || c == "\\" { quoted.append("\\") }
                quoted.append(c)
            }
            return "\(name)=\"\(quoted)\""
        }
        var sections: [String] = []
        var current = "UTF-8''"
        for c in bytes {
            let piece = isAttributeChar(c) ? String(UnicodeScalar(c)) : String(format: "%%%02X", c)
            if current.utf8.count + piece.utf8.count > 50 {
                sections.append(current)
                current = ""
            }
            current += piece
        }
        sections.append(current)
        if sections.count == 1 { return "\(name)*=\(sections[0])" }
        return sections.enumerated().map { "\(name)*\($0.offset)*=\($0.element)" }.joined(separator: "; ")
    }

    // MARK: multipart

    private static func multipart(_ parts: [Leaf], boundary: String) -> [UInt8] {
        var out: [UInt8] = []
        let delimiter = Array("--\(boundary)".utf8)
        for part in parts {
            out += delimiter + [0x0D, 0x0A]
            var headers = OutgoingMailHeaderWriter()
            for (name, value) in part.headers { headers.raw(name, value) }
            out += headers.bytes + [0x0D, 0x0A]
            out += part.content
            out += [0x0D, 0x0A]
        }
        out += delimiter + Array("--\r\n".utf8)
        return out
    }

    private static func cleanBoundary(_ s: String?) -> String? {
        guard let s else { return nil }
        // RFC 2046 bchars, at most 70 with our suffix.
        let allowed = Array("'()+_,-./:=?".utf8)
        let kept = s.utf8.filter {
            ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) || allowed.contains($0)
        }
        return kept.isEmpty ? nil : String(decoding: kept.prefix(60), as: UTF8.self)
    }

    /// The boundary, with a counter appended until "--boundary" occurs in none of the contents.
    private static func unique(_ boundary: String, in leaves: [Leaf]) -> String {
        var candidate = boundary
        var n = 0
        while leaves.contains(where: { contains($0.content, Array("--\(candidate)".utf8)) }) {
            n += 1
            candidate = boundary + ".\(n)"
        }
        return candidate
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    private static func isToken(_ c: UInt8) -> Bool {
        c > 0x20 && c < 0x7F && !Array("()<>@,;:\\\"/[]?=".utf8).contains(c)
    }

    private static func isAttributeChar(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A)
            || Array("!#$&+-.^_`|~".utf8).contains(c)
    }

    // MARK: base64 (RFC 4648 section 4)

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ s: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((s.count + 2) / 3 * 4)
        var i = s.startIndex
        while i < s.endIndex {
            let b0 = s[i]
            let b1 = i + 1 < s.endIndex ? s[i + 1] : 0
            let b2 = i + 2 < s.endIndex ? s[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < s.endIndex ? alphabet[Int((b1 & 15) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < s.endIndex ? alphabet[Int(b2 & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }
}

/// 64-bit FNV-1a: a fast, deterministic content hash for boundaries (not a security property).
struct OutgoingMailHash {
    private var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ bytes: [UInt8]) {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x100_0000_01b3
        }
    }
    var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
