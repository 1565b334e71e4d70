import Foundation

/// A digest rendered once for many subscribers: every copy differs only in its unsubscribe
/// address and URL, so the body is rendered once with markers, cut into pieces, and each copy
/// is a concatenation, byte-identical to `DigestRenderer.render` for the same subscriber.
public struct DigestTemplate: Sendable, Codable, Equatable {
    // Private-use characters: `TextLayout.clean` removes them from user content, so they only
    // ever come from here.
    static let addressMark = "\u{E000}a\u{E000}"
    static let urlMark = "https://\u{E000}u\u{E000}"

    enum Piece: Sendable {
        case literal(String)
        case address
        case url
    }

    /// What the template is made from, kept in the digest's record so that every copy, sent now or
    /// after a restart, is made from the same text: the body with markers where the addresses go.
    struct Source: Codable, Sendable, Equatable {
        var community: ListIdentity
        var subject: String
        var text: String
        var html: String
        var textWithURL: String
        var htmlWithURL: String
    }

    let source: Source
    var community: ListIdentity { source.community }
    var subject: String { source.subject }
    let withURL: (text: [Piece], html: [Piece])
    let withoutURL: (text: [Piece], html: [Piece])

    /// Renders `items` (as chosen by `DigestRenderer.selectItems`) for `week`, with the week's note,
    /// learning sets and hub links.
    public init(items: [LearningItem], community: ListIdentity, week: String, extras: DigestExtras = .none) {
        let marked = DigestRenderer.render(
            items: items, community: community, week: week, unsubscribeAddress: Self.addressMark,
            unsubscribeURL: Self.urlMark, extras: extras)
        let plain = DigestRenderer.render(
            items: items, community: community, week: week, unsubscribeAddress: Self.addressMark, unsubscribeURL: nil,
            extras: extras)
        self.init(
            source: Source(
                community: community, subject: marked.subject, text: plain.text, html: plain.html,
                textWithURL: marked.text, htmlWithURL: marked.html))
    }

    init(source: Source) {
        self.source = source
        withURL = (Self.pieces(source.textWithURL), Self.pieces(source.htmlWithURL))
        withoutURL = (Self.pieces(source.text), Self.pieces(source.html))
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

    public init(from decoder: any Decoder) throws { self.init(source: try Source(from: decoder)) }
    public func encode(to encoder: any Encoder) throws { try source.encode(to: encoder) }
    public static func == (a: Self, b: Self) -> Bool { a.source == b.source }
}
