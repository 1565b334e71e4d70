import CommunityFakes
import Testing

@testable import Community

@Suite struct DigestPreviewReplyTests {
    @Test(
        arguments: [
            (
                "hold 42\nnote\nWelcome back, all.\nSee you Thursday.\nend\n\n> the preview", [42],
                "Welcome back, all.\nSee you Thursday.", nil
            ),
            ("hold 42, 43\n", [42, 43], nil, nil),
            ("Hold #7.\n", [7], nil, nil),
            ("note\nJust this.\n\nOn Sun, 6 Dec 2026 at 10:00, Learning wrote:\n> quoted", [], "Just this.", nil),
            ("note\nTo the end of the commands", [], "To the end of the commands", nil),
            ("hold forty-two\n", [], nil, "hold forty-two"),
            ("Thanks, looks good!\nhold 42\n", [], nil, nil),
            ("> hold 42\n", [], nil, nil),
            (
                "\n\nnote\n  Indented <b>markup</b> stays text  \nend\nhold 5\n", [5],
                "Indented <b>markup</b> stays text", nil
            ),
        ] as [(String, [Int], String?, String?)])
    func replies(body: String, holds: [Int], note: String?, malformed: String?) {
        let reply = DigestPreviewReply.parse(body)
        #expect(reply.holds == holds)
        #expect(reply.note == note)
        #expect(reply.malformed == malformed)
    }

    @Test func theTokenIsFoundByItsOwnTagAndAddressOnly() {
        var generator = SplitMix64(seed: 3)
        let token = ModerationToken.generate(using: &generator)
        let tag = DigestPreviewToken.subjectTag(week: "2026-W50", token: token)
        #expect(DigestPreviewToken.find(subject: "Re: \(tag) Preview: digest", addresses: []) == token)
        let address = DigestPreviewToken.replyAddress(token, community: "learning@example.org")
        #expect(address == "learning+preview-\(token.text)@example.org")
        #expect(DigestPreviewToken.find(subject: "Re: anything", addresses: [address]) == token)
        // An item's notification token is not a preview's.
        #expect(DigestPreviewToken.find(subject: "Re: " + token.subjectTag(itemId: 4), addresses: []) == nil)
        #expect(DigestPreviewToken.mentionsPreview("Re: [learnmail digest 2026-W50] Preview"))
    }
}
