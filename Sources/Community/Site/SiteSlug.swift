import Foundation

/// URL slugs for the knowledge hub: lowercase ASCII letters, digits and single hyphens, accents
/// folded ("Café culture" → "cafe-culture"), at most 60 characters cut at a word.
enum SiteSlug {
    static func make(_ text: String, fallback: String = "item", maxLength: Int = 60) -> String {
        var out = ""
        for s in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if s.properties.generalCategory == .nonspacingMark { continue }
            if s.isASCII, s.properties.isAlphabetic || ("0"..."9").contains(s) {
                out += String(s).lowercased()
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        if out.count > maxLength {
            let cut = out.prefix(maxLength)
            out = String(cut.lastIndex(of: "-").map { cut[..<$0] } ?? cut)
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? fallback : out
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
