/// A subaddress (RFC 5233 §2): `local+tag@domain`, the one place its rules live. The community
/// mailbox receives every `learning+…@example.org` (Postfix `recipient_delimiter = +`), so each
/// kind of mail learnmail wants answered carries a tag there: moderation replies (`mod-<token>`),
/// digest previews (`preview-<token>`), confirmations (`confirm-<token>`), unsubscribing
/// (`unsubscribe`, `unsubscribe-<token>`), bounces (`bounces`, `bounce-<token>`).
///
/// The rules, the same for every tag:
/// - the separator is `+`, and the tag is everything after the first `+` of the local part (the
///   rest of the local part is the base: the mailbox the MTA delivers to);
/// - building from an address that has a tag already replaces that tag (`learning+list@x` gives
///   `learning+mod-…@x`): one tag per address, so that reading it back gives what was built;
/// - building keeps the case of the address as given; reading lowercases, and base and domain
///   compare case-insensitively (tokens are lowercase; RFC 5321 lets servers fold local parts);
/// - a quoted local part (`"a b"@x`) reads as carrying no tag, and a tag built on one goes inside
///   the quotes (`"a b+tag"@x`), keeping it one valid quoted string;
/// - no `@`, or an empty tag: no subaddress (building returns the address unchanged).
public struct PlusAddress: Sendable, Equatable {
    /// The local part before its first `+`.
    public var base: String
    /// What follows that `+`, never empty.
    public var tag: String
    /// What follows the last `@`.
    public var domain: String

    public init(base: String, tag: String, domain: String) {
        self.base = base
        self.tag = tag
        self.domain = domain
    }

    /// Reads `address` (lowercased); nil when it carries no tag.
    public init?(_ address: String) {
        let lower = address.lowercased()
        guard let at = lower.lastIndex(of: "@") else { return nil }
        let local = lower[..<at]
        guard local.first != "\"", let plus = local.firstIndex(of: "+") else { return nil }
        let tag = local[local.index(after: plus)...]
        guard !tag.isEmpty else { return nil }
        base = String(local[..<plus])
        self.tag = String(tag)
        domain = String(lower[lower.index(after: at)...])
    }

    /// `address` with `tag` as its subaddress: `learning@example.org` → `learning+TAG@example.org`.
    public static func make(_ address: String, tag: String) -> String {
        guard !tag.isEmpty, let at = address.lastIndex(of: "@") else { return address }
        let local = address[..<at]
        let domainPart = address[at...]
        if local.count >= 2, local.first == "\"", local.last == "\"" {
            let inner = local.dropFirst().dropLast()
            let base = inner.firstIndex(of: "+").map { inner[..<$0] } ?? inner
            return "\"\(base)+\(tag)\"\(domainPart)"
        }
        let base = local.firstIndex(of: "+").map { local[..<$0] } ?? local
        return "\(base)+\(tag)\(domainPart)"
    }

    /// The tag of `address` when it is a subaddress of `community` (the same base and domain,
    /// ignoring case): `learning+bounce-abc@example.org` → `bounce-abc`. Nil for anyone else's.
    public static func tag(of address: String, under community: String) -> String? {
        guard let found = PlusAddress(address) else { return nil }
        let lower = community.lowercased()
        guard let at = lower.lastIndex(of: "@"), found.domain == lower[lower.index(after: at)...] else { return nil }
        let local = lower[..<at]
        let base = local.firstIndex(of: "+").map { local[..<$0] } ?? local
        return found.base == base ? found.tag : nil
    }

    /// The token after `marker-` in the tag (`mod-<token>` → `<token>`), whatever the base and
    /// domain (a reply may come back through an alias); nil when the tag has another marker.
    public static func value(of address: String, marker: String) -> String? {
        guard let tag = PlusAddress(address)?.tag, tag.hasPrefix(marker + "-") else { return nil }
        return String(tag.dropFirst(marker.count + 1))
    }
}
