import Foundation
import Testing

@testable import Community

/// Writing the hub into its folder: only what changed is rewritten, what learnmail did not write
/// is left alone, attachments are copied once.
@Suite struct SiteFolderTests {
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "learnmail-site-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func items(_ n: Int) -> [LearningItem] {
        (1...n).map { i in
            SiteSamples.item(
                i, "Learning number \(i)", area: ["Digital Champions", "Health online", "Devices and data"][i % 3],
                tags: ["tag\(i % 5)"],
                publishedAt: ISO8601UTC.string(from: Date(timeIntervalSince1970: 1_790_000_000 + Double(i) * 3600)))
        }
    }

    @Test func addingOneItemRewritesOnlyThePagesItAppearsOn() throws {
        let root = try Self.temporaryFolder()
        let spool = try Self.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: spool)
        }
        let folder = SiteFolder(path: root)
        FileManager.default.createFile(atPath: root + "/CNAME", contents: Data("learning.example.org\n".utf8))
        let source = { (item: Int, name: String) in spool + "/\(item)-\(name)" }
        var items = Self.items(40)
        let first = try folder.write(SiteRenderer(SiteSamples.content(items)).plan(), attachmentSource: source)
        #expect(first.unchanged == 0 && first.written.count > 50)

        let again = try folder.write(SiteRenderer(SiteSamples.content(items)).plan(), attachmentSource: source)
        #expect(again.written.isEmpty && again.removed.isEmpty)

        // Item 41 is in the area of items 2, 5, 8… and has tag1: the pages that list it change.
        FileManager.default.createFile(atPath: spool + "/41-1-plan.pdf", contents: Data("%PDF".utf8))
        var new = SiteSamples.item(
            41, "The newest learning", area: "Health online", tags: ["tag1"], publishedAt: "2027-01-01T09:00:00Z")
        new.contribution.attachments = [
            AttachmentRecord(filename: "plan.pdf", storedName: "1-plan.pdf", contentType: "application/pdf", size: 4)
        ]
        items.append(new)
        let added = try folder.write(
            SiteRenderer(SiteSamples.content(items, earlierSlugs: folder.earlierSlugs())).plan(),
            attachmentSource: source)
        #expect(
            Set(added.written) == [
                "index.html", "feed.xml", "search.html", "areas/index.html", "areas/health-online.html",
                "areas/health-online.xml", "tags/index.html", "tags/tag1.html", "items/41-the-newest-learning.html",
            ])
        #expect(added.attachmentsCopied == 1)
        #expect(FileManager.default.contents(atPath: root + "/files/41/1-plan.pdf") == Data("%PDF".utf8))
        #expect(FileManager.default.fileExists(atPath: root + "/CNAME"))

        // A tag no item carries any more goes, with its page; the owner's CNAME stays.
        items = items.map {
            var i = $0
            i.contribution.tags = i.contribution.tags.filter { $0 != "tag4" }
            return i
        }
        let pruned = try folder.write(SiteRenderer(SiteSamples.content(items)).plan(), attachmentSource: source)
        #expect(pruned.removed == ["tags/tag4.html"])
        #expect(!FileManager.default.fileExists(atPath: root + "/tags/tag4.html"))
        #expect(FileManager.default.fileExists(atPath: root + "/CNAME"))
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}
