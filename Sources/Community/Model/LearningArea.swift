/// A learning area (`learningAreas` in the config): a theme an item is filed under, chosen by the
/// contributor's `Area:` field or, failing that, by these keywords in the text.
public struct LearningArea: Sendable, Equatable {
    public var name: String
    public var keywords: [String]

    public init(name: String, keywords: [String]) {
        self.name = name
        self.keywords = keywords
    }
}
