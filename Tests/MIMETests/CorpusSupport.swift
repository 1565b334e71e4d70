import Foundation
import Testing

@testable import MIME

/// Finds the shared corpora (read in place, never copied) and normalises values the way the corpus
/// READMEs say.
enum CorpusSupport {
    /// `$LEARNMAIL_CORPORA`, else `../shared/corpora` next to the package root (found from this file).
    static var root: URL {
        if let env = ProcessInfo.processInfo.environment["LEARNMAIL_CORPORA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return package.deletingLastPathComponent().appendingPathComponent("shared/corpora")
    }

    /// Whether the corpora are there. A clone without `../shared` has none: the corpus suites then
    /// report themselves skipped (with `skipNote`) instead of failing or trapping on an empty list.
    static let available: Bool = {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(
            atPath: root.appendingPathComponent("conformance").path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }()

    /// Why a corpus suite was skipped and how to run it.
    static let skipNote: Comment = """
        corpora not found at \(root.path): set LEARNMAIL_CORPORA to the corpora folder (the one holding \
        conformance/ and mail-parser/) to run this suite
        """

    static func files(in dir: URL, suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { dir.appendingPathComponent($0) }
    }

    static func json(_ url: URL) -> Any? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    static func bytes(_ url: URL) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: url))) ?? []
    }

    /// CRLF to LF, NFC, whitespace runs collapsed to one space, trimmed.
    static func normalise(_ s: String?) -> String? {
        guard let s else { return nil }
        let nfc = s.precomposedStringWithCanonicalMapping
        return nfc.split(whereSeparator: { $0.isWhitespace || $0 == "\u{00A0}" }).joined(separator: " ")
    }

    /// A table row: corpus, fields compared, matched, percent.
    struct Tally: CustomStringConvertible {
        var name: String
        var compared = 0
        var matched = 0
        var differences: [String] = []

        mutating func score(_ ok: Bool, _ what: @autoclosure () -> String) {
            compared += 1
            if ok { matched += 1 } else { differences.append(what()) }
        }

        var percent: Double { compared == 0 ? 100 : Double(matched) * 100 / Double(compared) }

        var description: String {
            let pct = (percent * 10).rounded() / 10
            return "| \(name) | \(compared) | \(matched) | \(pct)% |"
        }
    }

    static func printTable(_ title: String, _ rows: [Tally]) {
        var total = Tally(name: "total")
        for r in rows {
            total.compared += r.compared
            total.matched += r.matched
        }
        print("\n\(title)\n| corpus | fields compared | matched | % |\n|---|---|---|---|")
        for r in rows { print(r) }
        print(total)
        for r in rows {
            for d in r.differences { print("  DIFF \(r.name): \(d)") }
        }
    }
}

/// A small deterministic generator (xorshift), so that generated inputs and their failures reproduce.
struct XorShift: RandomNumberGenerator, Sendable {
    var state: UInt64

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
