import MIME

/// Reads delivery failure reports: RFC 3464 DSNs (`multipart/report; report-type=delivery-status`
/// with a `message/delivery-status` part, as Postfix, Exchange, Gmail and recent Exim send) and
/// the common plain-text bounces (Exim, qmail, old Postfix and Exchange, Gmail). Best effort and
/// bounded; never guesses a recipient out of the returned copy of our own message.
///
/// Hard or soft (RFC 3463 status classes): `5.x.x` is hard, except the codes that say nothing about
/// the address (`5.2.2` mailbox full, `5.3.4` message too big, `5.7.x` policy or spam blocks, which
/// would otherwise disable every subscriber of one provider that blocks us once); `4.x.x` and
/// `Action: delayed` are soft. Success reports (`Action: delivered|relayed|expanded`) are no bounce.
public enum BounceReader {
    /// The first failed recipient's bounce, or nil when `message` is not a bounce.
    public static func read(_ message: Message) -> Bounce? {
        readAll(message).first
    }

    /// Every failed or delayed recipient in the report.
    public static func readAll(_ message: Message) -> [Bounce] {
        if let report = deliveryStatusPart(message.root, depth: 0) {
            let bounces = readDSN(report)
            if !bounces.isEmpty { return bounces }
            if report.isSuccessOnly { return [] }
        }
        return readText(message).map { [$0] } ?? []
    }

    // MARK: RFC 3464

    struct DeliveryStatus {
        var recipients: [[String: String]]
        /// True when every recipient group reports success: not a bounce.
        var isSuccessOnly: Bool {
            !recipients.isEmpty
                && recipients.allSatisfy {
                    ["delivered", "relayed", "expanded"].contains(($0["action"] ?? "").lowercased())
                }
        }
    }

    /// The message/delivery-status (or message/global-delivery-status, RFC 6533) part, parsed.
    static func deliveryStatusPart(_ part: MIMEPart, depth: Int) -> DeliveryStatus? {
        guard depth < 8 else { return nil }
        let type = part.contentType.mimeType
        if type == "message/delivery-status" || type == "message/global-delivery-status" {
            let body = part.decodedBody
            return DeliveryStatus(
                recipients: fieldGroups(String(decoding: body.prefix(65_536), as: UTF8.self)).dropFirst().map { $0 })
        }
        for child in part.children {
            if let found = deliveryStatusPart(child, depth: depth + 1) { return found }
        }
        return nil
    }

