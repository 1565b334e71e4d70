/// Where an item and its attachments live in the knowledge hub. Shared by the hub's builder and
/// the digest (which links to the hub when `site.baseURL` is set), so both always agree.
public enum SitePaths {
    /// `items/42-what-six-months-taught-us.html`: the number keeps the address unique, the slug
    /// makes it readable. An edited title makes a new slug; the old address keeps answering.
    public static func item(id: Int, title: String) -> String {
        "items/\(id)-\(SiteSlug.make(TextLayout.displayLine(title))).html"
    }

    public static func item(_ item: LearningItem) -> String { self.item(id: item.id, title: item.contribution.title) }

    /// `files/42/1-plan.pdf`. The stored name is already safe; a type a browser would run or show
    /// as a page from the hub's own origin (HTML, SVG, XML, scripts…) gets `.bin` added, so it
    /// downloads instead. Nil for a name the spool could not have made.
    public static func attachment(item: Int, _ a: AttachmentRecord) -> String? {
        guard AttachmentNaming.isSafeStoredName(a.storedName) else { return nil }
        let parts = a.storedName.split(separator: ".")
        let ext = parts.count > 1 ? parts.last!.lowercased() : ""
        return "files/\(item)/" + (inertExtensions.contains(ext) ? a.storedName : a.storedName + ".bin")
    }

    static let inertExtensions: Set<String> = [
        "pdf", "txt", "csv", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "png",
        "jpg", "jpeg", "gif", "webp", "mp3", "mp4", "m4a", "zip", "epub", "ics", "vcf", "eml",
    ]
}
