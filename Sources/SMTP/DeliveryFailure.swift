/// Why one recipient was not delivered: the server's reply, or why there was none.
public enum DeliveryFailure: Sendable, Hashable, CustomStringConvertible {
    /// The server refused (4xx or 5xx) the recipient, the sender, the message or the session.
    case refused(Reply)
    /// No reply for this recipient: the server could not be reached, the connection broke, or the
    /// message was not tried (the server asked to slow down before it). Temporary.
    case unanswered(String)
    /// Never handed to the server because it cannot be sent as it is (an address with a line
    /// break). Permanent: sending it again cannot help.
    case unsendable(String)

    /// The server's reply, when there was one.
    public var reply: Reply? {
        if case .refused(let reply) = self { return reply }
        return nil
    }

    /// True when retrying cannot help: a 5xx reply, or an envelope that cannot be sent.
    public var isPermanent: Bool {
        switch self {
        case .refused(let reply): reply.isPermanent
        case .unanswered: false
        case .unsendable: true
        }
    }

    /// One line, as the outbox keeps a recipient's last answer and logs it: the reply
    /// (`550 5.1.1 User unknown`), or `0 TEXT` where no server replied (code 0: "no answer").
    public var description: String {
        switch self {
        case .refused(let reply): reply.description
        case .unanswered(let text), .unsendable(let text): "0 " + text
        }
    }
}
