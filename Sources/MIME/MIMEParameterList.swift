/// The parameters of one Content-Type or Content-Disposition: lowercase names and decoded values, in
/// the order first seen, each name once.
///
/// A header has a handful of parameters and every part is asked for a few of them (charset, boundary,
/// name, format), so a linear search over a small array, where most names are short strings compared
/// in one step, costs less than hashing each name into a dictionary: building and reading a
/// `[String: String]` per part was about 5% of parsing small messages. `ContentType.parameters`
/// still hands out a dictionary for callers that want one.
struct MIMEParameterList: Sendable {
    struct Entry: Sendable {
        var name: String
        var value: String
    }

    private(set) var entries: [Entry] = []

    init() {}

    init(_ dictionary: [String: String]) {
        // Sorted so that two lists made from equal dictionaries are equal entry by entry.
        entries = dictionary.sorted { $0.key < $1.key }.map { Entry(name: $0.key, value: $0.value) }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The value of a parameter by its lowercase name.
    subscript(_ lowercaseName: String) -> String? {
        for e in entries where e.name == lowercaseName { return e.value }
        return nil
    }

    /// Sets a parameter, replacing an earlier value of the same name.
    mutating func set(_ name: String, _ value: String) {
        if let i = entries.firstIndex(where: { $0.name == name }) {
            entries[i].value = value
        } else {
            entries.append(Entry(name: name, value: value))
        }
    }

    /// Adds a parameter unless one of that name is there already (the first value wins).
    mutating func addIfAbsent(_ name: String, _ value: @autoclosure () -> String) {
        if self[name] == nil { entries.append(Entry(name: name, value: value())) }
    }

    var dictionary: [String: String] {
        var d = [String: String](minimumCapacity: entries.count)
        for e in entries { d[e.name] = e.value }
        return d
    }
}

extension MIMEParameterList: Hashable {
    /// Equal when they hold the same names and values, in any order (as the dictionaries would be).
    static func == (a: MIMEParameterList, b: MIMEParameterList) -> Bool {
        a.entries.count == b.entries.count && a.entries.allSatisfy { b[$0.name] == $0.value }
    }

    func hash(into hasher: inout Hasher) {
        // Order-independent, as equality is.
        var combined = 0
        for e in entries {
            var h = Hasher()
            h.combine(e.name)
            h.combine(e.value)
            combined ^= h.finalize()
        }
        hasher.combine(entries.count)
        hasher.combine(combined)
    }
}
