import MIME

/// Takes moderation tokens out of a stored message. A moderator's reply quotes its token (in the
/// subject tag, the `+mod-` address, the quoted notification), and so do auto-replies and delivery
/// reports about a notification; a token stays good until it expires, so the spool must not keep
/// it in plain text once the message is handled (it keeps the token's hash only).
///
/// Every token-shaped run (26 base32 characters after `tok:` or `+mod-`, either case) becomes
/// `_redacted_________________`: the same length, so line lengths and soft breaks stay as they
/// were, and no longer base32, so nothing reads a token from it. A reader's own tokens in the
/// addresses `+bounce-`, `+unsubscribe-` and `+confirm-` (a delivery report quotes the VERP
/// address, which would let anyone who reads it count bounces against that reader) go the same way. A token that is still there
/// after that (in a base64 body, say) means the body cannot be cleaned byte by byte: it is then
/// replaced by a one-line note, and the header (redacted) is kept.
public enum TokenRedaction {
    /// Starts with "_", which is not base32: what was redacted is never read as a token again.
    static let replacement: [UInt8] = Array(("_redacted" + String(repeating: "_", count: 64)).utf8)

    /// Each marker and the lengths of the token that follows it.
    static let markers: [(bytes: [UInt8], lengths: ClosedRange<Int>)] = [
        (Array("tok:".utf8), ModerationToken.length...ModerationToken.length),
        (Array("+mod-".utf8), ModerationToken.length...ModerationToken.length),
        (Array("+bounce-".utf8), 8...64), (Array("+unsubscribe-".utf8), 8...64), (Array("+confirm-".utf8), 8...64),
    ]
    static let bodyNote: [UInt8] = Array(
        "[learnmail removed this message's body: it carried a moderation token in a form it could not clean]\r\n"
            .utf8)

    /// The message without its tokens, or nil when it carries none (nothing to rewrite).
    public static func redact(_ bytes: [UInt8]) -> [UInt8]? {
        var out = bytes
        let changed = redactRuns(&out)
        // Only an encoded message can hide a token from the byte scan: the others need no parse.
        guard changed || mayHideTokens(bytes), carriesToken(Message(out)) else { return changed ? out : nil }
        let header = Array(out[..<bodyStart(of: out)])
        if !carriesToken(Message(header)) { return header + bodyNote }
        // An encoded subject or address still holds it: keep only what says where the mail came from.
        let message = Message(header)
        var lines = ["Subject: [learnmail removed this subject: it carried a moderation token]"]
        if let from = message.from.first?.address { lines.insert("From: <\(from)>", at: 0) }
        if let id = message.messageId { lines.append("Message-ID: <\(id)>") }
        if let date = message.headers["Date"] { lines.append("Date: " + date) }
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + bodyNote
    }

    /// Base64, quoted-printable or encoded words: a token may be there without its bytes showing.
    static func mayHideTokens(_ bytes: [UInt8]) -> Bool {
        [Array("base64".utf8), Array("quoted-printable".utf8), Array("=?".utf8)].contains { needle in
            bytes.indices.contains { bytes[$0] | 0x20 == needle[0] | 0x20 && matches(needle, in: bytes, at: $0) }
        }
    }

    /// True when `text` holds a token-shaped run after a marker.
    public static func containsToken(_ text: String) -> Bool {
        var bytes = Array(text.utf8)
        return redactRuns(&bytes)
    }

    /// True when the decoded subject, addresses or body texts still hold a token.
    static func carriesToken(_ message: Message) -> Bool {
        if ModerationToken.find(in: message) != nil { return true }
        return [message.textBody, message.htmlBody].contains { $0.map(containsToken) ?? false }
    }

    /// Overwrites every token-shaped run after a marker; true when there was one.
    @discardableResult
    static func redactRuns(_ bytes: inout [UInt8]) -> Bool {
        var changed = false
        var index = 0
        while index < bytes.count {
            // Every marker begins with "+" or "t" (either case): other bytes are passed at once.
            let byte = bytes[index]
            guard byte == UInt8(ascii: "+") || byte | 0x20 == UInt8(ascii: "t"),
                let marker = markers.first(where: { matches($0.bytes, in: bytes, at: index) })
            else {
                index += 1
                continue
            }
            let start = index + marker.bytes.count
            var end = start
            while end < bytes.count, isBase32(bytes[end]), end - start <= marker.lengths.upperBound { end += 1 }
            if marker.lengths.contains(end - start) {
                bytes.replaceSubrange(start..<end, with: replacement.prefix(end - start))
                changed = true
            }
            index = max(end, start)
        }
        return changed
    }

    private static func matches(_ marker: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + marker.count <= bytes.count else { return false }
        for offset in 0..<marker.count {
            var byte = bytes[index + offset]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != marker[offset] { return false }
        }
        return true
    }

    private static func isBase32(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "2")...UInt8(ascii: "7")).contains(byte)
    }

    /// Where the body begins: after the first empty line (CRLF or LF), or the end.
    private static func bodyStart(of bytes: [UInt8]) -> Int {
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x0A {
                if bytes[index + 1] == 0x0A { return index + 2 }
                if bytes[index + 1] == 0x0D, index + 2 < bytes.count, bytes[index + 2] == 0x0A { return index + 3 }
            }
            index += 1
        }
        return bytes.count
    }
}
