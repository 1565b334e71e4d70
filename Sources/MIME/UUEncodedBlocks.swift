#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files uuencoded inside a text/plain body, as old clients and some gateways still send them:
///
///     begin 644 notes.txt
///     M...60 encoded bytes...
///     `
///     end
///
/// Each complete block becomes an attachment (name from the begin line, bytes decoded) and leaves the
/// text. A block counts only when every line between `begin MODE NAME` and `end` is a well-formed
/// uuencoded line, so prose that happens to start with "begin" stays text. The work is linear in the
/// text whatever it holds: a begin line with no end stops the search (nothing after it can close a
/// block either), a malformed line resumes the search from itself, and lines longer than any encoder
/// writes are rejected after one look.
enum UUEncodedBlocks {
    /// A decoded file.
    struct File: Sendable, Equatable {
        var name: String
        var data: [UInt8]
    }

    /// Longer lines are not uuencode (61 characters is the usual, with some trailing padding).
    static let maxLineLength = 128

    /// The text without its uuencoded blocks, and the files; nil when there is no complete block.
    static func extract(_ text: String) -> (text: String, files: [File])? {
        // Native strings are contiguous UTF-8: no copy on the common path where there is no block.
        if let found = text.utf8.withContiguousStorageIfAvailable({ rebuild($0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { rebuild($0) }
    }

    private static func rebuild(_ p: UnsafeBufferPointer<UInt8>) -> (text: String, files: [File])? {
        guard let found = extract(p) else { return nil }
        var kept = [UInt8]()
        kept.reserveCapacity(p.count)
        var at = 0
        for r in found.removed {
            kept.append(contentsOf: p[at..<r.lowerBound])
            at = r.upperBound
        }
        kept.append(contentsOf: p[at...])
        return (String(decoding: kept, as: UTF8.self), found.files)
    }

    /// The byte ranges of the complete blocks (begin line to end line, with its line end) and the files.
    static func extract(_ p: UnsafeBufferPointer<UInt8>) -> (removed: [Range<Int>], files: [File])? {
        var removed = [Range<Int>]()
        var files = [File]()
        var i = 0
        let n = p.count
        while let begin = nextBeginLine(p, from: i) {
            let beginEnd = Bytes.lineEnd(p, begin, n)
            guard let name = filename(p, begin..<beginEnd) else {
                i = beginEnd + 1
                continue
            }
            switch block(p, after: beginEnd + 1) {
            case .complete(let data, let next):
                removed.append(begin..<next)
                files.append(File(name: name, data: data))
                i = next
            case .malformed(let next):
                i = next
            case .unterminated:
                i = n
            }
            if i >= n { break }
        }
        return files.isEmpty ? nil : (removed, files)
    }

    /// The start of the next line at or after `from` that begins with "begin ". Runs on every text body,
    /// so it compares 32 bytes at a time and stops only where a line starts with 'b' (a memchr call per
    /// 'b' or per line cost more than this whole scan).
    private static func nextBeginLine(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        let n = p.count
        if from == 0 && startsWithBegin(p, 0) { return 0 }
        let raw = UnsafeRawPointer(base)
        // 32 bytes at a time: a line feed followed by 'b' is a candidate (the load at i + 1 pairs them).
        let lineFeeds = SIMD32<UInt8>(repeating: asciiLF)
        let bees = SIMD32<UInt8>(repeating: 0x62)
        var i = max(from - 1, 0)  // a line starting at `from` has its LF at from - 1
        while i + 33 <= n {
            let here = raw.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
            let next = raw.loadUnaligned(fromByteOffset: i + 1, as: SIMD32<UInt8>.self)
            let candidates = (here .== lineFeeds) .& (next .== bees)
            if TransferDecoding.anyLane(candidates) {
                for k in 0..<32 where candidates[k] && i + k + 1 >= from && startsWithBegin(p, i + k + 1) {
                    return i + k + 1
                }
            }
            i += 32
        }
        while i < n {
            if p[i] == asciiLF && i + 1 >= from && startsWithBegin(p, i + 1) { return i + 1 }
            i += 1
        }
        return nil
    }

    private static func startsWithBegin(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i + 6 <= p.count && p[i] == 0x62 && p[i + 1] == 0x65 && p[i + 2] == 0x67 && p[i + 3] == 0x69
            && p[i + 4] == 0x6E && p[i + 5] == asciiSpace
    }

    /// `begin MODE NAME`: MODE is one to four octal digits, NAME the rest of the line, trimmed.
    private static func filename(_ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> String? {
        var i = line.lowerBound + 6
        let modeStart = i
        while i < line.upperBound && p[i] >= 0x30 && p[i] <= 0x37 { i += 1 }
        guard i - modeStart >= 1, i - modeStart <= 4, i < line.upperBound, p[i] == asciiSpace,
            line.count <= 1024
        else { return nil }
        let name = Bytes.trimmed(p, (i + 1)..<line.upperBound)
        guard !name.isEmpty else { return nil }
        return Bytes.headerString(UnsafeBufferPointer(rebasing: p[name]))
    }

    private enum Block {
        /// The decoded bytes and the index after the end line.
        case complete([UInt8], next: Int)
        /// A line that is not uuencode: the search goes on from it.
        case malformed(next: Int)
        /// No end line before the end of the text.
        case unterminated
    }

    /// Reads encoded lines from `start` up to an `end` line.
    private static func block(_ p: UnsafeBufferPointer<UInt8>, after start: Int) -> Block {
        let n = p.count
        var out = [UInt8]()
        var i = start
        while i < n {
            let eol = Bytes.lineEnd(p, i, n)
            let next = min(eol + 1, n)
            // Trailing spaces are data (zero sextets), but mailers strip them: missing ones read as zero.
            let line = i..<trailingTrimmed(p, i, eol)
            if isEndLine(p, line) { return .complete(out, next: next) }
            // The search resumes at this line: it may itself be the begin line of a block.
            guard decodeLine(p, line, into: &out) else { return .malformed(next: i) }
            i = next
        }
        return .unterminated
    }

    private static func trailingTrimmed(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var e = to
        while e > from && (p[e - 1] == asciiSpace || p[e - 1] == asciiTab || p[e - 1] == asciiCR) { e -= 1 }
        return e
    }

    private static func isEndLine(_ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        line.count == 3 && p[line.lowerBound] == 0x65 && p[line.lowerBound + 1] == 0x6E
            && p[line.lowerBound + 2] == 0x64
    }

    /// One encoded line: a length character (' ' + count, '`' for zero), then four characters per three
    /// bytes, all in ' '...'`'. A zero-length line (the usual last line, blank once its space is
    /// stripped) decodes to nothing.
    private static func decodeLine(
        _ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into out: inout [UInt8]
    )
        -> Bool
    {
        guard !line.isEmpty else { return true }
        guard line.count <= maxLineLength else { return false }
        for k in line where p[k] < 0x20 || p[k] > 0x60 { return false }
        let count = Int((p[line.lowerBound] &- 0x20) & 0x3F)
        // No more characters than the count needs (a little padding allowed).
        guard line.count - 1 <= (count + 2) / 3 * 4 + 2 else { return false }
        var j = line.lowerBound + 1
        var produced = 0
        while produced < count {
            var v: UInt32 = 0
            for k in 0..<4 {
                let c: UInt8 = j + k < line.upperBound ? p[j + k] : 0x20
                v = v << 6 | UInt32((c &- 0x20) & 0x3F)
            }
            for shift: UInt32 in [16, 8, 0] where produced < count {
                out.append(UInt8(truncatingIfNeeded: v >> shift))
                produced += 1
            }
            j += 4
        }
        return true
    }
}
