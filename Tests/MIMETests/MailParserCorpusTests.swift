import Foundation
import Testing

@testable import MIME

/// Compares our parse of mail-parser's `eml/*/*.eml` with its own `NNN.json` on the fields that matter:
/// subject, from, date, first text body, attachment names and decoded sizes. Target: at least 97%.
///
/// Deliberate differences, applied to its side before comparing (see Fixtures/CONFORMANCE-DIFFERENCES.md): its
/// attachment list also holds inline parts without a filename (images in multipart/related, later inline
/// text parts); we keep only the parts our contract calls attachments. Its sizes of text parts are of
/// its UTF-8 re-encoding, so text attachments are compared by name only. An HTML-only first text body
/// is converted by each side's own HTML-to-text and not scored.
struct MailParserCorpusTests {
    static let folders = ["rfc", "thirdparty", "malformed"]

    @Test(.enabled(if: CorpusSupport.available, CorpusSupport.skipNote)) func mailParserCorpus() {
        let base = CorpusSupport.root.appendingPathComponent("mail-parser/eml")
        var rows = [CorpusSupport.Tally]()
        for folder in Self.folders {
            var tally = CorpusSupport.Tally(name: folder)
            for jsonURL in CorpusSupport.files(in: base.appendingPathComponent(folder), suffix: ".json") {
                guard let doc = CorpusSupport.json(jsonURL) as? [String: Any] else { continue }
                let emlURL = jsonURL.deletingPathExtension().appendingPathExtension("eml")
                let name = "\(folder)/\(emlURL.lastPathComponent)"
                let m = Message(CorpusSupport.bytes(emlURL))
                Self.compare(doc, m, name, &tally)
            }
            rows.append(tally)
        }
        CorpusSupport.printTable("mail-parser corpus (mail-parser/eml/*/*.json)", rows)
        let total = rows.reduce(into: (0, 0)) {
            $0.0 += $1.compared
            $0.1 += $1.matched
        }
        #expect(total.0 > 150)
        #expect(Double(total.1) >= 0.97 * Double(total.0), "mail-parser below 97%: \(total.1)/\(total.0)")
    }

    static func header(_ part: [String: Any], _ name: String) -> Any? {
        ((part["headers"] as? [[String: Any]]) ?? []).first { ($0["name"] as? String) == name }?["value"]
    }

    static func compare(_ doc: [String: Any], _ m: Message, _ name: String, _ tally: inout CorpusSupport.Tally) {
        guard let parts = doc["parts"] as? [[String: Any]], let top = parts.first else { return }
        // subject
        let subject = (header(top, "subject") as? [String: Any])?["Text"] as? String
        let ourSubject = CorpusSupport.normalise(m.subject)
        tally.score(
            CorpusSupport.normalise(subject) == ourSubject,
            "\(name) subject: \(subject ?? "nil") vs \(ourSubject ?? "nil")")
        // from (addresses; a name-only mailbox has an empty address)
        let fromList =
            (((header(top, "from") as? [String: Any])?["Address"] as? [String: Any])?["List"]
                as? [[String: Any]]) ?? []
        let theirFrom = fromList.map { (($0["address"] as? String) ?? "").lowercased() }
        let ourFrom = m.from.map(\.address)
        tally.score(theirFrom == ourFrom, "\(name) from: \(theirFrom) vs \(ourFrom)")
        // date
        var theirDate: String?
        if let dt = (header(top, "date") as? [String: Any])?["DateTime"] as? [String: Int] {
            let off = (dt["tz_hour"]! * 3600 + dt["tz_minute"]! * 60) * ((dt["tz_before_gmt"] ?? 0) != 0 ? -1 : 1)
            theirDate =
                MessageDate(
                    year: dt["year"]!, month: dt["month"]!, day: dt["day"]!, hour: dt["hour"]!,
                    minute: dt["minute"]!, second: dt["second"]!, offsetSeconds: off)?.iso8601
        } else if let dt = (header(top, "date") as? [String: Any])?["DateTime"] as? [String: Any] {
            let i = { (k: String) in (dt[k] as? Int) ?? 0 }
            let before = (dt["tz_before_gmt"] as? Bool) ?? false
            let off = (i("tz_hour") * 3600 + i("tz_minute") * 60) * (before ? -1 : 1)
            theirDate =
                MessageDate(
                    year: i("year"), month: i("month"), day: i("day"), hour: i("hour"), minute: i("minute"),
                    second: i("second"), offsetSeconds: off)?.iso8601
        }
        tally.score(theirDate == m.date?.iso8601, "\(name) date: \(theirDate ?? "nil") vs \(m.date?.iso8601 ?? "nil")")
        // first text body
        if let first = (doc["text_body"] as? [Int])?.first, first < parts.count,
            let body = parts[first]["body"] as? [String: Any], let text = body["Text"] as? String
        {
            let theirs = CorpusSupport.normalise(text) ?? ""
            let ours = CorpusSupport.normalise(m.textBody) ?? ""
            tally.score(theirs == ours, "\(name) textBody: \(theirs.prefix(200)) vs \(ours.prefix(200))")
        }
        // attachments: (name, size) multiset under our contract's definition
        let bodyIndexes = Set(
            [(doc["text_body"] as? [Int])?.first, (doc["html_body"] as? [Int])?.first].compactMap { $0 })
        var theirs = [(String?, Int?)]()
        for i in (doc["attachments"] as? [Int]) ?? [] where i < parts.count {
            let part = parts[i]
            let disposition = (header(part, "content_disposition") as? [String: Any])?["ContentType"] as? [String: Any]
            let ctype = (header(part, "content_type") as? [String: Any])?["ContentType"] as? [String: Any]
            func attr(_ d: [String: Any]?, _ n: String) -> String? {
                ((d?["attributes"] as? [[String: Any]]) ?? []).first { ($0["name"] as? String) == n }?["value"]
                    as? String
            }
            let filename = attr(disposition, "filename") ?? attr(ctype, "name")
            let isAttachment = (disposition?["c_type"] as? String)?.lowercased() == "attachment"
            guard filename != nil || isAttachment, !bodyIndexes.contains(i) else { continue }
            var size: Int?
            if let body = part["body"] as? [String: Any] {
                if let b = body["Binary"] as? [Any] { size = b.count }
                if let b = body["InlineBinary"] as? [Any] { size = b.count }
            }
            theirs.append((filename, size))
        }
        let ours = m.attachments.map { ($0.filename, $0.size, $0.contentType) }
        var remaining = theirs
        var ok = ours.count == theirs.count
        if ok {
            for (n, size, type) in ours {
                guard
                    let k = remaining.firstIndex(where: { t in
                        t.0 == n && (t.1 == nil || t.1 == size || type.hasPrefix("message/") || type.hasPrefix("text/"))
                    })
                else {
                    ok = false
                    break
                }
                remaining.remove(at: k)
            }
        }
        tally.score(
            ok,
            "\(name) attachments: \(theirs.map { "\($0.0 ?? "nil"):\($0.1 ?? -1)" }) vs \(ours.map { "\($0.0 ?? "nil"):\($0.1)" })"
        )
    }
}
