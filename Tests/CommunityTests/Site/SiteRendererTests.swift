import Foundation
import Testing

@testable import Community

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct SiteRendererTests {
    static func plan(
        _ items: [LearningItem], baseURL: String? = nil, earlier: [Int: [String]] = [:],
        sets: [SiteLearningSet] = SiteSamples.sets
    ) -> SitePlan {
        SiteRenderer(SiteSamples.content(items, baseURL: baseURL, earlierSlugs: earlier, sets: sets)).plan()
    }

    /// The sample sets plus one whose name and question carry markup, which the hostile item is in.
    static let hostileSets =
        SiteSamples.sets + [SiteLearningSet(name: "Set " + SiteSamples.evil, question: "Q " + SiteSamples.evil)]

    static func text(_ plan: SitePlan, _ path: String) -> String? {
        plan.files.first { $0.path == path }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func theHubHasAPageForEveryItemAreaTagAndSetAndTheFeeds() {
        let plan = Self.plan(SiteSamples.ordinary)
        let paths = Set(plan.files.map(\.path))
        for expected in [
            "index.html", "style.css", "search.js", "search.html", "feed.xml", "areas/index.html",
            "areas/devices-and-data.html", "areas/devices-and-data.xml", "areas/digital-champions.html",
            "areas/health-online.html", "tags/index.html", "tags/tablets.html", "tags/nhs-app.html",
            "sets/index.html", "sets/champions-in-different-settings.html",
            "items/1-tablet-lending-what-six-months-taught-us.html",
            "items/2-cafe-culture-drop-in-sessions-that-work.html",
            "items/3-repeat-prescriptions-first.html",
        ] {
            #expect(paths.contains(expected), "\(expected)")
        }
        #expect(plan.attachments == [SiteAttachmentCopy(item: 3, storedName: "1-plan.pdf", path: "files/3/1-plan.pdf")])
        // Newest first on the home page.
        let home = Self.text(plan, "index.html")!
        let first = home.range(of: "Repeat prescriptions first")!.lowerBound
        #expect(first < home.range(of: "Tablet lending")!.lowerBound)
        #expect(Self.text(plan, "sets/champions-in-different-settings.html")!.contains("Café culture"))
        #expect(!Self.text(plan, "sets/champions-in-different-settings.html")!.contains("Tablet lending"))
    }

    /// Every link and script a page holds leads to a file the build writes: no broken link, and
    /// nothing loaded from elsewhere (`http` links are contributors' own, never `src`).
    @Test func everyLocalLinkResolvesAndNothingIsLoadedFromOutside() {
        let plan = Self.plan(
            SiteSamples.ordinary + [SiteSamples.hostile], earlier: [1: ["old-title"]], sets: Self.hostileSets)
        let targets = Set(plan.files.map(\.path) + plan.attachments.map(\.path))
        for file in plan.files where file.path.hasSuffix(".html") {
            let folder = file.path.split(separator: "/").dropLast().map(String.init)
            for tag in MarkupScan.tags(String(decoding: file.bytes, as: UTF8.self)) {
                if let src = tag.attributes["src"] {
                    #expect(!src.contains(":") && !src.hasPrefix("//"), "\(file.path): \(src) is loaded from outside")
                }
                for key in ["href", "src"] {
                    guard var link = tag.attributes[key], !link.hasPrefix("#") else { continue }
                    if tag.name == "meta" || link.contains(":") { continue }
                    link = String(link.split(separator: "?").first ?? "")
                    var parts = folder
                    for piece in link.split(separator: "/") {
                        if piece == ".." { parts.removeLast() } else { parts.append(String(piece)) }
                    }
                    #expect(targets.contains(parts.joined(separator: "/")), "\(file.path) links to \(link)")
                }
            }
        }
    }

    @Test func markupInEveryFieldIsTextEverywhere() throws {
        let plan = Self.plan(SiteSamples.ordinary + [SiteSamples.hostile], sets: Self.hostileSets)
        #expect(plan.files.contains { $0.path.hasPrefix("sets/set-script-alert-1") })
        let allowedScripts = ["search.html": 2]
        for file in plan.files where file.path.hasSuffix(".html") || file.path.hasSuffix(".xml") {
            let text = String(decoding: file.bytes, as: UTF8.self)
            let tags = MarkupScan.tags(text)
            let scripts = tags.filter { $0.name == "script" }.count
            #expect(scripts == allowedScripts[file.path, default: 0], "\(file.path)")
            for tag in tags {
                #expect(
                    !["img", "svg", "style", "iframe", "object", "b"].contains(tag.name), "\(file.path): <\(tag.name)>")
                for (key, value) in tag.attributes {
                    #expect(!key.hasPrefix("on"), "\(file.path): \(key)=\(value)")
                    let lower = value.lowercased()
                    #expect(!lower.hasPrefix("javascript:") && !lower.hasPrefix("data:"), "\(file.path): \(value)")
                }
            }
        }
        // The hostile item's page shows its title as text.
        let page = try #require(plan.files.first { $0.path.hasPrefix("items/66-") })
        let html = String(decoding: page.bytes, as: UTF8.self)
        #expect(
            html.contains(
                "Title &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        // Its attachments: the HTML one downloads as .bin, the one that names a path is not published.
        #expect(
            plan.attachments.filter { $0.item == 66 }.map(\.path) == [
                "files/66/1-svg-onload-alert-5-.pdf", "files/66/2-page.html.bin",
            ])
        // The search index inside search.html cannot end its script element, and reads back exactly.
        let search = Self.text(plan, "search.html")!
        let start = search.range(of: "<script type=\"application/json\" id=\"search-index\">")!.upperBound
        let json = String(search[start..<search.range(of: "</script>", range: start..<search.endIndex)!.lowerBound])
        #expect(!json.contains("<") && !json.contains(">"))
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        #expect(entries.contains { $0["title"] == "Title " + SiteSamples.evil })
    }

    #if canImport(FoundationXML)
        /// The feeds parse as XML and keep RFC 4287's rules: one id, title and updated for the feed
        /// and each entry, ids unique and permanent, RFC 3339 dates, an alternate link per entry,
        /// content escaped once as `type="html"`.
        @Test(arguments: [nil, "https://learning.example.org/"])
        func atomFeedsFollowRFC4287(baseURL: String?) throws {
            let plan = Self.plan(SiteSamples.ordinary + [SiteSamples.hostile], baseURL: baseURL)
            for file in plan.files where file.path.hasSuffix(".xml") {
                let feed = try AtomReader.read(Data(file.bytes))
                #expect(feed.id != nil && feed.title != nil && feed.updated != nil, "\(file.path)")
                #expect(feed.updated.flatMap(ISO8601UTC.date(from:)) != nil)
                #expect(!feed.entries.isEmpty)
                #expect(Set(feed.entries.map(\.id)).count == feed.entries.count)
                let depth = file.path.split(separator: "/").count - 1
                #expect(feed.selfLink == (baseURL ?? String(repeating: "../", count: depth)) + file.path)
                for entry in feed.entries {
                    #expect(!entry.id.isEmpty && !entry.title.isEmpty && entry.alternate != nil)
                    #expect(
                        ISO8601UTC.date(from: entry.updated) != nil && ISO8601UTC.date(from: entry.published) != nil)
                    #expect(entry.contentType == "html" && !entry.author.isEmpty)
                }
            }
            let hub = try AtomReader.read(Data(plan.files.first { $0.path == "feed.xml" }!.bytes))
            let hostile = try #require(hub.entries.first { $0.title.hasPrefix("Title ") })
            #expect(hostile.title == "Title " + SiteSamples.evil)
            // Once unescaped by the XML reader, the content is HTML in which the markup is text.
            #expect(hostile.content.contains("Body &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!hostile.content.contains("<script"))
            #expect(hostile.id.hasSuffix("items/66"))
        }
    #endif

    @Test func anEditedTitleKeepsTheOldAddressWorking() throws {
        var item = SiteSamples.ordinary[0]
        let before = Self.plan([item])
        #expect(before.slugs[1] == ["tablet-lending-what-six-months-taught-us"])
        item.contribution.title = "Tablet lending after a year"
        let after = Self.plan([item], earlier: before.slugs)
        #expect(after.slugs[1] == ["tablet-lending-what-six-months-taught-us", "tablet-lending-after-a-year"])
        let old = try #require(Self.text(after, "items/1-tablet-lending-what-six-months-taught-us.html"))
        #expect(old.contains("<meta http-equiv=\"refresh\" content=\"0; url=1-tablet-lending-after-a-year.html\">"))
        #expect(
            Self.text(after, "items/1-tablet-lending-after-a-year.html")!.contains(
                "<h1>Tablet lending after a year</h1>"))
    }

    @Test func theSameContentGivesTheSameBytes() {
        let a = Self.plan(SiteSamples.ordinary)
        let b = Self.plan(SiteSamples.ordinary.reversed())
        #expect(a.files == b.files)
    }

    @Test func contributorsAddressesAreNeverPublished() {
        let plan = Self.plan(SiteSamples.ordinary + [SiteSamples.hostile])
        for file in plan.files {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(!text.contains("helen@example.org") && !text.contains("eve@example.org"), "\(file.path)")
        }
    }
}

