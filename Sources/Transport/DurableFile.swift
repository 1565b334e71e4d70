#if canImport(Glibc)
    import Glibc
    private let posixWrite = Glibc.write
    private let posixRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let posixWrite = Darwin.write
    private let posixRead = Darwin.read
#endif

/// Crash-safe file writes with POSIX calls: write a hidden temp file, fsync it, rename it into place,
/// fsync the directory. After `write` returns, the file is complete on disk or absent, never partial.
enum DurableFile {
    /// With `durable: false` the write is still atomic (temp file and rename) but not synced: the
    /// caller flushes a whole batch at once afterwards.
    static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(TransportError) {
        let directory = parent(of: path)
        let name = String(path.dropFirst(directory.count + 1))
        let temporary = "\(directory)/.\(name).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(temporary, "create") }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                posixWrite(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let error = failure(temporary, "write")
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += result
        }
        guard !durable || fsync(descriptor) == 0 else {
            let error = failure(temporary, "fsync")
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let error = failure(path, "rename into place")
            unlink(temporary)
            throw error
        }
        if durable { try syncDirectory(directory) }
    }

    /// Renames and makes the rename durable in both directories.
    /// Renames, then (unless `durable` is false: the caller syncs the folders once for a batch)
    /// makes the rename durable by syncing both folders.
    static func move(_ source: String, to destination: String, durable: Bool = true) throws(TransportError) {
        guard rename(source, destination) == 0 else { throw failure(source, "rename to \(destination)") }
        guard durable else { return }
        try syncDirectory(parent(of: destination))
        let sourceDirectory = parent(of: source)
        if sourceDirectory != parent(of: destination) { try syncDirectory(sourceDirectory) }
    }

    static func syncDirectory(_ directory: String) throws(TransportError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(directory, "open directory") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure(directory, "fsync directory") }
    }

    static func read(_ path: String) throws(TransportError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(path, "read") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(path, "stat") }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var total = 0
        while true {
            if total == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 4096)) }
            let result = bytes.withUnsafeMutableBytes { buffer in
                posixRead(descriptor, buffer.baseAddress! + total, buffer.count - total)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure(path, "read")
            }
            if result == 0 { break }
            total += result
        }
        bytes.removeSubrange(total...)
        return bytes
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    static func makeDirectory(_ path: String) throws(TransportError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw failure(path, "create directory") }
    }

    /// Removes a file; false when it could not be removed (already gone, or not allowed).
    static func remove(_ path: String) -> Bool { unlink(path) == 0 }

    /// Entry names in `directory`, without `.`/`..` and (unless `includingHidden`) hidden files
    /// (Maildir and temp files start with a dot).
    static func list(_ directory: String, includingHidden: Bool = false) throws(TransportError) -> [String] {
        guard let stream = opendir(directory) else { throw failure(directory, "list") }
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

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func failure(_ path: String, _ operation: String) -> TransportError {
        .fileSystem(path: path, operation: operation, detail: String(cString: strerror(errno)))
    }
}
