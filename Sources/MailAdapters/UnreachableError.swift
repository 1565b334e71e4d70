/// A server could not be reached: exit status 3. Thrown by the SMTP sink when nothing was accepted
/// and the server could not be reached, so that the outbox keeps everything queued untouched.
public struct UnreachableError: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