#if canImport(FoundationXML)
    /// Just enough of an Atom reader for the tests, on Foundation's XMLParser (libxml2).
    final class AtomReader: NSObject, XMLParserDelegate {
        struct Entry {
            var id = "", title = "", updated = "", published = "", author = "", content = "", contentType = ""
            var alternate: String?
        }
        var id: String?, title: String?, updated: String?, selfLink: String?
        var entries: [Entry] = []
        private var path: [String] = []
        private var text = ""
        private var entry: Entry?

        static func read(_ data: Data) throws -> AtomReader {
            let reader = AtomReader()
            let parser = XMLParser(data: data)
            parser.delegate = reader
            guard parser.parse() else {
                throw parser.parserError ?? NSError(domain: "atom", code: 1)
            }
            return reader
        }

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            path.append(name)
            text = ""
            if name == "entry" { entry = Entry() }
            if name == "link" {
                if entry != nil, attributes["rel"] == "alternate" { entry?.alternate = attributes["href"] }
                if entry == nil, attributes["rel"] == "self" { selfLink = attributes["href"] }
            }
            if name == "content" { entry?.contentType = attributes["type"] ?? "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            path.removeLast()
            if var e = entry {
                switch name {
                case "id": e.id = text
                case "title": e.title = text
                case "updated": e.updated = text
                case "published": e.published = text
                case "name": e.author = text
                case "content": e.content = text
                case "entry":
                    entries.append(e)
                    entry = nil
                    return
                default: break
                }
                entry = e
            } else if path.last == "feed" {
                switch name {
                case "id": id = text
                case "title": title = text
                case "updated": updated = text
                default: break
                }
            }
        }
    }
#endif
