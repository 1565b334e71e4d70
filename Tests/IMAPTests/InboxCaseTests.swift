import Testing

@testable import IMAP

/// INBOX is case-insensitive in ASCII only (RFC 3501 §5.1). Full case mapping (`uppercased()`)
/// made "ınbox" (dotless ı), "ınbox." and "İnbox"-like names count as INBOX; these are other
/// mailboxes.
@Suite struct InboxCaseTests {
    @Test(arguments: [
        ("INBOX", true), ("inbox", true), ("InBoX", true), ("ınbox", false), ("İNBOX", false), ("INBOX ", false),
        ("INBO", false), ("inbox\u{301}", false), ("ＩＮＢＯＸ", false), ("", false),
    ])
    func inboxInAnyASCIICaseOnly(name: String, isInbox: Bool) {
        #expect(StatusResponse.isInbox(name) == isInbox)
        #expect(StatusResponse.sameMailbox(name, "INBOX") == (isInbox || name == "INBOX"))
    }

    @Test(arguments: [
        ("inbox.Processed", "inbox.Processed"), ("ınbox.Processed", "INBOX.ınbox.Processed"),
        ("ınbox", "INBOX.ınbox"), ("Inbox", "Inbox"), ("İnbox.x", "INBOX.İnbox.x"),
    ])
    func processedFolderKeepsOnlyRealInboxNames(configured: String, expected: String) {
        let personal = NamespaceDescriptor(prefix: "INBOX.", delimiter: ".")
        #expect(ProcessedFolder.resolve(configured, personal: personal) == expected)
    }
}
