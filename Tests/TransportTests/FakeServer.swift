import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A scripted line-based TCP server on 127.0.0.1 for error-path tests (in-process, one thread).
///
/// It sends `greeting`, then for each received line calls `respond`, which returns the lines to answer.
/// After a `354` reply it collects message data up to the lone `.` and calls `respond("<DATA>")`.
/// `respond` returning nil closes the connection; a greeting of nil never says anything (stall test).
final class FakeServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let greeting: String?
    private let respond: @Sendable (String) -> [String]?
    private let lock = NSLock()
    private var received: [String] = []

    init(greeting: String?, respond: @escaping @Sendable (String) -> [String]?) throws {
        self.greeting = greeting
        self.respond = respond
        let (socket, port) = try FakeServer.listen()
        listener = socket
        self.port = port
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Every line the client sent, in order.
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Wakes the accept loop, which then closes the socket itself: closing it here could let the loop
    /// accept on a reused descriptor number that belongs to another test's server.
    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private var stopped = false

    /// A port that nothing listens on (bound, then closed).
    static func closedPort() throws -> UInt16 {
        let (socket, port) = try listen()
        close(socket)
        return port
    }

    private static func listen() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && Glibc.listen(fd, 8) == 0
                    && getsockname(fd, pointer, &length) == 0
            }
        }
        guard fd >= 0, bound else { throw POSIXError(.EADDRINUSE) }
        return (fd, UInt16(bigEndian: address.sin_port))
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            lock.lock()
            let done = stopped
            lock.unlock()
            guard connection >= 0, !done else {
                if connection >= 0 { close(connection) }
                close(listener)
                return
            }
            // One thread per connection: a client may open a new connection before closing the old one.
            Thread { [self] in
                handle(connection)
                close(connection)
            }.start()
        }
    }

    private func handle(_ connection: Int32) {
        func send(_ lines: [String]) {
            let text = lines.map { $0 + "\r\n" }.joined()
            _ = text.withCString { Glibc.send(connection, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        }
        guard let greeting else {
            var byte: UInt8 = 0
            _ = recv(connection, &byte, 1, 0)  // stall until the client gives up
            return
        }
        send([greeting])
        var buffer: [UInt8] = []
        var inData = false
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return }
            buffer += chunk[0..<count]
            while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = String(decoding: buffer[..<newline], as: UTF8.self)
                if line.hasSuffix("\r") { line.removeLast() }
                buffer.removeSubrange(...newline)
                if inData {
                    guard line == "." else { continue }
                    inData = false
                    line = "<DATA>"
                }
                lock.lock()
                received.append(line)
                lock.unlock()
                guard let reply = respond(line) else { return }
                send(reply)
                if reply.last?.hasPrefix("354") == true { inData = true }
            }
        }
    }
}
