/// RFC 4180 records from text, as spreadsheets export them: `,` (or `;` when the first line uses
/// it and no comma), fields optionally in double quotes with `""` for a quote, quoted fields that
/// span lines, CRLF or LF line ends, a UTF-8 byte order mark. Lenient: a stray quote inside an
/// unquoted field is kept as text, an unclosed quote runs to the end of the input.
struct CSVReader {
    struct Record: Equatable {
        /// 1-based number of the physical line the record starts on.
        var line: Int
        var fields: [String]
        var isBlank: Bool { fields.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
    }

    static func records(_ text: String) -> [Record] {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let separator = detectSeparator(bytes)
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var i = 0
        var quoted = false  // inside a quoted field
        var wasQuoted = false

        func endField() {
            let value = String(decoding: field, as: UTF8.self)
            fields.append(wasQuoted ? value : String(Substring(value).trimmingWhitespaceSlice()))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 0x22 where field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }):
                field.removeAll()
                quoted = true
                wasQuoted = true
            case separator:
                endField()
            case 0x0D, 0x0A:
                endField()
                records.append(Record(line: recordLine, fields: fields))
                fields.removeAll()
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                line += 1
                recordLine = line
            default:
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted {
            endField()
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }

    /// `;` when the first line has semicolons and no commas (European spreadsheet exports).
    private static func detectSeparator(_ bytes: [UInt8]) -> UInt8 {
        let firstLine = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
        return !firstLine.contains(0x2C) && firstLine.contains(0x3B) ? 0x3B : 0x2C
    }
}
