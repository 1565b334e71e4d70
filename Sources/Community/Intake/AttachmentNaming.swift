import Foundation

/// Safe names for stored attachments (DESIGN security model: no path traversal; names are
/// generated). The stored name is `<n>-<sanitised>`: ASCII letters, digits, `.`, `-`, `_`, no
/// path separators, no leading dot, at most 80 characters with the extension kept.
public enum AttachmentNaming {
    /// The name shown to people: the last path component of the original, without control
    /// characters; a name made from the type when there is none.
    public static func displayName(_ original: String?, contentType: String, index: Int) -> String {
        var name = original ?? ""
        if let cut = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            name = String(name[name.index(after: cut)...])
        }
        name = String(
            String.UnicodeScalarView(
                name.unicodeScalars.filter {
                    $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) && $0.value != 0x2028
                        && $0.value != 0x2029 && $0.value != 0x202E
                }))
        name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.allSatisfy({ $0 == "." }) {
            name = "attachment-\(index)" + (fileExtension(for: contentType).map { "." + $0 } ?? "")
        }
        return name
    }

    /// `"1-plan.pdf"` for attachment 1 named "../../etc/plan.pdf".
    public static func storedName(_ original: String?, contentType: String, index: Int) -> String {
        let display = displayName(original, contentType: contentType, index: index)
        // Fold accents to ASCII ("Café" → "Cafe": decompose, drop the combining marks), then keep
        // only safe characters.
        var out = ""
        for s in display.decomposedStringWithCanonicalMapping.unicodeScalars {
            if s.properties.generalCategory == .nonspacingMark { continue }
            if s.isASCII, s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "-" || s == "_" {
                out.unicodeScalars.append(s)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        while out.contains("..") { out = out.replacingOccurrences(of: "..", with: ".") }
        while let first = out.first, first == "." || first == "-" || first == "_" { out.removeFirst() }
        while let last = out.last, last == "." || last == "-" { out.removeLast() }
        if out.count > 80 {
            let ext = out.lastIndex(of: ".").map { String(out[$0...]) } ?? ""
            out = String(out.prefix(80 - min(ext.count, 16))) + (ext.count <= 16 ? ext : "")
        }
        if out.isEmpty || out.allSatisfy({ $0 == "." }) {
            out = "attachment" + (fileExtension(for: contentType).map { "." + $0 } ?? "")
        }
        return "\(index)-\(out)"
    }

    /// True for a name `storedName` could have made: a spool edited by hand (or damaged) must not
    /// lead a copy outside the attachments folder.
    public static func isSafeStoredName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 100 && !name.hasPrefix(".") && !name.contains("..")
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
            }
    }

    static func fileExtension(for contentType: String) -> String? {
        switch contentType.lowercased() {
        case "application/pdf": return "pdf"
        case "image/png": return "png"
        case "image/jpeg", "image/jpg": return "jpg"
        case "image/gif": return "gif"
        case "text/plain": return "txt"
        case "text/csv": return "csv"
        case "text/calendar": return "ics"
        case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": return "docx"
        case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": return "xlsx"
        case "application/vnd.openxmlformats-officedocument.presentationml.presentation": return "pptx"
        case "application/msword": return "doc"
        case "application/vnd.ms-excel": return "xls"
        case "application/zip": return "zip"
        case "message/rfc822": return "eml"
        default: return nil
        }
    }
}
