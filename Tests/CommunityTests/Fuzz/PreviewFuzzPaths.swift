// The pure paths the `preview` fuzz target drives: a moderator's reply to the digest's preview, as
// intake reads it (Intake+Process.swift, Digests+Preview.swift). Shared by the libFuzzer build
// (`scripts/fuzz` compiles this file with Sources/Community and Sources/MIME as one module,
// -D LEARNMAIL_FUZZ) and by `PreviewFuzzRegressionTests`, which replays every kept input.
import Foundation

#if !LEARNMAIL_FUZZ
    @testable import Community
    import MIME
#endif

enum PreviewFuzzPaths {
    static let community = "learning@example.org"
    static let week = "2026-W49"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// The bytes as a reply body, as a subject and as recipient addresses, and as a whole message
    /// (the token found as intake finds it, the body parsed as `answerPreview` does).
    static func reply(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        check(DigestPreviewReply.parse(text))
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        _ = DigestPreviewToken.find(subject: text, addresses: lines)
        _ = DigestPreviewToken.find(subject: nil, addresses: [text])
        if let token = DigestPreviewToken.find(subject: text, addresses: []) {
            // A token read from a subject reads back from the tag and the address made of it.
            let tag = DigestPreviewToken.subjectTag(week: week, token: token)
            precondition(DigestPreviewToken.find(subject: "Re: " + tag, addresses: []) == token, "tag \(tag)")
            let address = DigestPreviewToken.replyAddress(token, community: community)
            precondition(DigestPreviewToken.find(subject: nil, addresses: [address]) == token, "address \(address)")
        }
        let message = Message(bytes)
        if let token = DigestPreviewToken.find(subject: message.subject, addresses: message.deliveryRecipients) {
            _ = token.sha256Hex
        }
        if let subject = message.subject { _ = DigestPreviewToken.mentionsPreview(subject) }
        check(DigestPreviewReply.parse(message.textBody ?? ""))
    }

    /// What `answerPreview` does with a parsed reply, without the spool.
    static func check(_ reply: DigestPreviewReply) {
        precondition(Set(reply.holds).count == reply.holds.count, "an item held twice: \(reply.holds)")
        var done: [String] = []
        var refused: [String] = []
        for id in reply.holds {
            if id % 2 == 0 {
                done.append("#\(id) held back until next week's digest")
            } else {
                refused.append("#\(id) is not in this digest")
            }
        }
        if let text = reply.note {
            precondition(!text.isEmpty && text.count <= DigestNote.maxCharacters, "note of \(text.count) characters")
            let note = DigestNote(week: week, text: text, by: "fac@example.org", at: now)
            _ = DigestExtras(note: note.text)
            done.append("the note is set")
        }
        let confirmation = DigestPreviewTexts.confirmation(
            week: week, done: done, refused: refused, malformed: reply.malformed)
        _ = IntakeFuzzPaths.render(subject: "Re: digest \(week) preview", text: confirmation, to: "fac@example.org")
    }
}
