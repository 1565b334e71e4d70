#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Folder helpers with POSIX calls, for the Maildir source and the directory outbox.
extension AtomicFile {
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Creates one folder (its parent must exist); an existing one is fine.
    public static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(Failure) {
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw Failure(path: path, operation: "create directory", code: errno)
        }
    }

    /// Removes a file; false when it could not be removed (already gone, or not allowed).
    public static func remove(_ path: String) -> Bool { unlink(path) == 0 }

    /// Entry names in `directory`, without `.`/`..` and (unless `includingHidden`) hidden files
    /// (Maildir and temporary files start with a dot).
    public static func list(_ directory: String, includingHidden: Bool = false) throws(Failure) -> [String] {
        guard let stream = opendir(directory) else { throw Failure(path: directory, operation: "list", code: errno) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            // The name is read in place: `entry.pointee` would copy a whole `dirent`, but glibc's
            // record is only as long as its name, and the last one of a buffer can end a page early
            // (a copy then reads past it: SIGSEGV in a large folder).
            let name = String(
                cString: (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!)
                    .assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." && (includingHidden || !name.hasPrefix(".")) { names.append(name) }
        }
        return names
    }

    /// The folder part of `path`: "." for a bare name, "/" for a file at the root.
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
