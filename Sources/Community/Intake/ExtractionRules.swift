/// The pieces of the configuration that extraction needs (DESIGN "Interfaces": `partners`,
/// `learningAreas`), kept small so that `learnmail extract` and tests can build one directly.
public struct ExtractionRules: Sendable, Equatable {
    public struct Partner: Sendable, Equatable {
        public var organisation: String
        /// Mail domains, lowercased; subdomains match too.
        public var domains: [String]
        public init(organisation: String, domains: [String]) {
            self.organisation = organisation
            self.domains = domains.map { $0.lowercased() }
        }
    }

    public struct Area: Sendable, Equatable {
        public var name: String
        public var keywords: [String]
        public init(name: String, keywords: [String]) {
            self.name = name
            self.keywords = keywords
        }
    }

    public var partners: [Partner]
    public var learningAreas: [Area]
    /// The area when neither a field nor a keyword decides.
    public var defaultArea: String
    /// The longest summary taken from the body.
    public var summaryLimit: Int

    public init(
        partners: [Partner] = [], learningAreas: [Area] = [], defaultArea: String = "General", summaryLimit: Int = 280
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
        self.init(
            partners: config.partners.map { Partner(organisation: $0.organisation, domains: $0.domains) },
            learningAreas: config.learningAreas.map { Area(name: $0.name, keywords: $0.keywords) })
    }
}
