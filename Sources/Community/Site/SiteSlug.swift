import Foundation

/// URL slugs for the knowledge hub: lowercase ASCII letters, digits and single hyphens, accents
/// folded ("Café culture" → "cafe-culture"), at most 60 characters cut at a word. The same
/// folding makes the search index's words.
enum SiteSlug {
    static func make(_ text: String, fallback: String = "item", maxLength: Int = 60) -> String {
        let out = fold(text, maxLength: maxLength)
        return out.isEmpty ? fallback : String(decoding: out, as: UTF8.self)
    }

    /// The distinct folded words of `text`, in order: what the search index matches queries against.
    static func words(_ text: String) -> [String] {
        var seen: Set<ArraySlice<UInt8>> = []
        var out: [String] = []
        let folded = fold(text, maxLength: Int.max)
        for word in folded.split(separator: 0x2D) where seen.insert(word).inserted {
            out.append(String(decoding: word, as: UTF8.self))
        }
        return out
    }

    /// The slug's bytes, cut at a hyphen when longer than `maxLength`.
    private static func fold(_ text: String, maxLength: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(text.utf8.count, maxLength) + 1)
        // A run of anything else becomes one hyphen, written only when a letter or digit follows.
        var gap = false
        func keep(_ byte: UInt8) {
            if gap && !out.isEmpty { out.append(0x2D) }
            gap = false
            out.append(byte | (isUpper(byte) ? 0x20 : 0))
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if isAlphanumeric(byte) { keep(byte) } else { gap = true }
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue  // a combining accent: "e\u{301}" folds to "e"
            } else {
                // Fold by decomposing this one character ("é" → "e" + accent); one with no ASCII
                // letter in it ("ß", "日") separates words.
                var folded = false
                for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars where part.isASCII {
                    let byte = UInt8(part.value)
                    if isAlphanumeric(byte) {
                        keep(byte)
                        folded = true
                    }
                }
                if !folded { gap = true }
            }
            if out.count > maxLength { break }  // enough to know where to cut
        }
        if out.count > maxLength {
            let cut = out[..<maxLength]
            out = Array(cut.lastIndex(of: 0x2D).map { cut[..<$0] } ?? cut)
        }
        return out
    }

    private static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || isUpper(b) || (b >= 0x61 && b <= 0x7A)
    }

    /// Slugs for a list of names, unique among themselves: a second name with the same slug gets
    /// "-2", and so on, in the order given (callers pass a stable order).
    static func unique(_ names: [String], fallback: String) -> [String: String] {
        var taken: Set<String> = []
        var out: [String: String] = [:]
        for name in names where out[name] == nil {
            let base = make(name, fallback: fallback)
            var slug = base
            var n = 2
            while taken.contains(slug) {
                slug = "\(base)-\(n)"
                n += 1
            }
            taken.insert(slug)
            out[name] = slug
        }
        return out
    }
}
