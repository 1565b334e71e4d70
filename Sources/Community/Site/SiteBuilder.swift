import DurableFiles
import Foundation

/// What `SiteBuilder.build` made, and where.
public struct SiteBuild: Sendable {
    public var directory: String
    public var items: Int
    public var report: SiteFolder.Report
}

/// The knowledge hub built from the spool: `learnmail site build`, and after each digest when
/// `site.directory` is set. What the pages say is `SiteRenderer`'s; writing them, `SiteFolder`'s.
public struct SiteBuilder: SessionUseCase {
    let session: SpoolSession

    /// Builds (or brings up to date) the hub in `directory` from every published item.
    /// Holds a lock of the site's own, not the spool's: intake and moderation go on meanwhile.
    public func build(into directory: String) throws -> SiteBuild {
        let folder = SiteFolder(path: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // An exclusive lock for the length of the build: two builds of one site never interleave.
        let lockFile = directory + "/.learnmail-site.lock"
        let lock: FileLock
        do {
            lock = try FileLock(lockFile, mode: 0o644)
        } catch {
            throw SiteWriteError(path: lockFile, problem: String(cString: strerror(error.code)))
        }
        defer { lock.release() }
        let items = spool.loadItems().filter { $0.status == .published }
        let content = SiteContent(
            name: config.community.name, address: config.community.address, baseURL: config.site.baseURL,
            timeZone: config.digest.timeZone, items: items, earlierSlugs: folder.earlierSlugs(),
            learningSets: config.learningSets.map {
                SiteLearningSet(name: $0.name, question: $0.question, from: $0.from, to: $0.to)
            })
        let plan = SiteRenderer(content).plan()
        let report = try folder.write(plan) { spool.attachmentPath(item: $0, storedName: $1) }
        return SiteBuild(directory: directory, items: items.count, report: report)
    }

    /// After a digest: the hub gains the week's items. A failure is logged and does not undo
    /// or repeat the digest; the next digest (or `site build`) catches up.
    func publishAfterDigest() {
        guard let directory = config.site.directory else { return }
        do {
            let build = try build(into: directory)
            log("site \(directory): \(build.report.written.count) file(s) written, \(build.report.unchanged) unchanged")
        } catch {
            log("error: the knowledge hub in \(directory) was not updated: \(error)")
        }
    }
}
