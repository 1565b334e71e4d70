import Foundation
import Testing

@testable import MIME

/// The 432 header vectors of mail-parser/headers/*.json, each fed through our header-block parser (as
/// `X: value`, so that a line that is not a continuation ends the value as it would in a message) and
/// the structured parser for its kind. Target: at least 97% over all vectors.
struct HeaderVectorTests {
    static let kinds = ["address", "content_type", "date", "id", "list", "received", "unstructured"]

    /// The unfolded raw value as the header-block parser sees it.
    static func rawValue(_ header: String) -> [UInt8] {
        var text = "X:" + header
        if !text.hasSuffix("\n") { text += "\n" }
        text += "\n"
        let bytes = Array(text.utf8)
        let (list, _) = bytes.withUnsafeBufferPointer { HeaderList.parse($0, source: bytes, from: 0, to: bytes.count) }
        return list.count > 0 ? list.rawValue(at: 0) : []
    }

    @Test(.enabled(if: CorpusSupport.available, CorpusSupport.skipNote)) func headerVectors() {
        let base = CorpusSupport.root.appendingPathComponent("mail-parser/headers")
        var rows = [CorpusSupport.Tally]()
        for kind in Self.kinds {
            var tally = CorpusSupport.Tally(name: kind)
            let vectors = (CorpusSupport.json(base.appendingPathComponent("\(kind).json")) as? [[String: Any]]) ?? []
            for v in vectors {
                guard let header = v["header"] as? String else { continue }
                let expected = v["expected"] ?? NSNull()
                let (ok, ours) = Self.check(kind, Self.rawValue(header), expected)
                tally.score(
                    ok,
                    "\(header.debugDescription.prefix(160)) expected \(ConformanceCorpusTests.short(expected)) got \(ours)"
                )
            }
            rows.append(tally)
        }
        CorpusSupport.printTable("mail-parser header vectors (mail-parser/headers/*.json)", rows)
        let total = rows.reduce(into: (0, 0)) {
            $0.0 += $1.compared
            $0.1 += $1.matched
        }
        #expect(total.0 == 432)
        #expect(Double(total.1) >= 0.97 * Double(total.0), "header vectors below 97%: \(total.1)/\(total.0)")
    }

    static func check(_ kind: String, _ raw: [UInt8], _ expected: Any) -> (Bool, String) {
        switch kind {
        case "address": return checkAddress(raw, expected)
        case "content_type": return checkContentType(raw, expected)
        case "date":
            let ours = MessageDate(parsing: EncodedWord.decodeUnstructured(raw))
            return (ours?.iso8601 == isoDate(expected), ours?.iso8601 ?? "nil")
        case "id":
            let ours = AddressParser.parseIDs(raw)
            let want = (expected as? [String]) ?? []
            return (ours == want, "\(ours)")
        case "list":
            let ours = HeaderValues.commaList(raw)
            return (ours == (expected as? [String] ?? []), "\(ours)")
        case "unstructured":
            let ours = CorpusSupport.normalise(EncodedWord.decodeUnstructured(raw, separateWords: true))
            return (ours == CorpusSupport.normalise(expected as? String), ours ?? "nil")
        case "received":
            return checkReceived(raw, expected)
        default:
            return (false, "unknown kind")
        }
    }

    static func isoDate(_ v: Any) -> String? {
        guard let dt = v as? [String: Any] else { return nil }
        let i = { (k: String) in (dt[k] as? Int) ?? 0 }
        let before = (dt["tz_before_gmt"] as? Bool) ?? false
        let off = (i("tz_hour") * 3600 + i("tz_minute") * 60) * (before ? -1 : 1)
        return MessageDate(
            year: i("year"), month: i("month"), day: i("day"), hour: i("hour"), minute: i("minute"),
            second: i("second"), offsetSeconds: off)?.iso8601
    }

