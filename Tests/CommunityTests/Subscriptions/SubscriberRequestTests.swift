import Foundation
import MIME
import Testing

@testable import Community

@Suite struct SubscriberRequestTests {
    static let token = "abcdefghijklmnopqrstuvwxyz"

    private func mail(_ headers: String, body: String = "") -> Message {
        Message(Array((headers.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n\r\n" + body).utf8))
    }

    @Test(arguments: [
        ("subscribe", SubscriptionRequest.Command.subscribe),
        ("Subscribe", .subscribe),
        ("  UNSUBSCRIBE. ", .unsubscribe),
        ("Re: unsubscribe", .unsubscribe),
        ("RE: Fwd: help", .help),
        ("help!", .help),
        ("confirm \(token)", .confirm(token: token)),
        ("Re: Please confirm your subscription to One Digital (confirm \(token))", .confirm(token: token)),
        ("AW: Please confirm your subscription (confirm \(token.uppercased()))", .confirm(token: token)),
    ])
    func subjects(subject: String, command: SubscriptionRequest.Command) {
        let r = SubscriptionRequest.detect(
            from: "Ann@Example.org", recipients: ["learning@example.org"], subject: subject, body: "",
            communityAddress: "learning@example.org")
        #expect(r == SubscriptionRequest(command: command, from: "ann@example.org"))
    }

    @Test(arguments: [
        "Help for new digital champions", "Subscribe your residents to the library's free Wi-Fi",
        "unsubscribe me please now",
        "Please confirm the date", "confirm", "confirm short", "Re: our learning",
    ])
    func contributionSubjectsAreNotCommands(subject: String) {
        let r = SubscriptionRequest.detect(
            from: "ann@example.org", recipients: ["learning@example.org"], subject: subject,
            body: "We ran a session on scams.\nHelp", communityAddress: "learning@example.org")
        #expect(r == nil)
    }

    @Test(arguments: [
        ("", "subscribe\n\nThanks, Ann", SubscriptionRequest.Command.subscribe),
        ("hello", "\n\n  Unsubscribe\n-- \nAnn", .unsubscribe),
        ("(no subject)", "confirm \(token)", .confirm(token: token)),
        ("question", "help", .help),
    ])
    func firstBodyLine(subject: String, body: String, command: SubscriptionRequest.Command) {
        let r = SubscriptionRequest.detect(
            from: "ann@example.org", recipients: ["learning@example.org"], subject: subject, body: body,
            communityAddress: "learning@example.org")
        #expect(r?.command == command)
    }

    @Test(arguments: [
        ("learning+subscribe@example.org", SubscriptionRequest.Command.subscribe),
        ("Learning+Unsubscribe@Example.org", .unsubscribe),
        ("learning+help@example.org", .help),
        ("learning+unsubscribe-\(token)@example.org", .unsubscribeByToken(token)),
        ("learning+confirm-\(token)@example.org", .confirm(token: token)),
    ])
    func subaddresses(recipient: String, command: SubscriptionRequest.Command) {
        // The subaddress wins over whatever the subject says (a one-click mailto has subject "unsubscribe").
        let r = SubscriptionRequest.detect(
            from: "ann@example.org", recipients: ["someone@else.org", recipient], subject: "Our news", body: "",
            communityAddress: "learning@example.org")
        #expect(r?.command == command)
    }

    @Test(arguments: [
        "learning+bounce-abcdefghabcdefgh@example.org", "learning+unsubscribe-x@example.org",
        "learning+subscribe@example.com", "other+subscribe@example.org", "learning+@example.org",
    ])
    func otherSubaddressesAreNotCommands(recipient: String) {
        let r = SubscriptionRequest.detect(
            from: "ann@example.org", recipients: [recipient], subject: "Our news", body: "",
            communityAddress: "learning@example.org")
        #expect(r == nil)
    }

    @Test func detectsInAParsedMessageIncludingDeliveredTo() {
        let m = mail(
            """
            Delivered-To: learning+unsubscribe-\(Self.token)@example.org
            From: "Ann Example" <Ann@Example.org>
            To: undisclosed-recipients:;
            Subject: unsubscribe
            Message-ID: <1@example.org>
            """)
        #expect(
            SubscriptionRequest.detect(in: m, communityAddress: "learning@example.org")
                == SubscriptionRequest(command: .unsubscribeByToken(Self.token), from: "ann@example.org"))
        let plain = mail("From: bob@example.org\nTo: learning@example.org\nSubject: Re: subscribe", body: "")
        #expect(SubscriptionRequest.detect(in: plain, communityAddress: "learning@example.org")?.command == .subscribe)
        let contribution = mail(
            "From: bob@example.org\nTo: learning@example.org\nSubject: What we learned about scams",
            body: "Organisation: Example Housing\r\n\r\nWe learned...")
        #expect(SubscriptionRequest.detect(in: contribution, communityAddress: "learning@example.org") == nil)
    }
}
