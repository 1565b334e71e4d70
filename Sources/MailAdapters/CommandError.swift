/// An error the message explains (bad input, unknown item): exit status 1. In this module because
/// the adapters throw it too (a Maildir message gone, a revoked sign-in) and the CLI tells it apart.
public struct CommandError: Error, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
