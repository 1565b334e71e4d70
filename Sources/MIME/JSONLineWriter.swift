/// A minimal JSON writer for one-line output with a fixed key order (JSONEncoder's order is not
/// stable on Linux): `parse --json` here, `subscribers list --json` in Community.
public struct JSONLineWriter {
    public private(set) var output = ""
    private var needsComma = false

    public init() {}

    public mutating func open() {
        comma()
        output += "{"
        needsComma = false
    }

    public mutating func close() {
        output += "}"
        needsComma = true
    }

    public mutating func key(_ k: String) {
        comma()
        output += "\"\(k)\":"
        needsComma = false
    }

    public mutating func key(_ k: String, string: String?) {
        key(k)
        value(string)
    }

    public mutating func key(_ k: String, int: Int) {
        key(k)
        output += String(int)
        needsComma = true
    }

    public mutating func key(_ k: String, bool: Bool) {
        key(k)
        output += bool ? "true" : "false"
        needsComma = true
    }

    public mutating func key(_ k: String, strings: [String]) {
        key(k)
        array(strings) { w, s in w.value(s) }
    }

    public mutating func key(_ k: String, addresses: [MailAddress]) {
        key(k)
        array(addresses) { w, a in
            w.open()
            w.key("name", string: a.name)
            w.key("address", string: a.address)
            w.close()
        }
    }

    public mutating func array<T>(_ items: [T], _ each: (inout JSONLineWriter, T) -> Void) {
        output += "["
        needsComma = false
        for item in items { each(&self, item) }
        output += "]"
        needsComma = true
    }

    public mutating func value(_ s: String?) {
        comma()
        guard let s else {
            output += "null"
            needsComma = true
            return
        }
        output += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
        needsComma = true
    }

    private mutating func comma() {
        if needsComma { output += "," }
    }
}
