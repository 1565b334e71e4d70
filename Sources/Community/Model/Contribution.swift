/// A contribution as extracted from a partner's mail: the `learnmail extract --json` object
/// `{"title", "contributor", "organisation", "learningArea", "tags", "summary", "body",
///   "links", "attachments", "messageId", "forwardedFrom"}` (absent values written as null).
public struct Contribution: Codable, Sendable, Equatable {
    public var title: String
    public var contributor: Person
    public var organisation: String?
    public var learningArea: String
    public var tags: [String]
    public var summary: String
    public var body: String
    public var links: [String]
    public var attachments: [AttachmentRecord]
    /// The mail's Message-ID without angle brackets.
    public var messageId: String?
    /// The original author when the partner forwarded someone else's message.
    public var forwardedFrom: Person?

    public init(
        title: String, contributor: Person, organisation: String? = nil, learningArea: String = "General",
        tags: [String] = [], summary: String = "", body: String = "", links: [String] = [],
        attachments: [AttachmentRecord] = [], messageId: String? = nil, forwardedFrom: Person? = nil
    ) {
        self.title = title
        self.contributor = contributor
        self.organisation = organisation
        self.learningArea = learningArea
        self.tags = tags
        self.summary = summary
        self.body = body
        self.links = links
        self.attachments = attachments
        self.messageId = messageId
        self.forwardedFrom = forwardedFrom
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, contributor, organisation, learningArea, tags, summary, body, links, attachments, messageId,
            forwardedFrom
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        contributor = try c.decode(Person.self, forKey: .contributor)
        organisation = try c.decodeIfPresent(String.self, forKey: .organisation)
        learningArea = try c.decodeIfPresent(String.self, forKey: .learningArea) ?? "General"
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        summary = try c.decodeIfPresent(String.self, forKey: .summary) ?? ""
        body = try c.decodeIfPresent(String.self, forKey: .body) ?? ""
        links = try c.decodeIfPresent([String].self, forKey: .links) ?? []
        attachments = try c.decodeIfPresent([AttachmentRecord].self, forKey: .attachments) ?? []
        messageId = try c.decodeIfPresent(String.self, forKey: .messageId)
        forwardedFrom = try c.decodeIfPresent(Person.self, forKey: .forwardedFrom)
    }

    /// Writes every key (null when absent) so that consumers see one stable shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(contributor, forKey: .contributor)
        try c.encode(organisation, forKey: .organisation)
        try c.encode(learningArea, forKey: .learningArea)
        try c.encode(tags, forKey: .tags)
        try c.encode(summary, forKey: .summary)
        try c.encode(body, forKey: .body)
        try c.encode(links, forKey: .links)
        try c.encode(attachments, forKey: .attachments)
        try c.encode(messageId, forKey: .messageId)
        try c.encode(forwardedFrom, forKey: .forwardedFrom)
    }
}
