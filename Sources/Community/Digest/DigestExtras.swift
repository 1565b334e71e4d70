/// What a digest carries besides the week's items: the facilitator's opening note, the learning
/// sets it opens with, and the knowledge hub it links to. Kept in the digest's record with the
/// template, so every copy (and a copy made after a restart) says the same.
public struct DigestExtras: Sendable, Codable, Equatable {
    public struct LearningSet: Sendable, Codable, Equatable {
        public var name: String
        public var question: String?
        public init(name: String, question: String? = nil) {
            self.name = name
            self.question = question
        }
    }

    /// Shown above everything else, escaped like all user content.
    public var note: String?
    /// The sets the digest opens with, in config order: each with its question and its items.
    public var learningSets: [LearningSet]
    /// `https://learning.example.org/`: item titles and attachments link to the hub.
    public var siteBaseURL: String?

    public init(note: String? = nil, learningSets: [LearningSet] = [], siteBaseURL: String? = nil) {
        self.note = note
        self.learningSets = learningSets
        self.siteBaseURL = siteBaseURL
    }

    public static let none = DigestExtras()
}
