import CommunityFakes
import Foundation
import Testing

@testable import Community

@Suite struct SecurityTests {
    // FIPS 180-2 Appendix B.1-B.3 (and the empty string from NIST's examples).
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func sha256Vectors(input: String, hex: String) {
        #expect(SHA256.hexDigest(input) == hex)
    }

    @Test func sha256MillionA() {
        var h = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { h.update(chunk) }
        let hex = h.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [55, 56, 57, 63, 64, 65, 119, 120])
    func sha256PaddingBoundaries(length: Int) {
        // Incremental and one-shot hashing agree around the 56- and 64-byte padding edges.
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var h = SHA256()
        for b in bytes { h.update([b]) }
        #expect(h.finalize() == SHA256.hash(bytes))
    }

    @Test func tokensAre128BitBase32AndDistinct() {
        var rng = SplitMix64(seed: 42)
        var seen = Set<String>()
        var bitCounts = [Int](repeating: 0, count: 128)
        for _ in 0..<2000 {
            let token = ModerationToken.generate(using: &rng)
            #expect(token.text.count == 26)
            #expect(token.text.allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
            #expect(ModerationToken(token.text) == token)
            seen.insert(token.text)
            let bytes = Base32.decode(token.text)!
            for bit in 0..<128 where bytes[bit / 8] & (0x80 >> UInt8(bit % 8)) != 0 { bitCounts[bit] += 1 }
        }
        #expect(seen.count == 2000)
        // Every one of the 128 bits varies: each is set in roughly half of the tokens.
        #expect(bitCounts.allSatisfy { (850...1150).contains($0) })
    }

    @Test func systemGeneratorWorks() {
        var rng = SystemRandomNumberGenerator()
        let a = ModerationToken.generate(using: &rng)
        let b = ModerationToken.generate(using: &rng)
        #expect(a != b)
    }

    @Test(arguments: [
        "", "abc", "aaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaa1",
        "aaaaaaaaaaaaaaaaaaaaaaaaab",  // non-zero padding bits: not a canonical 128-bit token
        "aaaaaaaaaaaaaaaaaaaaaaaa a",
    ])
    func malformedTokensRejected(text: String) {
        #expect(ModerationToken(text) == nil)
    }

    @Test func tokenStoredOnlyAsHashAndNotLogged() throws {
        var rng = SplitMix64(seed: 7)
        let token = ModerationToken.generate(using: &rng)
        let record = token.record(
            itemId: 42, moderator: "Facilitator@Example.org", issuedAt: Date(timeIntervalSince1970: 0))
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        #expect(!json.contains(token.text))
        #expect(json.contains(token.sha256Hex))
        #expect(record.moderator == "facilitator@example.org")
        #expect(record.expiresAt == Date(timeIntervalSince1970: 30 * 86_400))
        #expect(!token.description.contains(token.text))
    }

    @Test(arguments: [
        ([UInt8]([1, 2, 3]), [UInt8]([1, 2, 3]), true), ([1, 2, 3], [1, 2, 4], false), ([1, 2, 3], [1, 2], false),
        ([], [], true), ([0], [], false), ([0, 0], [0], false),
    ])
    func constantTimeEquality(a: [UInt8], b: [UInt8], equal: Bool) {
        #expect(ConstantTime.equal(a, b) == equal)
    }

    @Test func constantTimeCompareDoesNotShortCircuit() {
        // Timing: a mismatch in the first byte and one in the last take about the same time.
        let a = [UInt8](repeating: 7, count: 1 << 16)
        var early = a
        early[0] = 8
        var late = a
        late[late.count - 1] = 8
        func time(_ b: [UInt8]) -> UInt64 {
            var best = UInt64.max
            for _ in 0..<15 {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = ConstantTime.equal(a, b)
                best = min(best, DispatchTime.now().uptimeNanoseconds - start)
            }
            return best
        }
        let tEarly = Double(time(early))
        let tLate = Double(time(late))
        #expect(tEarly > tLate / 4 && tEarly < tLate * 4, "early \(tEarly) ns, late \(tLate) ns")
    }

    static let t0 = Date(timeIntervalSince1970: 1_795_425_300)

