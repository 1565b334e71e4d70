@testable import MIME

/// The `String` implementation of RFC 3676 unflowing that `FormatFlowed` replaced, kept as the oracle
/// for the byte version: it splits lines and compares `Character`s, so its reading of a ">" or a space
/// next to a combining mark is the standard library's. The byte version must give the same text.
enum FormatFlowedReference {
    static func unflow(_ text: String, delSp: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var paragraph = ""
        var paragraphDepth = -1
        var open = false
        func flush() {
            if paragraphDepth >= 0 {
                if paragraphDepth > 0 { out += String(repeating: ">", count: paragraphDepth) + " " }
                out += paragraph
                out += "\n"
            }
            paragraph = ""
            paragraphDepth = -1
            open = false
        }
        // Swift treats CRLF as one Character: make line ends LF first.
        let text = text.utf8.contains(asciiCR) ? text.replacingCRLF() : text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for var line in lines {
            if line.hasSuffix("\r") { line = line.dropLast() }
            var depth = 0
            while line.first == ">" {
                depth += 1
                line = line.dropFirst()
            }
            if line.first == " " { line = line.dropFirst() }  // space-stuffing (section 4.4)
            if open && depth != paragraphDepth { flush() }
            let isSignature = line == "-- "
            let flowed = !isSignature && line.hasSuffix(" ")
            if isSignature && open { flush() }
            if paragraphDepth < 0 { paragraphDepth = depth }
            if flowed {
                paragraph += delSp ? line.dropLast() : line
                open = true
            } else {
                paragraph += line
                flush()
            }
        }
        if open { flush() }
        return out
    }
}
