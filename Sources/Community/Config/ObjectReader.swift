import Foundation

/// Reads one JSON object of the config, remembering which keys were used so that
/// unknown keys (usually typos) can be reported by name.
final class ObjectReader {
    private let values: [String: Any]
    private let path: String
    let file: String
    private var used: Set<String> = []

    init(_ value: Any?, path: String, file: String) throws {
        self.path = path
        self.file = file
        if value == nil {
            values = [:]
        } else if let object = value as? [String: Any] {
            values = object
        } else {
            throw ConfigError(file: file, key: path, problem: "expected a JSON object")
        }
    }

    func has(_ key: String) -> Bool { values[key] != nil }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(at key: String, _ problem: String) -> ConfigError {
        ConfigError(file: file, key: keyPath(key), problem: problem)
    }

    func object(_ key: String, optional: Bool = false) throws -> ObjectReader {
        used.insert(key)
        if values[key] == nil && !optional { throw error(at: key, "is required") }
        return try ObjectReader(values[key], path: keyPath(key), file: file)
    }

    func objectArray(_ key: String) throws -> [ObjectReader] {
        used.insert(key)
        guard let raw = values[key] else { return [] }
        guard let array = raw as? [Any] else { throw error(at: key, "expected a JSON array of objects") }
        return try array.enumerated().map { try ObjectReader($1, path: keyPath(key) + "[\($0)]", file: file) }
    }

    func string(_ key: String) throws -> String {
        guard let value = try string(key, default: nil) else { throw error(at: key, "is required") }
        return value
    }

    func string(_ key: String, default fallback: String?) throws -> String? {
        used.insert(key)
        guard let raw = values[key], !(raw is NSNull) else { return fallback }
        guard let text = raw as? String else { throw error(at: key, "expected a string") }
        return text
    }

    func address(_ key: String) throws -> String {
        let value = try string(key).lowercased()
        guard Self.looksLikeAddress(value) else { throw error(at: key, "expected an email address, got '\(value)'") }
        return value
    }

    func stringArray(_ key: String) throws -> [String] {
        used.insert(key)
        guard let raw = values[key] else { return [] }
        guard let array = raw as? [Any], array.allSatisfy({ $0 is String }) else {
            throw error(at: key, "expected a JSON array of strings")
        }
        return array as! [String]
    }

    func integer(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        used.insert(key)
        guard let raw = values[key] else { return fallback }
        guard let number = raw as? NSNumber, !Self.isBoolean(raw), number.doubleValue == number.doubleValue.rounded()
        else { throw error(at: key, "expected a whole number") }
        guard range.contains(number.intValue) else {
            throw error(at: key, "expected a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number.intValue
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        used.insert(key)
        guard let raw = values[key] else { return fallback }
        guard Self.isBoolean(raw), let flag = raw as? Bool else { throw error(at: key, "expected true or false") }
        return flag
    }

    /// JSONSerialization gives `true` and `1` both as NSNumbers, and `is Bool` holds for either (the
    /// number 1 bridges to true): only the boolean's own class tells them apart.
    static func isBoolean(_ value: Any) -> Bool {
        type(of: value) == booleanType
    }
    private static let booleanType = type(of: NSNumber(value: true) as Any)

    func rejectUnknownKeys() throws {
        let unknown = Set(values.keys).subtracting(used).sorted()
        guard let first = unknown.first else { return }
        throw error(
            at: first,
            "unknown key" + (unknown.count > 1 ? " (also: \(unknown.dropFirst().joined(separator: ", ")))" : ""))
    }

    static func looksLikeAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(where: \.isWhitespace)
    }
}
