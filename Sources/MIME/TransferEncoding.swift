/// How a body is encoded for transport (RFC 2045 section 6).
public enum TransferEncoding: Sendable, Hashable {
    case sevenBit, eightBit, binary, base64, quotedPrintable, uuencode
    case other(String)

    init(raw: [UInt8]?) {
        guard let raw else {
            self = .sevenBit
            return
        }
        // The usual case, one bare token: matched on the bytes, no copies.
        let token = raw.withUnsafeBufferPointer { Bytes.trimmed($0, 0..<raw.count) }
        if !raw.contains(0x28), let known = TransferEncoding.known(raw[token]) {
            self = known
            return
        }
        let cleaned = Bytes.lowercasedASCII(MIMEParameters.stripComments(raw).filter { !Bytes.isWhitespace($0) })
        self = TransferEncoding.known(Array(cleaned.utf8)[...]) ?? .other(cleaned)
    }

    private static let names: [(String, TransferEncoding)] = [
        ("7bit", .sevenBit), ("", .sevenBit), ("7-bit", .sevenBit), ("quoted-printable", .quotedPrintable),
        ("base64", .base64), ("8bit", .eightBit), ("8-bit", .eightBit), ("binary", .binary),
        ("base-64", .base64), ("x-base64", .base64), ("quotedprintable", .quotedPrintable),
        ("qp", .quotedPrintable), ("x-quoted-printable", .quotedPrintable), ("x-uuencode", .uuencode),
        ("uuencode", .uuencode), ("x-uue", .uuencode), ("uue", .uuencode), ("x-uu", .uuencode),
    ]

    /// The encoding a token names, compared case-insensitively; nil for other tokens.
    private static func known(_ token: ArraySlice<UInt8>) -> TransferEncoding? {
        // The four spellings on nearly every part, by length first: no walk over the table.
        let common: TransferEncoding? = token.withUnsafeBufferPointer { p in
            let all = 0..<p.count
            switch p.count {
            case 4 where Bytes.equalsLowercase(p, all, "7bit"): return .sevenBit
            case 4 where Bytes.equalsLowercase(p, all, "8bit"): return .eightBit
            case 6 where Bytes.equalsLowercase(p, all, "base64"): return .base64
            case 16 where Bytes.equalsLowercase(p, all, "quoted-printable"): return .quotedPrintable
            default: return nil
            }
        }
        if let common { return common }
        for (name, encoding) in names where name.utf8.count == token.count {
            if zip(name.utf8, token).allSatisfy({ $0 == Bytes.lower($1) }) { return encoding }
        }
        return nil
    }

    /// True when the body is used as it is.
    var isIdentity: Bool {
        switch self {
        case .sevenBit, .eightBit, .binary, .other: return true
        default: return false
        }
    }

    /// Decodes a raw body.
    func decode(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        switch self {
        case .base64: return TransferDecoding.base64(p)
        case .quotedPrintable: return TransferDecoding.quotedPrintable(p)
        case .uuencode: return TransferDecoding.uudecode(p).bytes
        default: return Array(p)
        }
    }
}
