import DurableFiles
import Foundation

/// Writes a `SitePlan` into the site's folder, touching only what changed: a file whose bytes are
/// already there is left alone, so adding one item rewrites the pages it appears on and nothing
/// else. A manifest (`.learnmail-site.json`) lists what learnmail wrote and each item's slugs:
/// files it did not write (a `CNAME`, a logo) are never removed. Each file is written beside its place and renamed into
/// it, so a web server never serves half a page.
public struct SiteFolder {
    public let path: String

    public init(path: String) { self.path = path }

    public struct Manifest: Codable, Sendable, Equatable {
        public var files: [String] = []
        /// Item number (as text: JSON keys) → every slug its page has had.
        public var slugs: [String: [String]] = [:]
    }

    public struct Report: Sendable, Equatable {
        public var written: [String] = []
        public var unchanged = 0
        public var removed: [String] = []
        public var attachmentsCopied = 0
        public var missingAttachments: [String] = []
    }

    static let manifestName = ".learnmail-site.json"

    /// The manifest of the last build, or an empty one (then every file is compared anew).
    public func manifest() -> Manifest {
        guard let data = FileManager.default.contents(atPath: path + "/" + Self.manifestName),
            let m = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return Manifest() }
        return m
    }

    /// Earlier slugs in the renderer's terms.
    public func earlierSlugs() -> [Int: [String]] {
        var out: [Int: [String]] = [:]
        for (key, slugs) in manifest().slugs {
            if let id = Int(key) { out[id] = slugs.filter { SiteSlug.make($0) == $0 } }
        }
        return out
    }

    /// Writes the plan; `attachmentSource` gives the spool path of an item's stored attachment.
    public func write(_ plan: SitePlan, attachmentSource: (Int, String) -> String) throws -> Report {
        let fm = FileManager.default
        try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        let old = manifest()
        var new = Manifest()
        var written: Set<String> = []
        var report = Report()
        for file in plan.files {
            written.insert(file.path)
            let target = path + "/" + file.path
            if Self.size(of: target) == file.bytes.count, let now = fm.contents(atPath: target),
                Self.same(now, file.bytes)
            {
                report.unchanged += 1
                continue
            }
            try put(file.bytes, at: file.path)
            report.written.append(file.path)
        }
        for copy in plan.attachments {
            let target = path + "/" + copy.path
            let source = attachmentSource(copy.item, copy.storedName)
            guard let size = Self.size(of: source) else {
                report.missingAttachments.append(copy.path)
                continue
            }
            written.insert(copy.path)
            if Self.size(of: target) == size { continue }
            guard let bytes = fm.contents(atPath: source) else {
                report.missingAttachments.append(copy.path)
                continue
            }
            try put(Array(bytes), at: copy.path)
            report.attachmentsCopied += 1
        }
        new.files = written.sorted()
        for stale in old.files where !written.contains(stale) {
            if (try? fm.removeItem(atPath: path + "/" + stale)) != nil { report.removed.append(stale) }
        }
        for (id, slugs) in plan.slugs { new.slugs[String(id)] = slugs }
        // Slugs of items no longer published are kept: if the item comes back, so do its addresses.
        for (id, slugs) in old.slugs where new.slugs[id] == nil { new.slugs[id] = slugs }
        if new != old {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try put(Array(try encoder.encode(new)), at: Self.manifestName)
        }
        return report
    }

    /// Writes `bytes` to `relative` through a temporary file in the same folder and a rename.
    func put(_ bytes: [UInt8], at relative: String) throws {
        let target = path + "/" + relative
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Atomic but not synced: the hub is rebuilt from the spool whenever it is lost. 0666 less the
        // umask, as a web server must read it.
        do {
            try AtomicFile.write(bytes, to: target, durable: false, mode: 0o666)
        } catch {
            throw SiteWriteError(path: target, problem: String(cString: strerror(error.code)))
        }
    }

    /// Byte for byte, with memcmp (Data's element-wise comparison took a tenth of a rebuild).
    static func same(_ data: Data, _ bytes: [UInt8]) -> Bool {
        data.count == bytes.count
            && data.withUnsafeBytes { a in
                bytes.withUnsafeBytes { b in memcmp(a.baseAddress!, b.baseAddress!, bytes.count) == 0 }
            }
    }

    static func size(of path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }
}

public struct SiteWriteError: Error, CustomStringConvertible {
    public var path: String
    public var problem: String
    public var description: String { "cannot write the site file \(path): \(problem)" }
}
