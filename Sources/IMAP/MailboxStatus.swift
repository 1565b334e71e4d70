/// What a poll needs to know about a mailbox: the three STATUS items learnmail asks for
/// (`STATUS mailbox (UIDVALIDITY UIDNEXT MESSAGES)`, RFC 3501 §6.3.10).
public struct MailboxStatus: Sendable, Equatable, Codable {
    /// When this differs from the value stored with seen UIDs, every stored UID is void (RFC 3501 §2.3.1.1).
    public var uidValidity: UIDValidity
    /// The UID the next arriving message will get at least; every existing message has a smaller UID.
    public var uidNext: UID
    public var messages: Int

    public init(uidValidity: UIDValidity, uidNext: UID, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }

    /// Nil when the server left out one of the three items.
    public init?(_ response: StatusResponse) {
        guard let validity = response.uidValidity, let next = response.uidNext, let messages = response.messages
        else { return nil }
        self.init(uidValidity: validity, uidNext: next, messages: messages)
    }
}
