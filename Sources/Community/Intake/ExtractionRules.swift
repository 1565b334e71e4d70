/// The pieces of the configuration that extraction needs (DESIGN "Interfaces": `partners`,
/// `learningAreas`), kept small so that `learnmail extract` and tests can build one directly.
public struct ExtractionRules: Sendable, Equatable {
    public var partners: [Partner]
    public var learningAreas: [LearningArea]
    /// The area when neither a field nor a keyword decides.
    public var defaultArea: String
    /// The longest summary taken from the body.
    public var summaryLimit: Int

    public init(
        partners: [Partner] = [], learningAreas: [LearningArea] = [], defaultArea: String = "General",
        summaryLimit: Int = 280
    ) {
        self.partners = partners
        self.learningAreas = learningAreas
        self.defaultArea = defaultArea
        self.summaryLimit = summaryLimit
    }

    /// The partner organisation for a mail domain: exact or a subdomain of a partner domain
    /// (`mail.examplehousing.org.uk` belongs to `examplehousing.org.uk`).
    public func organisation(forDomain domain: String) -> String? {
        let d = domain.lowercased()
        for partner in partners where partner.domains.contains(where: { d == $0 || d.hasSuffix("." + $0) }) {
            return partner.organisation
        }
        return nil
    }
}

extension ExtractionRules {
    /// The rules of a loaded configuration.
    public init(_ config: Config) {
        self.init(partners: config.partners, learningAreas: config.learningAreas)
    }
}
