/// A partner organisation (`partners` in the config): its people may contribute (under
/// `contributors: "partners"`), and their contributions are credited to it by mail domain.
public struct Partner: Sendable, Equatable {
    public var organisation: String
    /// Mail domains, lowercased; subdomains match too.
    public var domains: [String]

    public init(organisation: String, domains: [String]) {
        self.organisation = organisation
        self.domains = domains.map { $0.lowercased() }
    }
}
