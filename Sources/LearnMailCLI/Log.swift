import Community
import Foundation

/// The daemon's log (DESIGN.md "The daemon's lifecycle"): one event a line on stderr, in logfmt,
/// `time=2026-12-03T12:00:00Z level=info msg="…" key=value`, so that journald, grep and log tools
/// can filter it. Debug lines only with `--verbose`. Console commands keep their own plain output.
///
/// No secret reaches a line: the passwords the daemon resolved are replaced by `***` wherever they
/// appear, and so is any token-shaped run after a token marker (`+mod-`, `tok:`, …).
final class Log: @unchecked Sendable {
    enum Level: Int, Comparable, CaseIterable {
        case error, warn, info, debug

        var name: String {
            switch self {
            case .error: "error"
            case .warn: "warn"
            case .info: "info"
            case .debug: "debug"
            }
        }

        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    let threshold: Level
    private let lock = NSLock()
    private var secrets: [String] = []
    private let write: (String) -> Void
    private let clock: () -> Date

    init(
        verbose: Bool, clock: @escaping () -> Date = Date.init,
        write: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) {
        threshold = verbose ? .debug : .info
        self.clock = clock
        self.write = write
    }

    /// Words that must never be written (resolved passwords); short ones too, since a password is a password.
    func addSecrets(_ words: [String?]) {
        lock.withLock { secrets += words.compactMap { $0 }.filter { !$0.isEmpty } }
    }

    func error(_ msg: String, _ fields: KeyValuePairs<String, String> = [:]) { emit(.error, msg, fields) }
    func warn(_ msg: String, _ fields: KeyValuePairs<String, String> = [:]) { emit(.warn, msg, fields) }
    func info(_ msg: String, _ fields: KeyValuePairs<String, String> = [:]) { emit(.info, msg, fields) }
    func debug(_ msg: String, _ fields: KeyValuePairs<String, String> = [:]) { emit(.debug, msg, fields) }

    func emit(_ level: Level, _ msg: String, _ fields: KeyValuePairs<String, String>) {
        guard level <= threshold else { return }
        let text = Self.line(
            time: clock(), level: level, msg: msg, fields: fields.map { ($0.key, $0.value) })
        lock.withLock { write(scrub(text)) }
    }

    /// A line the engine logged as free text. "KEY: what happened" becomes `msg="what happened"
    /// key=KEY`; a line about a message stopping learnmail is a warning.
    func engine(_ text: String) {
        var msg = text
        var fields: [(String, String)] = []
        if let colon = text.range(of: ": "), SourceKey.looksLikeKey(text[..<colon.lowerBound]) {
            fields.append(("key", String(text[..<colon.lowerBound])))
            msg = String(text[colon.upperBound...])
        }
        let level: Level =
            msg.contains("stopped while processing") || msg.contains("set aside") || msg.hasPrefix("not replying")
            ? .warn : .info
        guard level <= threshold else { return }
        let line = Self.line(time: clock(), level: level, msg: msg, fields: fields)
        lock.withLock { write(scrub(line)) }
    }

    private func scrub(_ line: String) -> String {
        var line = line
        for secret in secrets where line.contains(secret) {
            line = line.replacingOccurrences(of: secret, with: "***")
        }
        if TokenRedaction.containsToken(line), let clean = TokenRedaction.redact(Array(line.utf8)) {
            line = String(decoding: clean, as: UTF8.self).replacingOccurrences(of: "\r\n", with: " ")
        }
        return line
    }

    // MARK: logfmt

    static func line(time: Date, level: Level, msg: String, fields: [(String, String)]) -> String {
        var parts = ["time=" + ISO8601UTC.string(from: time), "level=" + level.name, "msg=" + quoted(msg)]
        for (key, value) in fields { parts.append(key + "=" + Self.value(value)) }
        return parts.joined(separator: " ")
    }

    /// A value as logfmt writes it: bare when it is a plain word, else in double quotes with `"`,
    /// `\` and control characters escaped, so that one event stays one line.
    static func value(_ text: String) -> String {
        let plain =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0.value != 0x7F && $0 != "\"" && $0 != "=" && $0 != "\\"
            }
        return plain ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Parses a logfmt line back into its pairs (for tests and `scripts/bench-latency`); nil when
    /// the line is not logfmt.
    static func parse(_ line: String) -> [String: String]? {
        var pairs: [String: String] = [:]
        var scalars = Substring(line).unicodeScalars[...]
        while !scalars.isEmpty {
            while scalars.first == " " { scalars.removeFirst() }
            guard !scalars.isEmpty else { break }
            guard let equals = scalars.firstIndex(of: "=") else { return nil }
            let key = String(String.UnicodeScalarView(scalars[..<equals]))
            guard !key.isEmpty, !key.contains(" ") else { return nil }
            scalars = scalars[scalars.index(after: equals)...]
            var value = String.UnicodeScalarView()
            if scalars.first == "\"" {
                scalars.removeFirst()
                var closed = false
                while let scalar = scalars.popFirst() {
                    if scalar == "\"" {
                        closed = true
                        break
                    }
                    if scalar == "\\", let next = scalars.popFirst() {
                        switch next {
                        case "n": value.append("\n")
                        case "r": value.append("\r")
                        case "t": value.append("\t")
                        default: value.append(next)
                        }
                    } else {
                        value.append(scalar)
                    }
                }
                guard closed else { return nil }
            } else {
                while let scalar = scalars.first, scalar != " " {
                    value.append(scalar)
                    scalars.removeFirst()
                }
            }
            pairs[key] = String(value)
        }
        return pairs
    }
}
