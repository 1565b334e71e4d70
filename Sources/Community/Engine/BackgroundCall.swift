import Dispatch

/// Runs one blocking call on another thread while the caller goes on, and hands its result back
/// in `wait()`. The outbox uses it to make the next batch of copies while the sink waits for the
/// server. Sound only because the caller touches nothing the call uses until `wait()` returns
/// (hence `@unchecked`): the call owns the sink for that time, the caller owns everything else.
final class BackgroundCall<Value>: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let body: () throws -> Value
    private var outcome: Result<Value, any Error>?

    init(_ body: @escaping () throws -> Value) {
        self.body = body
        DispatchQueue.global(qos: .userInitiated).async { self.run() }
    }

    private func run() {
        outcome = Result { try body() }
        finished.signal()
    }

    /// Blocks until the call is done; rethrows what it threw.
    func wait() throws -> Value {
        finished.wait()
        return try outcome!.get()
    }
}
