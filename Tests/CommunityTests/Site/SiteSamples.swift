import Foundation

@testable import Community

/// Published items for the hub's tests: ordinary ones and one with markup in every field.
enum SiteSamples {
    static let zone = TimeZone(identifier: "Europe/London")!
    static let sets = [
        SiteLearningSet(
            name: "Champions in different settings", question: "What makes the champion role work?",
            from: "2026-11-02", to: "2027-01-29")
    ]

    static func item(
        _ id: Int, _ title: String, area: String = "Digital Champions", tags: [String] = [], set: String? = nil,
        body: String = "What we learned, in a few paragraphs.\n\nA second paragraph.",
        files: [AttachmentRecord] = [], publishedAt: String = "2026-11-23T09:00:00Z"
    ) -> LearningItem {
        let published = ISO8601UTC.date(from: publishedAt)!
        return LearningItem(
            id: id, status: .published,
            contribution: Contribution(
                title: title, contributor: Person(name: "Helen Price", address: "helen@example.org"),
                organisation: "Example Housing", learningArea: area, tags: tags, summary: "", body: body,
                links: ["https://www.example.org/guide"], attachments: files),
            receivedAt: published.addingTimeInterval(-86_400 * 3),
            history: [HistoryEntry(at: published, action: "published", by: "learnmail", note: "digest 2026-W48")],
            digestWeek: "2026-W48", learningSet: set)
    }

    /// `<script>` and `onerror=` in every field a contributor (or a config) can fill.
    static let evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"
    static var hostile: LearningItem {
        LearningItem(
            id: 66, status: .published,
            contribution: Contribution(
                title: "Title " + evil, contributor: Person(name: "Eve " + evil, address: "eve@example.org"),
                organisation: "Org " + evil, learningArea: "Area " + evil, tags: ["tag" + evil, "<b>bold</b>"],
                summary: "Summary " + evil, body: "Body " + evil + "\n\n</p><style>body{display:none}</style>",
                links: [
                    "javascript:alert(3)", "https://example.org/?q=\"><script>alert(4)</script>", "data:text/html,x",
                ],
                attachments: [
                    AttachmentRecord(
                        filename: "<svg onload=alert(5)>.pdf", storedName: "1-svg-onload-alert-5-.pdf",
                        contentType: "application/pdf", size: 10),
                    AttachmentRecord(
                        filename: "page.html", storedName: "2-page.html", contentType: "text/html", size: 10),
                    AttachmentRecord(
                        filename: "escape", storedName: "../../etc/passwd", contentType: "text/plain", size: 10),
                ],
                forwardedFrom: Person(name: "Fwd " + evil, address: "f@example.org")),
            receivedAt: ISO8601UTC.date(from: "2026-11-20T10:00:00Z")!,
            history: [
                HistoryEntry(
                    at: ISO8601UTC.date(from: "2026-11-23T09:00:00Z")!, action: "published", by: "learnmail", note: nil)
            ],
            digestWeek: "2026-W48", learningSet: "Set " + evil)
    }

    static func content(
        _ items: [LearningItem], baseURL: String? = nil, earlierSlugs: [Int: [String]] = [:],
        sets: [SiteLearningSet] = sets
    ) -> SiteContent {
        SiteContent(
            name: "One Digital", address: "learning@example.org", baseURL: baseURL, timeZone: zone, items: items,
            earlierSlugs: earlierSlugs, learningSets: sets)
    }

    static let ordinary: [LearningItem] = [
        item(1, "Tablet lending: what six months taught us", area: "Devices and data", tags: ["tablets", "loans"]),
        item(2, "Café culture: drop-in sessions that work", tags: ["drop-in"], set: "Champions in different settings"),
        item(
            3, "Repeat prescriptions first", area: "Health online", tags: ["nhs app", "tablets"],
            files: [
                AttachmentRecord(
                    filename: "plan.pdf", storedName: "1-plan.pdf", contentType: "application/pdf", size: 4)
            ],
            publishedAt: "2026-11-30T09:00:00Z"),
    ]
}

/// The tags of an HTML or XML text, as (name, attributes) — enough to check what markup a page
/// holds without a browser: `<a href="x" download>` → ("a", ["href": "x", "download": ""]).
enum MarkupScan {
    static func tags(_ text: String) -> [(name: String, attributes: [String: String])] {
        var out: [(String, [String: String])] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "<", i + 1 < scalars.count, scalars[i + 1].properties.isAlphabetic else {
                i += 1
                continue
            }
            var j = i + 1
            var name = ""
            while j < scalars.count, scalars[j].properties.isAlphabetic || ("0"..."9").contains(scalars[j]) {
                name.unicodeScalars.append(scalars[j])
                j += 1
            }
            var attributes: [String: String] = [:]
            while j < scalars.count, scalars[j] != ">" {
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\n" || scalars[j] == "/" { j += 1 }
                var key = ""
                while j < scalars.count, !" =>/\n".unicodeScalars.contains(scalars[j]) {
                    key.unicodeScalars.append(scalars[j])
                    j += 1
                }
                var value = ""
                if j < scalars.count, scalars[j] == "=" {
                    j += 1
                    let quote = scalars[j]
                    if quote == "\"" || quote == "'" {
                        j += 1
                        while j < scalars.count, scalars[j] != quote {
                            value.unicodeScalars.append(scalars[j])
                            j += 1
                        }
                        j += 1
                    } else {
                        while j < scalars.count, scalars[j] != " ", scalars[j] != ">" {
                            value.unicodeScalars.append(scalars[j])
                            j += 1
                        }
                    }
                }
                if !key.isEmpty { attributes[key.lowercased()] = value }
            }
            out.append((name.lowercased(), attributes))
            i = j
        }
        return out
    }
}
