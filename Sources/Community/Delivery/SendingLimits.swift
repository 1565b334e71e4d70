/// What the submission server allows one sender (`sender.limits` in the config): messages a
/// minute and recipients a day. Either may be absent (no limit of that kind).
///
/// A provider preset (the OAuth `microsoft` or `google` sign-in) gives defaults; what the config
/// says wins, key by key (`filling(from:)`).
public struct SendingLimits: Sendable, Equatable {
    public var messagesPerMinute: Int?
    public var recipientsPerDay: Int?

    public init(messagesPerMinute: Int? = nil, recipientsPerDay: Int? = nil) {
        self.messagesPerMinute = messagesPerMinute
        self.recipientsPerDay = recipientsPerDay
    }

    public static let none = SendingLimits()

    public var isEmpty: Bool { messagesPerMinute == nil && recipientsPerDay == nil }

    /// The provider's published figures: Exchange Online takes 30 messages a minute and 10,000
    /// recipients a day per mailbox; Google Workspace about 2,000 messages a day (a digest copy
    /// is one message to one recipient, so its budget is counted in recipients here).
    public static func preset(provider: String) -> SendingLimits? {
        guard let preset = OAuthProviderPreset.named(provider) else { return nil }
        // learnmail counts recipients: a day's message limit is kept by counting every message's
        // recipients against it (each message has at least one).
        let perDay = preset.recipientsPerDay ?? preset.messagesPerDay
        guard preset.messagesPerMinute != nil || perDay != nil else { return nil }
        return SendingLimits(messagesPerMinute: preset.messagesPerMinute, recipientsPerDay: perDay)
    }

    /// These limits, with each key the config left out taken from `defaults`.
    public func filling(from defaults: SendingLimits?) -> SendingLimits {
        SendingLimits(
            messagesPerMinute: messagesPerMinute ?? defaults?.messagesPerMinute,
            recipientsPerDay: recipientsPerDay ?? defaults?.recipientsPerDay)
    }
}
