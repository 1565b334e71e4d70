// Content-Transfer-Encoding for OutgoingMail leaves (RFC 2045 section 6): chosen from the bytes.

enum OutgoingMailTransferEncoding: String {
    case sevenBit = "7bit"
    case quotedPrintable = "quoted-printable"
    case base64 = "base64"

    /// 7bit when the bytes already are short CRLF lines of printable ASCII (RFC 2045 section 2.7);
    /// otherwise quoted-printable when that is no longer than base64 (mostly ASCII text), else base64.
    static func choose(for data: [UInt8]) -> OutgoingMailTransferEncoding {
        var lineLength = 0
        var sevenBit = true
        var escaped = 0
        data.withUnsafeBufferPointer { data in
            var i = 0
            while i < data.count {
                let c = data[i]
                if c == 0x0D, i + 1 < data.count, data[i + 1] == 0x0A {
                    lineLength = 0
                    i += 2
                    continue
                }
                lineLength += 1
                // Other controls are legal in 7bit but mark binary data, which reads better as base64.
                if c >= 0x7F || (c < 0x20 && c != 0x09 && c != 0x0C) || lineLength > 998 { sevenBit = false }
                if c >= 0x7F || (c < 0x20 && c != 0x09) || c == UInt8(ascii: "=") { escaped += 1 }
                i += 1
            }
        }
        if sevenBit { return .sevenBit }
        // QP costs 3 bytes per escaped byte plus a soft break every 75; base64 4/3 plus CRLF every 76.
        let qp = data.count + 2 * escaped + data.count / 75 * 3
        let b64 = (data.count + 2) / 3 * 4 * 78 / 76
        return qp <= b64 ? .quotedPrintable : .base64
    }

    static func encode(_ data: [UInt8], as encoding: OutgoingMailTransferEncoding) -> [UInt8] {
        switch encoding {
        case .sevenBit: return data
        case .quotedPrintable: return quotedPrintable(data)
        case .base64:
            var out: [UInt8] = []
            out.reserveCapacity(data.count / 57 * 78 + 80)
            var i = 0
            while i < data.count {
                let end = min(i + 57, data.count)  // 57 bytes = 76 characters per line
                out += OutgoingMailBody.base64(data[i..<end])
                out += [0x0D, 0x0A]
                i = end
            }
            return out
        }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    /// RFC 2045 section 6.7. CRLF pairs are hard line breaks; lone CR/LF bytes are escaped so binary data
    /// survives exactly. Lines are at most 76 characters. Also escaped, for robustness in transit:
    /// white space before a line end, and a line-initial "." or "From " (SMTP and mbox mangle them).
    static func quotedPrintable(_ data: [UInt8]) -> [UInt8] {
        // Each input byte becomes at most "=XX" plus a soft break ("=" CRLF) before it.
        data.withUnsafeBufferPointer { data in
            [UInt8](unsafeUninitializedCapacity: data.count * 6 + 3) { out, count in
                var n = 0
                var column = 0
                var i = 0
                while i < data.count {
                    let c = data[i]
                    if c == 0x0D, i + 1 < data.count, data[i + 1] == 0x0A {
                        out[n] = 0x0D
                        out[n + 1] = 0x0A
                        n += 2
                        column = 0
                        i += 2
                        continue
                    }
                    var escape = needsEscape(data, i, atLineStart: column == 0)
                    var width = escape ? 3 : 1
                    if column + width > 75 {
                        out[n] = UInt8(ascii: "=")
                        out[n + 1] = 0x0D
                        out[n + 2] = 0x0A
                        n += 3
                        column = 0
                        escape = needsEscape(data, i, atLineStart: true)
                        width = escape ? 3 : 1
                    }
                    if escape {
                        out[n] = UInt8(ascii: "=")
                        out[n + 1] = hex[Int(c >> 4)]
                        out[n + 2] = hex[Int(c & 15)]
                        n += 3
                    } else {
                        out[n] = c
                        n += 1
                    }
                    column += width
                    i += 1
                }
                count = n
            }
        }
    }

    private static func needsEscape(_ data: UnsafeBufferPointer<UInt8>, _ i: Int, atLineStart: Bool) -> Bool {
        let c = data[i]
        switch c {
        case 0x20, 0x09:
            // Trailing white space would be stripped in transit (RFC 2045 rule 3).
            return i + 1 == data.count || (data[i + 1] == 0x0D && i + 2 < data.count && data[i + 2] == 0x0A)
        case UInt8(ascii: "="), 0x00...0x1F, 0x7F...0xFF:
            return true
        case UInt8(ascii: "."):
            return atLineStart
        case UInt8(ascii: "F"):
            return atLineStart && data[i...].starts(with: "From ".utf8)
        default:
            return false
        }
    }
}
