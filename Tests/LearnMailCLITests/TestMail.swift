import Foundation
import MIME

/// Mail as partners and the facilitator would write it, with CRLF line ends.
enum TestMail {
    static func contribution(title: String, number: Int, community: String) -> [UInt8] {
        let lines = [
            "From: Pat Partner <partner@example.test>",
            "To: \(community)",
            "Subject: \(title)",
            "Date: Mon, 23 Nov 2026 10:0\(number):00 +0000",
            "Message-ID: <e2e-\(number)-\(UUID().uuidString)@example.test>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "This week we learned something about \(title.lowercased()).",
            "",
            "We lent tablets to twelve tenants and ran two drop-in mornings.",
            "",
            "Pat",
        ]
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    static func reply(to notification: Message, command: String) -> [UInt8] {
        let quoted = (notification.textBody ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(12).map { "> " + $0 }.joined(separator: "\r\n")
        let lines = [
            "From: Fran Facilitator <facilitator@example.test>",
            "To: \(notification.replyTo.first?.address ?? "")",
            "Subject: Re: \(notification.subject ?? "")",
            "Date: Mon, 23 Nov 2026 11:00:00 +0000",
            "Message-ID: <reply-\(UUID().uuidString)@example.test>",
            "In-Reply-To: <\(notification.messageId ?? "")>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "",
            command.trimmingCharacters(in: .whitespacesAndNewlines),
            "",
            "On Mon, 23 Nov 2026 at 10:30, Test Community <learning@example.test> wrote:",
            quoted,
        ]
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}
