import Foundation

@testable import MIME

/// Small, independent decoders used to check OutgoingMail's output without relying on the parser.
enum OutgoingMailTestSupport {
    static func mail(
        subject: String = "Hello", from: MailAddress = MailAddress(name: "Ann", address: "ann@example.org"),
        to: [MailAddress] = [MailAddress(name: nil, address: "bob@example.org")],
        extraHeaders: [(String, String)] = [], text: String = "Hi\n", html: String? = nil,
        attachments: [(filename: String, contentType: String, data: [UInt8])] = []
    ) -> OutgoingMail {
        OutgoingMail(
            from: from, to: to, subject: subject, date: Date(timeIntervalSince1970: 1_795_000_000),
            messageId: "id1@example.org", extraHeaders: extraHeaders, text: text, html: html,
            attachments: attachments)
    }

    /// The header section as physical lines (without CRLF).
    static func headerLines(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        return head.components(separatedBy: "\r\n")
    }

    /// Unfolded fields: (name, raw value).
    static func fields(_ bytes: [UInt8]) -> [(String, String)] {
        var result: [(String, String)] = []
        for line in headerLines(bytes) {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                result[result.count - 1].1 += line
            } else if let colon = line.firstIndex(of: ":") {
                result.append((String(line[..<colon]), String(line[line.index(after: colon)...].dropFirst())))
            } else {
                result.append(("<broken>", line))
            }
        }
        return result
    }

    /// RFC 2047 decoding of an unstructured value (UTF-8 words only, as OutgoingMail writes).
    static func decodeWords(_ value: String) -> String {
        var out: [UInt8] = []
        var pendingSpace: [UInt8] = []
        var lastWasEncoded = false
        for token in value.split(separator: " ", omittingEmptySubsequences: false) {
            let t = String(token)
            if t.hasPrefix("=?UTF-8?"), t.hasSuffix("?="), t.count >= 12 {
                let kind = t[t.index(t.startIndex, offsetBy: 8)]
                let payload = String(t.dropFirst(10).dropLast(2))
                if !lastWasEncoded { out += pendingSpace }
                out += kind == "B" ? Array(Data(base64Encoded: payload) ?? Data()) : decodeQ(payload)
                lastWasEncoded = true
            } else {
                out += pendingSpace
                out += Array(t.utf8)
                lastWasEncoded = false
                if t.isEmpty { lastWasEncoded = false }
            }
            pendingSpace = [0x20]
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decodeQ(_ s: String) -> [UInt8] {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "_") {
                out.append(0x20)
            } else if b[i] == UInt8(ascii: "="), i + 2 < b.count,
                let v = UInt8(String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                out.append(v)
                i += 2
            } else {
                out.append(b[i])
            }
            i += 1
        }
        return out
    }

    /// Every encoded word in the value, each of which must be valid UTF-8 on its own.
    static func encodedWords(_ value: String) -> [String] {
        value.split(separator: " ").map(String.init).filter { $0.hasPrefix("=?") }
    }

    static func decodeQuotedPrintable(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "=") {
                if i + 2 < s.count, s[i + 1] == 0x0D, s[i + 2] == 0x0A {
                    i += 3
                    continue
                }
                if i + 2 < s.count, let v = UInt8(String(decoding: s[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    out.append(v)
                    i += 3
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }
}
