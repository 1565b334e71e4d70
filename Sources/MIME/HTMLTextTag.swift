/// The element names HTMLText acts on, found from a tag's bytes with one table lookup.
///
/// The scanner used to make a lowercased `String` of every tag name and `switch` over it: a `String`
/// switch compares the name with each case in turn, and HTML mail (Outlook's Word HTML above all) is
/// mostly tags, so that was a tenth of parsing a small message. Names are now packed, lowercased, into
/// two integers and looked up once in a small table; the switches are over this enum.
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

        /// The empty name: marks a free slot.
        init() {}

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

    /// An open-addressed table of every tag but `.other`, 128 slots for ~50 names: a lookup is a
    /// multiply, a shift and a compare or two (a `Dictionary` hashed each key with SipHash, several
    /// hundred instructions per tag).
    private static let slots: [(key: Key, tag: HTMLTextTag)] = {
        var table = [(key: Key, tag: HTMLTextTag)](repeating: (Key(), .other), count: 128)
        for tag in allCases where tag != .other {
            let bytes = Array(tag.name.utf8)
            let key = bytes.withUnsafeBufferPointer { Key($0, 0, $0.count)! }
            var slot = key.slot
            while table[slot].tag != .other { slot = (slot + 1) & 127 }
            table[slot] = (key, tag)
        }
        return table
    }()

    /// The element named by `p[start..<end]` (any case), `.other` for every name not listed.
    static func named(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> HTMLTextTag {
        guard end > start, let key = Key(p, start, end) else { return .other }
        return slots.withUnsafeBufferPointer { table in
            var slot = key.slot
            while true {
                let entry = table[slot]
                if entry.tag == .other || entry.key == key { return entry.tag }
                slot = (slot + 1) & 127
            }
        }
    }
}

extension HTMLTextTag.Key {
    /// Where the key starts looking in `HTMLTextTag.slots` (Fibonacci hashing, the top 7 bits).
    var slot: Int { Int(truncatingIfNeeded: ((low ^ (high &* 31)) &* 0x9E37_79B9_7F4A_7C15) >> 57) }
}
