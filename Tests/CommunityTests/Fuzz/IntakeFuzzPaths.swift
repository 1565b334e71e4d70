// The pure paths the `intake` and `command` fuzz targets drive, shared by the libFuzzer build
// (`scripts/fuzz` compiles this file with Sources/Community and Sources/MIME as one module and
// -D LEARNMAIL_FUZZ, so there is no `Community` to import) and by `FuzzRegressionTests`, which replays every kept input
// through exactly the same calls.
import Foundation

#if !LEARNMAIL_FUZZ
    @testable import Community
    import CommunityFakes
    import MIME
#endif

enum IntakeFuzzPaths {
    static let community = "learning@example.org"
    static let moderator = "fac@example.org"
    static let rules = ExtractionRules(
        partners: [
            .init(organisation: "Example Housing", domains: ["examplehousing.org.uk"]),
            .init(organisation: "İstanbul Ⱥrts", domains: ["ıstanbul.example", "xn--stanbul-9rb.example"]),
        ],
        learningAreas: [
            .init(name: "Digital Champions", keywords: ["champion", "volunteers", "Straße", "İnternet"]),
            .init(name: "Online Safety", keywords: ["scam", "ﬁshing", "e\u{301}"]),
        ])
    static let list = ListIdentity(name: "Learning", address: community, listId: "learning.example.org")
    static let policy = ModerationDesk.Policy(
        moderators: [moderator], learningAreas: rules.learningAreas.map(\.name), communityName: "Learning")
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    /// The token every fuzzed moderation is checked against, so that commands reach the desk.
    static let token: ModerationToken = {
        // The same seed for every input: the same input always takes the same path.
        var generator = SplitMix64(seed: 11)
        return ModerationToken.generate(using: &generator)
    }()

    /// Raw bytes → `Message` → everything `Intake.process` reads from it (Intake+Process.swift),
    /// in its order, without the spool: subscription requests, classification (bounces read as
    /// `handleBounce` does, with VERP), moderation tokens, replies and the desk that applies them,
    /// sender policy, extraction (body cleaning, fields, links, area, summary, attachments), the
    /// duplicate digest and the mails made from it.
    static func intake(_ bytes: [UInt8]) {
        let message = Message(bytes)
        let sender = (message.from.first ?? message.sender)?.address ?? ""
        _ = SubscriptionRequest.detect(
            from: sender, recipients: message.deliveryRecipients, subject: message.subject, body: message.textBody,
            communityAddress: community)
        _ = SubscriptionRequest.detect(in: message, communityAddress: community)
        _ = message.isAutomatedOrBulk
        if let automated = AutomatedMail.classify(message) { _ = automated.reason }
        for bounce in BounceReader.readAll(message) { _ = (bounce.recipient, bounce.kind, bounce.diagnostic) }
        _ = VERP.token(inRecipients: message.deliveryRecipients, list: list)
        let extraction = ContributionExtractor.extract(message, rules: rules)
        let contribution = extraction.contribution
        var desk = ModerationDesk(
            item: item(contribution),
            tokens: [token.record(itemId: 1, moderator: moderator, issuedAt: now)], policy: policy)
        let reference = ModerationToken.find(in: message)
        _ = ModerationToken.itemNumber(inSubject: message.subject ?? "")
        let reply = ModerationReply.parse(message)
        let outcome = desk.apply(
            reply.commands, by: moderator, token: reference?.token ?? token, at: now,
            authenticationResults: message.headers.all("Authentication-Results"), malformed: reply.malformed)
        _ = ModerationTexts.confirmation(
            outcome, item: desk.item, policy: policy, token: token, malformed: reply.malformed)
        let authentication = AuthenticationResults.summary(
            message.headers.all("Authentication-Results"), trustedAuthservId: "mx.example.org")
        _ = AuthenticationResults.verify(
            message.headers.all("Authentication-Results"), trustedAuthservId: "mx.example.org",
            fromDomain: Person(address: sender).domain)
        for anyone in [false, true] {
            _ = SenderPolicy(anyoneMayContribute: anyone, rules: rules, moderators: [moderator]).decide(sender)
        }
        for (_, data) in extraction.attachmentData { _ = data.count }
        _ = DuplicateCheck.bodyDigest(contribution.body)
        for link in contribution.links { _ = LinkFinder.unwrap(link) }
        _ = (message.inReplyTo + message.references).first { MessageIDGenerator.isMade($0, domain: "example.org") }
        let pending = item(contribution)
        let note = ModerationTexts.notification(
            item: pending, token: token, policy: policy, authentication: authentication)
        for text in [note, ContributorTexts.acknowledgement(item: pending, communityName: "Learning")] {
            _ = render(subject: text.subject, text: text.text, to: sender)
        }
        // The same message's body as a bare reply, as moderators' replies are read.
        _ = ModerationReply.parse(message.textBody ?? "")
    }

    /// Text → the moderation reply and command parsers, line by line and whole.
    static func command(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let reply = ModerationReply.parse(text)
        for command in reply.commands { _ = command.description }
        for line in BodyCleaner.splitLines(text) {
            if let command = ModerationCommand.parse(line: line) {
                // What a command prints must read back as the same command.
                precondition(
                    ModerationCommand.parse(line: command.description) == command,
                    "\(command) does not read back from \(line.debugDescription)")
            }
        }
        _ = ModerationToken.parseSubject(text)
        _ = ModerationToken.parsePlusAddress(text)
        _ = ModerationToken.itemNumber(inSubject: text)
        _ = SubscriptionRequest.detect(
            from: "a@b.example", recipients: [text], subject: text, body: text, communityAddress: community)
        _ = SubjectTitle.title(fromSubject: text)
        _ = BodyCleaner.clean(text, subject: text)
        _ = BounceReader.findRecipient(BounceReader.lines(text).map(String.init), format: .heuristic)
    }

    static func item(_ contribution: Contribution) -> LearningItem {
        LearningItem(
            id: 1, contribution: contribution, receivedAt: now,
            history: [HistoryEntry(at: now, action: "received", by: contribution.contributor.address)])
    }

    /// What `SpoolSession.compose` makes of a text: a whole outgoing mail.
    static func render(subject: String, text: String, to address: String) -> [UInt8] {
        // The same seed for every input: the same input always takes the same path.
        var generator = SplitMix64(seed: 11)
        return OutgoingMail(
            from: MailAddress(name: "Learning", address: community),
            to: [MailAddress(name: nil, address: address.isEmpty ? moderator : address)],
            subject: subject, date: now, messageId: MessageIDGenerator.make(domain: "example.org", using: &generator),
            extraHeaders: [("Auto-Submitted", "auto-replied")], text: text
        ).rendered()
    }
}
