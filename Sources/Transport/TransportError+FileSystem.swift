import DurableFiles

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension TransportError {
    /// A DurableFiles failure in this module's words: `.fileSystem` with the same path, step and
    /// system error text ("cannot OPERATION PATH: reason").
    init(_ failure: AtomicFile.Failure) {
        self = .fileSystem(
            path: failure.path, operation: failure.operation, detail: String(cString: strerror(failure.code)))
    }

    /// Runs file-system steps of DurableFiles (the Maildir source, the directory outbox), their
    /// failure thrown as `.fileSystem`.
    /// (The closure is untyped: Swift does not infer a closure's typed throws yet; every call
    /// inside throws `AtomicFile.Failure` only.)
    static func fromFiles<T>(_ body: () throws -> T) throws(TransportError) -> T {
        do {
            return try body()
        } catch let failure as AtomicFile.Failure {
            throw TransportError(failure)
        } catch {
            throw .fileSystem(path: "", operation: "use the file system", detail: "\(error)")
        }
    }
}