    @Test func tokenCheckCoversItemModeratorAndExpiry() {
        var rng = SplitMix64(seed: 1)
        let mine = ModerationToken.generate(using: &rng)
        let other = ModerationToken.generate(using: &rng)
        let records = [
            mine.record(itemId: 42, moderator: "fac@example.org", issuedAt: Self.t0),
            other.record(itemId: 43, moderator: "fac@example.org", issuedAt: Self.t0),
        ]
        let day: TimeInterval = 86_400
        #expect(
            ModerationTokenRecord.check(mine, records: records, itemId: 42, moderator: "FAC@example.org", now: Self.t0)
                == .valid)
        #expect(
            ModerationTokenRecord.check(other, records: records, itemId: 42, moderator: "fac@example.org", now: Self.t0)
                == .otherItem(43))
        #expect(
            ModerationTokenRecord.check(mine, records: records, itemId: 42, moderator: "eve@example.org", now: Self.t0)
                == .otherModerator)
        #expect(
            ModerationTokenRecord.check(
                mine, records: records, itemId: 42, moderator: "fac@example.org", now: Self.t0 + 29 * day) == .valid)
        #expect(
            ModerationTokenRecord.check(
                mine, records: records, itemId: 42, moderator: "fac@example.org", now: Self.t0 + 30 * day)
                == .expired(Self.t0 + 30 * day))
        let stranger = ModerationToken.generate(using: &rng)
        #expect(
            ModerationTokenRecord.check(
                stranger, records: records, itemId: 42, moderator: "fac@example.org", now: Self.t0) == .unknown)
        #expect(ModerationTokenRecord.itemId(for: other, in: records) == 43)
    }

    @Test(arguments: [
        ("Re: [learnmail #42 tok:TOKEN] New: Tablets", nil as String?, 42 as Int?, true),
        ("AW: AW: [learnmail #7 tok:TOKEN]", nil, 7, true),
        ("Re: Tablets", "learning+mod-TOKEN@example.org", nil, true),
        ("Re: [learnmail #42 tok:TOKEN] x", "learning+mod-TOKEN@example.org", 42, true),
        ("Re: [learnmail #42 tok:TOKENx] x", nil, nil, false),
        ("Re: [learnmail #42] x", "learning@example.org", nil, false),
    ])
    func tokenPlacementParsing(subject: String, address: String?, itemId: Int?, found: Bool) {
        var rng = SplitMix64(seed: 3)
        let token = ModerationToken.generate(using: &rng)
        let s = subject.replacingOccurrences(of: "TOKEN", with: token.text)
        let a = address.map { [$0.replacingOccurrences(of: "TOKEN", with: token.text)] } ?? []
        let ref = ModerationToken.find(subject: s, addresses: a)
        #expect((ref != nil) == found)
        if found {
            #expect(ref?.token == token)
            #expect(ref?.itemId == itemId)
        }
    }

    @Test func placementRoundTrip() {
        var rng = SplitMix64(seed: 9)
        let token = ModerationToken.generate(using: &rng)
        #expect(token.subjectTag(itemId: 42) == "[learnmail #42 tok:\(token.text)]")
        #expect(token.replyAddress(community: "learning@example.org") == "learning+mod-\(token.text)@example.org")
        #expect(ModerationToken.parsePlusAddress(token.replyAddress(community: "Learning@Example.org")) == token)
        #expect(ModerationToken.parseSubject("Re: " + token.subjectTag(itemId: 42))?.itemId == 42)
    }

    @Test(arguments: [
        "Tablets\r\nBcc: victim@example.org", "Tablets\nX-Injected: yes", "Tablets\rTo: a@b", "Tab\u{2028}lets",
        "Tablets\u{0}\u{1B}[31m", "Tablets\u{85}Bcc: x",
    ])
    func subjectsNeverCarryLineBreaks(title: String) {
        let item = LearningItem(
            id: 1, contribution: Contribution(title: title, contributor: Person(address: "a@example.org")),
            receivedAt: Self.t0)
        var rng = SplitMix64(seed: 5)
        let token = ModerationToken.generate(using: &rng)
        let policy = ModerationDesk.Policy(moderators: ["fac@example.org"])
        let subjects = [
            ModerationTexts.notification(item: item, token: token, policy: policy, authentication: "none").subject,
            ContributorTexts.acknowledgement(item: item, communityName: "C\r\nX: y").subject,
            ContributorTexts.published(item: item, communityName: "C").subject,
            ContributorTexts.declined(item: item, reason: "no\r\nBcc: x", communityName: "C").subject,
            ContributorTexts.heldForReview(item: item, communityName: "C").subject,
            MailText(subject: title, text: "").subject,
        ]
        for subject in subjects {
            #expect(
                !subject.unicodeScalars.contains {
                    $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x85 || $0.value == 0x2028
                })
        }
    }

    @Test(arguments: [
        (
            [
                "mx.example.org; dkim=pass header.d=example.org header.s=s1; spf=pass smtp.mailfrom=example.org; dmarc=pass (p=none) header.from=example.org"
            ], true
        ),
        (["mx.example.org; dkim=pass header.d=example.org"], true),
        (["mx.example.org 1; dkim=pass (2048-bit key) header.i=@example.org"], true),
        (["mx.example.org; dkim=pass header.d=evil.example; dmarc=fail header.from=example.org"], false),
        (["evil.example; dmarc=pass header.from=example.org"], false),
        (["mx.example.org; spf=pass smtp.mailfrom=example.org"], false),
        (["mx.example.org; dmarc=pass header.from=other.org"], false),
        ([], false),
        (["mx.example.org (comment; with semicolon); dmarc=pass header.from=example.org"], true),
    ])
    func authenticationResults(fields: [String], pass: Bool) {
        let verdict = AuthenticationResults.verify(
            fields, trustedAuthservId: "MX.example.org", fromDomain: "example.org")
        #expect(verdict.passed == pass, "\(verdict)")
    }

    @Test func hostileInputsAreBoundedAndSafe() {
        let start = Date()
        let junk = String(repeating: "((\"\\;=tok:[#", count: 20_000)
        _ = AuthenticationResults.parse(junk)
        _ = AuthenticationResults.verify([junk, ";;;;", "", "x; dmarc"], trustedAuthservId: "x", fromDomain: "y")
        #expect(
            ModerationToken.find(subject: junk + String(repeating: "tok:", count: 50_000), addresses: [junk]) == nil)
        let body = String(repeating: "approve\n", count: 50_000) + String(repeating: "> x\n", count: 50_000)
        #expect(ModerationReply.parse(body).commands.count == ModerationReply.maxCommands)
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
