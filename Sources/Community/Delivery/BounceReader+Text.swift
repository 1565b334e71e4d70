import MIME

/// Plain-text bounces, recognised by the words each MTA writes (kept verbatim below, lowercased).
extension BounceReader {
    static let markers: [(String, Bounce.Format)] = [
        ("this message was created automatically by mail delivery software", .exim),
        ("this is the qmail-send program", .qmail),
        ("this is the mail system at host", .postfix),
        ("delivery has failed to these recipients or groups", .exchange),
        ("your message did not reach some or all of the intended recipients", .exchange),
        ("the following recipient(s) cannot be reached", .exchange),
        ("delivery to the following recipient failed", .gmail),
        ("your message wasn't delivered to", .gmail),
        ("delivery to the following recipients failed", .exchange),
    ]

    /// Where the returned copy of our message starts: nothing after it is read.
    static let copyMarkers = [
        "------ this is a copy of the message", "--- below this line is a copy of the message",
        "----- original message -----", "original message headers", "----- original message follows",
        "------ this is a copy of your message",
    ]

    static let softWords = [
        "has not yet been delivered", "delayed", "will be retried", "will continue", "temporary", "still trying",
        "over quota", "mailbox full", "mailbox is full", "quota exceeded",
    ]

    static let bounceSubjects = [
        "undeliverable", "undelivered mail", "delivery status notification", "failure notice",
        "mail delivery failed", "returned mail", "delivery failure", "mail delivery failure",
        "delivery has failed", "warning: message", "delayed mail",
    ]

    /// A plain-text bounce, or nil when `message` does not look like one.
    static func readText(_ message: Message) -> Bounce? {
        let text = String((message.textBody ?? "").prefix(65_536))
        let lower = text.lowercased()
        var format = markers.first { lower.contains($0.0) }?.1
        if format == nil {
            let from = message.from.first?.address ?? ""
            let subject = (message.subject ?? "").lowercased()
            let fromDaemon =
                from.hasPrefix("mailer-daemon@") || from.hasPrefix("postmaster@")
                || message.returnPath == ""
            guard fromDaemon, bounceSubjects.contains(where: subject.contains) else { return nil }
            format = .heuristic
        }
        guard let format else { return nil }

        // Only the report itself, not the copy of our own message that follows it: the lines up to
        // the one where a copy marker starts, and of the lowercased text what precedes the marker.
        // Each line is lowercased apart, so that no position found in a lowercased copy is ever
        // used on the original (lowercasing changes lengths: issue 11).
        let textLines = lines(text).map(String.init)
        let lowerLines = textLines.map { $0.lowercased() }
        var reportLines = textLines
        var reportLower = lower
        if let cut = lowerLines.firstIndex(where: { line in copyMarkers.contains(where: line.contains) }) {
            let line = lowerLines[cut]
            let marker = copyMarkers.compactMap { line.range(of: $0)?.lowerBound }.min() ?? line.endIndex
            reportLines = Array(textLines[...cut])
            reportLower = (lowerLines[..<cut] + [String(line[..<marker])]).joined(separator: "\n")
        }

        let (recipient, at) = findRecipient(reportLines, format: format)
        // The diagnostic: the first line from the recipient on that carries an SMTP code or status.
        let tail = reportLines[min(at, reportLines.count)...]
        let diagnosticLine = tail.first { line in
            enhancedStatus(in: line) != nil || smtpCode(String(line.trimmingWhitespaceSlice())) != nil
        }.map { String($0.trimmingWhitespaceSlice()) }
        let diagnostic = diagnosticLine.map { line -> String in
            // qmail and Postfix put the server's words after "said:".
            if let r = line.range(of: "said:") { return String(line[r.upperBound...].trimmingWhitespaceSlice()) }
            return line
        }
        let status = diagnostic.flatMap(enhancedStatus(in:)) ?? enhancedStatus(in: tail.joined(separator: "\n"))
        let code = diagnostic.flatMap(smtpCode)
        let kind: Bounce.Kind
        if status != nil || code != nil {
            kind = classify(status: status, smtpCode: code)
        } else if softWords.contains(where: reportLower.contains) {
            kind = .soft
        } else {
            kind = .hard
        }
        return Bounce(recipient: recipient, kind: kind, status: status, diagnostic: diagnostic, format: format)
    }

    /// Gmail's phrase before the recipient, searched in each line's own bytes.
    static let notDeliveredTo = Array("wasn't delivered to ".utf8)

    /// The failed recipient and the index of its line, by each MTA's layout.
    static func findRecipient(_ lines: [String], format: Bounce.Format) -> (String?, Int) {
        let introductions = [
            "following address(es) failed", "address(es) deferred", "not yet been delivered to",
            "recipients or groups:", "cannot be reached:", "failed permanently:", "recipient failed",
            "wasn't able to deliver your message", "could not be delivered to one or more recipients",
            "recipients failed:",
        ]
        // 1. "Your message wasn't delivered to x@y because …" (Gmail) names it in the sentence.
        // Searched in the line itself: an index found in `line.lowercased()` points elsewhere in
        // `line` once a capital before it changes length ("İ" grows), and trapped (issue 11).
        for (i, line) in lines.enumerated() {
            guard let found = ScalarText.rangeIgnoringASCIICase(of: notDeliveredTo, in: line) else { continue }
            if let a = address(in: String(line[found.upperBound...])) { return (a, i) }
        }
        // 2. `<x@y>:` at the start of a line (qmail, Postfix).
        for (i, line) in lines.enumerated() {
            let t = line.trimmingWhitespaceSlice()
            if t.first == "<", let close = t.firstIndex(of: ">"), t[t.index(after: close)...].hasPrefix(":"),
                let a = address(in: String(t[...close]))
            {
                return (a, i)
            }
        }
        // 3. The first line with an address after an introduction (Exim, Exchange, Gmail's old text).
        if let intro = lines.firstIndex(where: { line in introductions.contains(where: line.lowercased().contains) }) {
            for i in (intro + 1)..<min(lines.count, intro + 12) {
                if let a = address(in: lines[i]) { return (a, i) }
            }
        }
        // 4. Final-Recipient / Original-Recipient / RCPT TO written in the text.
        for (i, line) in lines.enumerated() {
            let l = line.lowercased()
            if l.contains("final-recipient:") || l.contains("original-recipient:") || l.contains("rcpt to:") {
                if let a = address(in: String(line.split(separator: ":", maxSplits: 1).last ?? "")) { return (a, i) }
            }
        }
        return (nil, 0)
    }
}
