/// Where a learning item stands. `approved` and `rejected` are decisions (final);
/// `published` is set once the item went out in a digest.
public enum ItemStatus: String, Codable, Sendable, CaseIterable {
    case pending, approved, rejected, held, published

    /// True once a moderator decided (approve or reject) or the item was published.
    public var isDecided: Bool {
        switch self {
        case .approved, .rejected, .published: return true
        case .pending, .held: return false
        }
    }
}
