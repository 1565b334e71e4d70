/// A pragmatic check of a subscriber address (RFC 5321 §4.1.2 dot-atom `local@domain`, §4.5.3.1
/// lengths): strict enough to reject typos in an imported spreadsheet, loose enough for every
/// address real providers hand out. Quoted local parts and address literals are refused: no
/// subscriber has one, and they are a favourite of header-injection attempts.
public enum EmailAddressSyntax {
    /// The address lowercased and trimmed, taken out of `Name <addr>` or `<addr>` when given so,
    /// or nil with the reason it is not usable.
    public static func normalise(_ raw: String) -> Result<String, InvalidAddress> {
        var text = Substring(raw).trimmingWhitespaceSlice()
        if let open = text.lastIndex(of: "<") {
            guard let close = text[open...].firstIndex(of: ">") else { return .failure(.init("unclosed <")) }
            text = text[text.index(after: open)..<close].trimmingWhitespaceSlice()
        }
        if text.lowercased().hasPrefix("mailto:") { text = text.dropFirst(7) }
        let address = text.lowercased()
        if address.isEmpty { return .failure(.init("empty address")) }
        guard address.utf8.count <= 254 else { return .failure(.init("longer than 254 characters")) }
        let pieces = address.split(separator: "@", omittingEmptySubsequences: false)
        guard pieces.count == 2 else {
            return .failure(.init(pieces.count == 1 ? "no @" : "more than one @"))
        }
        let local = pieces[0]
        let domain = pieces[1]
        guard !local.isEmpty, local.utf8.count <= 64 else { return .failure(.init("bad part before @")) }
        let atext = Set("abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~.".utf8)
        guard local.utf8.allSatisfy({ atext.contains($0) }), !local.hasPrefix("."), !local.hasSuffix("."),
            !local.contains("..")
        else { return .failure(.init("character not allowed before @")) }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return .failure(.init("domain without a dot")) }
        let ldh = Set("abcdefghijklmnopqrstuvwxyz0123456789-".utf8)
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63, label.utf8.allSatisfy({ ldh.contains($0) }),
                !label.hasPrefix("-"), !label.hasSuffix("-")
            else { return .failure(.init("bad domain \(domain)")) }
        }
        guard let top = labels.last, top.utf8.contains(where: { !(0x30...0x39).contains($0) }) else {
            return .failure(.init("numeric top-level domain"))
        }
        return .success(address)
    }

    /// Why an address was refused, in words for an import report.
    public struct InvalidAddress: Error, Sendable, Equatable, CustomStringConvertible {
        public var reason: String
        init(_ reason: String) { self.reason = reason }
        public var description: String { reason }
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace (spaces, tabs, line breaks).
    func trimmingWhitespaceSlice() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}

extension Substring {
    /// Without leading and trailing whitespace (other files of the module use this spelling).
    func trimmingSpaces() -> Substring { trimmingWhitespaceSlice() }
}
