/// The list headers on each digest copy (RFC 2369, RFC 2919, RFC 8058, RFC 3834, RFC 2076).
public enum DigestHeaders {
    /// Headers for the engine to add to the mail, in this order:
    /// `List-Id`, `List-Unsubscribe` (`<mailto:…?subject=unsubscribe>`, then `<https:…>` when a URL is
    /// given), `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (only with an https URL, RFC 8058
    /// §3.1), `List-Help`, `List-Post`, `Precedence: bulk`, `Auto-Submitted: auto-generated`.
    public static func make(
        list: ListIdentity, unsubscribeAddress: String, unsubscribeURL: String?
    ) -> [(String, String)] {
        var headers: [(String, String)] = [("List-Id", listId(list))]
        var unsubscribe = "<mailto:\(headerSafe(unsubscribeAddress))?subject=unsubscribe>"
        let url = unsubscribeURL.map(headerSafe).flatMap { $0.lowercased().hasPrefix("https://") ? $0 : nil }
        if let url { unsubscribe += ", <\(url)>" }
        headers.append(("List-Unsubscribe", unsubscribe))
        if url != nil { headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")) }
        headers.append(("List-Help", "<mailto:\(headerSafe(list.address))?subject=help>"))
        headers.append(("List-Post", "<mailto:\(headerSafe(list.address))>"))
        headers.append(("Precedence", "bulk"))
        headers.append(("Auto-Submitted", "auto-generated"))
        return headers
    }

    /// `"Name" <list.id>` (RFC 2919 §3); the phrase only when it is printable ASCII, since a
    /// quoted string cannot carry RFC 2047 encoded words.
    static func listId(_ list: ListIdentity) -> String {
        let id = headerSafe(list.listId).filter { $0 != "<" && $0 != ">" && $0 != " " }
        let name = TextLayout.displayLine(list.name).filter { $0 != "\"" && $0 != "\\" }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            return "<\(id)>"
        }
        return "\"\(name)\" <\(id)>"
    }

    /// No CR, LF or angle brackets: a value that cannot end the header or the `<…>` it sits in.
    static func headerSafe(_ s: String) -> String {
        String(
            s.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "<" && $0 != ">" }.map(
                Character.init))
    }
}
