/// Who may contribute (DESIGN "Interfaces": `contributors` is `partners` or `anyone`).
public struct SenderPolicy: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        case moderator
        case partner(organisation: String)
        /// Allowed because the policy is `anyone`.
        case anyone
        /// Not allowed to contribute directly: held for the facilitator.
        case hold(reason: String)

        public var isAllowed: Bool { if case .hold = self { return false } else { return true } }
    }

    /// True when anyone may contribute; false for `partners` (partner domains and moderators only).
    public var anyoneMayContribute: Bool
    public var rules: ExtractionRules
    public var moderators: [String]

    public init(anyoneMayContribute: Bool, rules: ExtractionRules, moderators: [String]) {
        self.anyoneMayContribute = anyoneMayContribute
        self.rules = rules
        self.moderators = moderators.map { $0.lowercased() }
    }

    public init(_ config: Config) {
        self.init(
            anyoneMayContribute: config.contributors == .anyone, rules: ExtractionRules(config),
            moderators: config.moderators)
    }

    /// Decides for the From address of a message (lowercased addr-spec).
    public func decide(_ address: String) -> Decision {
        let a = address.lowercased()
        if moderators.contains(a) { return .moderator }
        let domain = a.split(separator: "@").count == 2 ? String(a.split(separator: "@")[1]) : ""
        if !domain.isEmpty, let organisation = rules.organisation(forDomain: domain) {
            return .partner(organisation: organisation)
        }
        if anyoneMayContribute, !domain.isEmpty { return .anyone }
        return .hold(reason: domain.isEmpty ? "the sender has no usable address" : "\(domain) is not a partner domain")
    }
}
