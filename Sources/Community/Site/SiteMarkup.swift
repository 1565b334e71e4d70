import Foundation

/// Escaping and small formats shared by the hub's pages and feeds. Every piece of user content
/// goes through `html` or `xml`; nothing a contributor wrote reaches a page any other way.
enum SiteMarkup {
    /// Text for HTML element content and quoted attributes. Control characters (other than tab
    /// and line breaks) are dropped: they have no meaning on a page and some break XML readers.
    static func html(_ s: String) -> String {
        // Most text needs nothing: one pass over the bytes says so, and the string is kept as it is.
        guard s.utf8.contains(where: needsWork) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += Array("&amp;".utf8)
            case "<": out += Array("&lt;".utf8)
            case ">": out += Array("&gt;".utf8)
            case "\"": out += Array("&quot;".utf8)
            case "'": out += Array("&#39;".utf8)
            default:
                if isAllowedInXML(scalar) { out += String(scalar).utf8 }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes that may need escaping or dropping: markup characters, C0 controls other than tab and
    /// line breaks, DEL, and the lead bytes of C1 controls (C2) and of U+FFFE/U+FFFF (EF).
    private static func needsWork(_ b: UInt8) -> Bool {
        switch b {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F, 0xC2, 0xEF: return true
        case 0x09, 0x0A, 0x0D: return false
        default: return b < 0x20
        }
    }

    /// The same escaping serves XML 1.0 (the Atom feed), whose character set `html` already keeps to.
    static func xml(_ s: String) -> String { html(s) }

    /// XML 1.0 §2.2: tab, LF, CR, and everything from U+0020 except U+FFFE and U+FFFF (and the C1
    /// controls, allowed but never meant).
    static func isAllowedInXML(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: return true
        case 0x00..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }

    /// A link's `href`, or nil when the scheme could run code or leave the web (`javascript:`,
    /// `data:`, `vbscript:`…): only http, https and mailto are ever clickable.
    static func safeHref(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") else {
            return nil
        }
        guard !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\"" || $0 == "<" || $0 == ">" })
        else { return nil }
        return url
    }

    /// Paragraphs of plain text as HTML: blank lines part paragraphs, single breaks become `<br>`.
    static func paragraphs(_ text: String, className: String? = nil) -> String {
        let cls = className.map { " class=\"\($0)\"" } ?? ""
        var out: [String] = []
        // Lines, grouped into paragraphs at blank ones (white space only counts as blank).
        var lines: [String] = []
        func close() {
            if !lines.isEmpty { out.append("<p\(cls)>\(lines.joined(separator: "<br>\n"))</p>") }
            lines.removeAll()
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) { close() } else { lines.append(html(String(line))) }
        }
        close()
        return out.joined(separator: "\n")
    }

    /// `5 November 2026` in the community's zone.
    static func day(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(c.day ?? 1) \(DigestRenderer.months[(c.month ?? 1) - 1]) \(c.year ?? 1970)"
    }

    /// `2026-11-05` in the community's zone (for `<time datetime>`).
    static func isoDay(_ date: Date, in zone: TimeZone) -> String { LearningSetMembership.localDay(date, zone) }
}
