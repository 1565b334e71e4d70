// The IMAP response parsers as the `imap` fuzz target drives them, shared by the libFuzzer build
// (`scripts/fuzz` compiles this file with Sources/IMAP and -D LEARNMAIL_FUZZ) and by
// `IMAPFuzzRegressionTests`, which replays every kept input through the same calls.
#if !LEARNMAIL_FUZZ
    @testable import IMAP
#endif

enum IMAPFuzzPaths {
    /// Server bytes → every response parser, and what the mailbox code derives from each result.
    static func responses(_ bytes: [UInt8]) {
        if let capabilities = Capabilities.parse(bytes) { _ = capabilities.contains("MOVE") }
        if let search = SearchResponse.parse(bytes) {
            // Bounded however large the ranges: the limit is what keeps a hostile ALL cheap.
            let uids = search.uids(in: UID(1)...UID(UInt32.max), limit: 4096)
            precondition(uids.count <= 4096 && zip(uids, uids.dropFirst()).allSatisfy { $0 < $1 })
            _ = UIDSet.chunks(uids, maxLength: 200, maxCount: 50)
        }
        for status in StatusResponse.parseAll(bytes) {
            _ = MailboxStatus(status)
            _ = StatusResponse.parse(bytes, mailbox: status.mailbox)
        }
        for entry in MailboxListEntry.parseAll(bytes) {
            _ = entry.isSelectable
            _ = ModifiedUTF7.encode(ModifiedUTF7.decode(entry.name))
            _ = IMAPCommand.quotedMailbox(entry.name)
        }
        let namespace = NamespaceResponse.parse(bytes)
        let text = String(decoding: bytes.prefix(512), as: UTF8.self)
        _ = ProcessedFolder.resolve(text, personal: namespace?.personal.first)
        // Mailbox names round-trip through modified UTF-7.
        precondition(
            ModifiedUTF7.decode(ModifiedUTF7.encode(text)) == text, "UTF-7 round trip of \(text.debugDescription)")
    }
}
