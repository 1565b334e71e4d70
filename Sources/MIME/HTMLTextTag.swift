/// The element names HTMLText acts on, found from a tag's bytes with one table lookup.
///
/// The scanner used to make a lowercased `String` of every tag name and `switch` over it: a `String`
/// switch compares the name with each case in turn, and HTML mail (Outlook's Word HTML above all) is
/// mostly tags, so that was a tenth of parsing a small message. Names are now packed, lowercased, into
/// two integers and looked up once; the switches are over this enum.
enum HTMLTextTag: String, CaseIterable {
    case other
    case script, style, title, xml, template, noscript, head, body
    case p, h1, h2, h3, h4, h5, h6, table, dl, figure, address, fieldset
    case div, center, tr, dt, dd, article, aside, footer, header, main, nav, section, form, details, summary
    case caption, figcaption, br, hr, blockquote, pre, listing, xmp, plaintext, ul, menu, dir, ol, li, td, th, a

    /// The element's name, lowercased.
    var name: String { rawValue }

    /// A name of up to 16 bytes, lowercased and packed into two words (zero-padded: names hold no NUL).
    struct Key: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        /// The key of `p[start..<end]` lowercased (ASCII), or nil when it is longer than 16 bytes (no
        /// element here has such a name).
        @inline(__always)
        init?(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            guard end - start <= 16 else { return nil }
            var k = start
            while k < end {
                var c = UInt64(p[k])
                if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                let shift = UInt64((k - start) & 7) * 8
                if k - start < 8 { low |= c << shift } else { high |= c << shift }
                k += 1
            }
        }
    }

    static let byKey: [Key: HTMLTextTag] = {
        var table = [Key: HTMLTextTag]()
        for tag in allCases where tag != .other {
            let bytes = Array(tag.name.utf8)
            bytes.withUnsafeBufferPointer { table[Key($0, 0, $0.count)!] = tag }
        }
        return table
    }()

    /// The element named by `p[start..<end]` (any case), `.other` for every name not listed.
    static func named(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> HTMLTextTag {
        guard end > start, let key = Key(p, start, end) else { return .other }
        return byKey[key] ?? .other
    }
}