    /// RFC 3464 §2.1: groups of header-style fields separated by blank lines (per-message first),
    /// continuation lines unfolded, names lowercased; later duplicates ignored.
    static func fieldGroups(_ text: String) -> [[String: String]] {
        var groups: [[String: String]] = []
        var current: [String: String] = [:]
        var lastName: String?
        for line in lines(text) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { groups.append(current) }
                current = [:]
                lastName = nil
            } else if line.first == " " || line.first == "\t", let name = lastName {
                current[name, default: ""] += " " + line.trimmingWhitespaceSlice()
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].trimmingWhitespaceSlice().lowercased()
                if current[name] == nil {
                    current[name] = String(line[line.index(after: colon)...].trimmingWhitespaceSlice())
                }
                lastName = name
            }
        }
        if !current.isEmpty { groups.append(current) }
        // A DSN without the blank line after the per-message group still has its recipient fields.
        if groups.count == 1, groups[0]["final-recipient"] != nil || groups[0]["original-recipient"] != nil {
            groups.insert([:], at: 0)
        }
        return groups
    }

    static func readDSN(_ report: DeliveryStatus) -> [Bounce] {
        report.recipients.compactMap { fields -> Bounce? in
            let action = (fields["action"] ?? "failed").lowercased()
            guard action == "failed" || action == "delayed" else { return nil }
            // `rfc822; user@example.org` (RFC 3464 §2.3.2), sometimes without the type.
            let recipient = (fields["final-recipient"] ?? fields["original-recipient"]).flatMap { value in
                address(in: value.split(separator: ";", maxSplits: 1).last.map(String.init) ?? value)
            }
            let diagnostic = fields["diagnostic-code"].map { v -> String in
                guard let semi = v.firstIndex(of: ";"),
                    v[..<semi].lowercased().trimmingWhitespaceSlice().hasPrefix("smtp")
                        || v[..<semi].lowercased().trimmingWhitespaceSlice().hasPrefix("x-")
                else { return v }
                return String(v[v.index(after: semi)...].trimmingWhitespaceSlice())
            }
            let status =
                fields["status"].flatMap { enhancedStatus(in: $0) } ?? diagnostic.flatMap { enhancedStatus(in: $0) }
            let kind: Bounce.Kind =
                action == "delayed" ? .soft : classify(status: status, smtpCode: diagnostic.flatMap(smtpCode))
            return Bounce(recipient: recipient, kind: kind, status: status, diagnostic: diagnostic, format: .dsn)
        }
    }

    /// Lines of `text`; CRLF, LF and CR all end a line (a CRLF is one Character, so splitting on
    /// "\n" would not).
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    }

    // MARK: Classification

    /// Hard or soft from an RFC 3463 status or, without one, the SMTP reply code; hard when both are missing
    /// (the report said `failed`).
    static func classify(status: String?, smtpCode: Int?) -> Bounce.Kind {
        if let status {
            if status.hasPrefix("4.") { return .soft }
            if status == "5.2.2" || status == "5.3.4" || status.hasPrefix("5.7.") { return .soft }
            return .hard
        }
        if let smtpCode { return smtpCode >= 500 ? .hard : .soft }
        return .hard
    }

    /// The first RFC 3463 code (`class.subject.detail`, class 2, 4 or 5) in `text`.
    static func enhancedStatus(in text: String) -> String? {
        let b = Array(text.utf8.prefix(4096))
        func digits(_ i: inout Int, max: Int) -> Bool {
            let start = i
            while i < b.count, i - start < max, (0x30...0x39).contains(b[i]) { i += 1 }
            return i > start
        }
        var i = 0
        while i < b.count {
            let boundaryBefore = i == 0 || !(b[i - 1] == 0x2E || (0x30...0x39).contains(b[i - 1]))
            if boundaryBefore, b[i] == 0x32 || b[i] == 0x34 || b[i] == 0x35, i + 1 < b.count, b[i + 1] == 0x2E {
                var j = i + 2
                if digits(&j, max: 3), j < b.count, b[j] == 0x2E {
                    j += 1
                    if digits(&j, max: 3), j == b.count || !(b[j] == 0x2E || (0x30...0x39).contains(b[j])) {
                        return String(decoding: b[i..<j], as: UTF8.self)
                    }
                }
            }
            i += 1
        }
        return nil
    }

    /// An SMTP reply code (`550`, `452`) at the start of `text` or after `said:`/`error:`.
    static func smtpCode(_ text: String) -> Int? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "-" }).prefix(40) {
            if word.count == 3, let n = Int(word), (400...599).contains(n) { return n }
        }
        return nil
    }

    /// The address in `text`: inside `<…>` when there are brackets, else the first word with an `@`.
    static func address(in text: String) -> String? {
        var t = Substring(text)
        if let open = t.firstIndex(of: "<"), let close = t[open...].firstIndex(of: ">") {
            t = t[t.index(after: open)..<close]
        }
        let word = t.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "'" || $0 == "\"" || $0 == "," })
            .first { $0.contains("@") }
        guard var w = word else { return nil }
        while let l = w.last, l == ":" || l == "." || l == ";" || l == ")" { w = w.dropLast() }
        while let f = w.first, f == "(" { w = w.dropFirst() }
        if w.lowercased().hasPrefix("mailto:") { w = w.dropFirst(7) }
        guard case .success(let a) = EmailAddressSyntax.normalise(String(w)) else { return nil }
        return a
    }
}
