/// A test could not set up what it needs (a server missing, mail not delivered in time); the text
/// says what and how to fix it.
public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ text: String) { description = text }
}
