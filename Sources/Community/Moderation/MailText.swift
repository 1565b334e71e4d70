import Foundation

/// The subject and bodies of one message learnmail writes; the engine adds the headers.
public struct MailText: Sendable, Equatable {
    /// A single line: never contains CR, LF or other control characters from user input.
    public var subject: String
    /// text/plain, lines of at most 72 characters (a single word longer than that, such as a
    /// long URL, is left whole rather than broken).
    public var text: String
    public var html: String?

    public init(subject: String, text: String, html: String? = nil) {
        self.subject = TextLayout.singleLine(subject, limit: 200)
        self.text = text
        self.html = html
    }
}
