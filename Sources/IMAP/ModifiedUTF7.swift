/// Mailbox-name encoding of RFC 3501 §5.1.3 ("modified UTF-7"): printable ASCII stands for itself, `&` is
/// `&-`, and other text is UTF-16 in modified base64 (`,` for `/`) between `&` and `-`.
public enum ModifiedUTF7 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    public static func encode(_ name: String) -> String {
        var output: [UInt8] = []
        var pending: [UInt16] = []

        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending {
                bytes.append(UInt8(unit >> 8))
                bytes.append(UInt8(unit & 0xFF))
            }
            output.append(UInt8(ascii: "&"))
            var index = 0
            while index < bytes.count {
                let chunk = Array(bytes[index..<Swift.min(index + 3, bytes.count)])
                let b0 = chunk[0]
                let b1 = chunk.count > 1 ? chunk[1] : 0
                let b2 = chunk.count > 2 ? chunk[2] : 0
                output.append(alphabet[Int(b0 >> 2)])
                output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
                if chunk.count > 1 { output.append(alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)]) }
                if chunk.count > 2 { output.append(alphabet[Int(b2 & 0x3F)]) }
                index += 3
            }
            output.append(UInt8(ascii: "-"))
            pending.removeAll()
        }

        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                output.append(UInt8(scalar.value))
                if scalar == "&" { output.append(UInt8(ascii: "-")) }
            } else {
                pending.append(contentsOf: String(scalar).utf16)
            }
        }
        flush()
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes a name as sent by a server; malformed runs are kept as they are.
    public static func decode(_ name: String) -> String {
        let bytes = Array(name.utf8)
        var result = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"), let end = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "-")) else {
                result.unicodeScalars.append(Unicode.Scalar(byte))
                index += 1
                continue
            }
            if end == index + 1 {
                result.append("&")
            } else if let decoded = decodeRun(bytes[(index + 1)..<end]) {
                result.append(decoded)
            } else {
                result.append(String(decoding: bytes[index...end], as: UTF8.self))
            }
            index = end + 1
        }
        return result
    }

    static func decodeRun(_ run: ArraySlice<UInt8>) -> String? {
        var bits: UInt32 = 0
        var count = 0
        var octets: [UInt8] = []
        for byte in run {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                octets.append(UInt8((bits >> UInt32(count)) & 0xFF))
            }
        }
        guard octets.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        for pair in stride(from: 0, to: octets.count, by: 2) {
            units.append(UInt16(octets[pair]) << 8 | UInt16(octets[pair + 1]))
        }
        return String(decoding: units, as: UTF16.self)
    }
}