    static func checkAddress(_ raw: [UInt8], _ expected: Any) -> (Bool, String) {
        var want = [(String?, String)]()
        func add(_ list: [[String: Any]]) {
            for a in list { want.append((a["name"] as? String, ((a["address"] as? String) ?? "").lowercased())) }
        }
        if let e = expected as? [String: Any] {
            if let list = e["List"] as? [[String: Any]] { add(list) }
            if let groups = e["Group"] as? [[String: Any]] {
                for g in groups { add((g["addresses"] as? [[String: Any]]) ?? []) }
            }
        }
        let ours = AddressParser.parseList(raw)
        let ok =
            ours.count == want.count
            && zip(ours, want).allSatisfy { o, w in
                // Its display names absorb comments ("John (my dear friend)"); ours, like RFC 5322
                // section 3.2.2, do not: such names are listed in Fixtures/CONFORMANCE-DIFFERENCES.md, not scored.
                o.address == w.1
                    && (w.0?.contains("(") == true || CorpusSupport.normalise(o.name) == CorpusSupport.normalise(w.0))
            }
        return (ok, "\(ours.map { "\($0.name ?? "nil") <\($0.address)>" })")
    }

    static func checkContentType(_ raw: [UInt8], _ expected: Any) -> (Bool, String) {
        let parsed = MIMEParameters.parse(raw, wantsSubtype: true)
        var ourType: String?
        var ourSub: String?
        if let value = parsed?.value {
            let pieces = value.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            ourType = pieces.first.map(String.init)
            ourSub = pieces.count > 1 && !pieces[1].isEmpty ? String(pieces[1]) : nil
            if ourType?.isEmpty ?? true {
                ourType = nil
                ourSub = nil
            }
        }
        let ourParams = ourType == nil ? [:] : (parsed?.parameters ?? [:])
        let e = expected as? [String: Any]
        let wantType = (e?["c_type"] as? String)?.lowercased()
        let wantSub = (e?["c_subtype"] as? String)?.lowercased()
        var wantParams = [String: String]()
        for pair in (e?["attributes"] as? [[String]]) ?? [] where pair.count == 2 && !pair[0].hasSuffix("-language") {
            wantParams[pair[0].lowercased()] = pair[1]
        }
        let ok = ourType == wantType && ourSub == wantSub && ourParams == wantParams
        return (ok, "\(ourType ?? "nil")/\(ourSub ?? "nil") \(ourParams)")
    }

    static func checkReceived(_ raw: [UInt8], _ expected: Any) -> (Bool, String) {
        let ours = ReceivedHeader(raw: raw)
        var dict = [String: String]()
        func host(_ h: ReceivedHeader.Host?) -> String? {
            switch h {
            case .name(let n)?: return "Name:" + n
            case .ip(let ip)?: return "IpAddr:" + ip
            case nil: return nil
            }
        }
        if let r = ours {
            dict["from"] = host(r.from)
            dict["from_ip"] = r.fromIP
            dict["from_iprev"] = r.fromReverseName
            dict["by"] = host(r.by)
            dict["for_"] = r.forAddress
            dict["with"] = r.with
            dict["tls_version"] = r.tlsVersion
            dict["tls_cipher"] = r.tlsCipher
            dict["id"] = r.id
            dict["ident"] = r.ident
            dict["helo"] = host(r.helo)
            dict["helo_cmd"] = r.heloCommand
            dict["via"] = r.via
            dict["date"] = r.date?.iso8601
        }
        var want = [String: String]()
        for (k, v) in (expected as? [String: Any]) ?? [:] {
            if let s = v as? String {
                want[k] = s
            } else if let h = v as? [String: Any],
                let (kind, name) = h.first(where: { $0.key == "Name" || $0.key == "IpAddr" })
            {
                want[k] = "\(kind):\(name)"
            } else if k == "date" {
                want[k] = isoDate(v)
                // Its date reader fills fields in order, so asctime order yields month 13 or second 211:
                // not a date, so not a value to compare against (see Fixtures/CONFORMANCE-DIFFERENCES.md).
                if want[k] == nil && !(v is NSNull) { dict["date"] = nil }
            }
        }
        return (dict == want, "\(dict.sorted { $0.key < $1.key })")
    }
}
