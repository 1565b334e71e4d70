/// How a body is encoded for transport (RFC 2045 section 6).
public enum TransferEncoding: Sendable, Hashable {
    case sevenBit, eightBit, binary, base64, quotedPrintable, uuencode
    case other(String)

    init(raw: [UInt8]?) {
        guard let raw else {
            self = .sevenBit
            return
        }
        let token = Bytes.lowercasedASCII(MIMEParameters.stripComments(raw).filter { !Bytes.isWhitespace($0) })
        switch token {
        case "", "7bit", "7-bit": self = .sevenBit
        case "8bit", "8-bit": self = .eightBit
        case "binary": self = .binary
        case "base64", "base-64", "x-base64": self = .base64
        case "quoted-printable", "quotedprintable", "qp", "x-quoted-printable": self = .quotedPrintable
        case "x-uuencode", "uuencode", "x-uue", "uue", "x-uu": self = .uuencode
        default: self = .other(token)
        }
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
