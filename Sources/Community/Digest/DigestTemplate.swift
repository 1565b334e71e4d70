import Foundation

/// A digest rendered once for many subscribers: every copy differs only in its unsubscribe
/// address and URL, so the body is rendered once with markers, cut into pieces, and each copy
/// is a concatenation, byte-identical to `DigestRenderer.render` for the same subscriber.
public struct DigestTemplate: Sendable {
    // Private-use characters: `TextWrap.clean` removes them from user content, so they only
    // ever come from here.
    static let addressMark = "\u{E000}a\u{E000}"
    static let urlMark = "https://\u{E000}u\u{E000}"

    enum Piece: Sendable {
        case literal(String)
        case address
        case url
    }

    let community: ListIdentity
    let subject: String
    let withURL: (text: [Piece], html: [Piece])
    let withoutURL: (text: [Piece], html: [Piece])

    /// Renders `items` (as chosen by `DigestRenderer.selectItems`) for `week`.
    public init(items: [LearningItem], community: ListIdentity, week: String) {
        self.community = community
        let marked = DigestRenderer.render(
            items: items, community: community, week: week, unsubscribeAddress: Self.addressMark,
            unsubscribeURL: Self.urlMark)
        let plain = DigestRenderer.render(
            items: items, community: community, week: week, unsubscribeAddress: Self.addressMark, unsubscribeURL: nil)
        subject = marked.subject
        withURL = (Self.pieces(marked.text), Self.pieces(marked.html))
        withoutURL = (Self.pieces(plain.text), Self.pieces(plain.html))
    }

    /// One subscriber's copy (`ListIdentity.unsubscribeAddress(for:)`, `ListIdentity.unsubscribeURL(for:)`).
    public func copy(unsubscribeAddress: String, unsubscribeURL: String?) -> RenderedDigest {
        let url = unsubscribeURL.flatMap { $0.lowercased().hasPrefix("https://") ? $0 : nil }
        let body = url == nil ? withoutURL : withURL
        func fill(_ pieces: [Piece], address: String, url: String) -> String {
            var out = ""
            for p in pieces {
                switch p {
                case .literal(let s): out += s
                case .address: out += address
                case .url: out += url
                }
            }
            return out
        }
        let escapedURL = url.map(DigestRenderer.escape) ?? ""
        return RenderedDigest(
            subject: subject, text: fill(body.text, address: unsubscribeAddress, url: url ?? ""),
            html: fill(body.html, address: DigestRenderer.escape(unsubscribeAddress), url: escapedURL),
            headers: DigestHeaders.make(list: community, unsubscribeAddress: unsubscribeAddress, unsubscribeURL: url))
    }

    /// Cuts `s` at the markers (one pass over the scalars).
    static func pieces(_ s: String) -> [Piece] {
        var out: [Piece] = []
        var literal = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        let prefix = Array("https://".unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\u{E000}", i + 2 < scalars.count, scalars[i + 2] == "\u{E000}" {
                var piece: Piece?
                if scalars[i + 1] == "a" {
                    piece = .address
                } else if scalars[i + 1] == "u", Array(literal.suffix(prefix.count)) == prefix {
                    literal.removeLast(prefix.count)
                    piece = .url
                }
                if let piece {
                    out.append(.literal(String(literal)))
                    literal.removeAll()
                    out.append(piece)
                    i += 3
                    continue
                }
            }
            literal.append(scalars[i])
            i += 1
        }
        out.append(.literal(String(literal)))
        return out
    }
}
