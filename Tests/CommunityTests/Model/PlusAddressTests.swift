import CommunityFakes
import Testing

@testable import Community

/// One set of subaddress rules for every tag: the moderation and preview Reply-To, the list's
/// confirm/unsubscribe/bounce addresses and VERP.
@Suite struct PlusAddressTests {
    @Test(arguments: [
        ("learning@example.org", "mod-abc", "learning+mod-abc@example.org"),
        // The case of the address as given stays (the list lowercases its address itself).
        ("Learning@Example.org", "bounces", "Learning+bounces@Example.org"),
        // A tag there already is replaced, never stacked.
        ("learning+list@example.org", "confirm-t", "learning+confirm-t@example.org"),
        ("learning+a+b@example.org", "x", "learning+x@example.org"),
        // The last "@" splits off the domain.
        ("odd@local@example.org", "x", "odd@local+x@example.org"),
        // A quoted local part keeps its quotes around the tag.
        ("\"learning team\"@example.org", "x", "\"learning team+x\"@example.org"),
        ("\"learning+old\"@example.org", "x", "\"learning+x\"@example.org"),
        // No "@", or nothing to add: unchanged.
        ("learning", "x", "learning"),
        ("learning@example.org", "", "learning@example.org"),
    ])
    func building(_ address: String, _ tag: String, _ expected: String) {
        #expect(PlusAddress.make(address, tag: tag) == expected)
    }

    @Test(arguments: [
        ("learning+mod-abc@example.org", PlusAddress(base: "learning", tag: "mod-abc", domain: "example.org")),
        ("Learning+MOD-ABC@Example.ORG", PlusAddress(base: "learning", tag: "mod-abc", domain: "example.org")),
        // The first "+" separates: the rest, "+" included, is the tag.
        ("learning+a+b@example.org", PlusAddress(base: "learning", tag: "a+b", domain: "example.org")),
        ("learning@example.org", nil),
        ("learning+@example.org", nil),
        ("\"learning+mod-abc\"@example.org", nil),
        ("learning+mod-abc", nil),
    ])
    func reading(_ address: String, _ expected: PlusAddress?) {
        #expect(PlusAddress(address) == expected)
    }

    @Test(arguments: [
        ("learning+bounce-abc@example.org", "learning@example.org", "bounce-abc"),
        ("LEARNING+Unsubscribe@EXAMPLE.ORG", "learning@example.org", "unsubscribe"),
        // The community's own tag is not part of its base.
        ("learning+confirm-t@example.org", "learning+list@example.org", "confirm-t"),
        ("learning+bounce-abc@evil.example", "learning@example.org", nil),
        ("other+bounce-abc@example.org", "learning@example.org", nil),
        ("learningx+bounce-abc@example.org", "learning@example.org", nil),
        ("learning@example.org", "learning@example.org", nil),
        ("learning+@example.org", "learning@example.org", nil),
    ])
    func tagsUnderTheCommunityAddress(_ address: String, _ community: String, _ expected: String?) {
        #expect(PlusAddress.tag(of: address, under: community) == expected)
        #expect(ListIdentity(name: "", address: community, listId: "").tag(of: address) == expected)
    }

    @Test(arguments: [
        ("learning+mod-abc@example.org", "mod", "abc"),
        // Any base and domain: a reply may come back through an alias.
        ("alias+preview-abc@elsewhere.example", "preview", "abc"),
        ("learning+preview-abc@example.org", "mod", nil),
        ("learning+modx-abc@example.org", "mod", nil),
        ("learning+x+mod-abc@example.org", "mod", nil),
    ])
    func markedValues(_ address: String, _ marker: String, _ expected: String?) {
        #expect(PlusAddress.value(of: address, marker: marker) == expected)
    }

    /// What every builder writes, its reader reads back.
    @Test(arguments: ["learning@example.org", "Learning@Example.org", "learning+list@example.org"])
    func roundTrips(_ community: String) {
        var generator = SplitMix64(seed: 7)
        let token = ModerationToken.generate(using: &generator)
        #expect(ModerationToken.parsePlusAddress(token.replyAddress(community: community)) == token)
        #expect(
            DigestPreviewToken.find(
                subject: nil, addresses: [DigestPreviewToken.replyAddress(token, community: community)]) == token)
        let list = ListIdentity(name: "", address: community, listId: "")
        for tag in ["bounces", "unsubscribe", "confirm-\(token.text)", "bounce-abcdefgh"] {
            #expect(list.tag(of: list.address(tag: tag)) == tag)
        }
    }
}
