import IMAP
import Testing

@Suite struct NamespaceAndListTests {
    struct NamespaceCase: Sendable, CustomTestStringConvertible {
        var name: String
        var reply: String
        var personal: [NamespaceDescriptor]?
        var shared: Int = 0
        var testDescription: String { name }
    }

    static let namespaces: [NamespaceCase] = [
        NamespaceCase(
            name: "Dovecot default", reply: "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n",
            personal: [NamespaceDescriptor(prefix: "", delimiter: "/")]),
        NamespaceCase(
            name: "Courier/Cyrus INBOX. prefix",
            reply: "* NAMESPACE ((\"INBOX.\" \".\")) NIL ((\"#shared.\" \".\")(\"shared.\" \".\"))\r\n",
            personal: [NamespaceDescriptor(prefix: "INBOX.", delimiter: ".")], shared: 2),
        NamespaceCase(
            name: "Cyrus with unixhierarchysep", reply: "* NAMESPACE ((\"INBOX/\" \"/\")) ((\"user/\" \"/\")) NIL\r\n",
            personal: [NamespaceDescriptor(prefix: "INBOX/", delimiter: "/")]),
        NamespaceCase(
            name: "extension data is skipped",
            reply: "* NAMESPACE ((\"\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))) NIL NIL\r\n",
            personal: [NamespaceDescriptor(prefix: "", delimiter: "/")]),
        NamespaceCase(
            name: "flat server NIL delimiter", reply: "* NAMESPACE ((\"\" NIL)) NIL NIL\r\n",
            personal: [NamespaceDescriptor(prefix: "", delimiter: nil)]),
        NamespaceCase(
            name: "escaped backslash delimiter", reply: "* NAMESPACE ((\"\" \"\\\\\")) NIL NIL\r\n",
            personal: [NamespaceDescriptor(prefix: "", delimiter: "\\")]),
        NamespaceCase(name: "malformed", reply: "* NAMESPACE ((\"\" \"/\"\r\n", personal: nil),
    ]

    @Test(arguments: namespaces)
    func parsesNamespace(_ test: NamespaceCase) {
        let response = NamespaceResponse.parse(Array(test.reply.utf8))
        #expect(response?.personal == test.personal)
        if test.personal != nil { #expect(response?.shared.count == test.shared) }
    }

    struct ListCase: Sendable, CustomTestStringConvertible {
        var name: String
        var reply: String
        var expected: [MailboxListEntry]
        var testDescription: String { name }
    }

    static let lists: [ListCase] = [
        ListCase(
            name: "Dovecot", reply: "* LIST (\\HasNoChildren) \"/\" Processed\r\nA4 OK List completed\r\n",
            expected: [MailboxListEntry(attributes: ["\\HasNoChildren"], delimiter: "/", name: "Processed")]),
        ListCase(
            name: "Courier quoted INBOX.", reply: "* LIST (\\Unmarked \\HasNoChildren) \".\" \"INBOX.Processed\"\r\n",
            expected: [
                MailboxListEntry(
                    attributes: ["\\Unmarked", "\\HasNoChildren"], delimiter: ".", name: "INBOX.Processed")
            ]),
        ListCase(
            name: "root with NIL and Noselect", reply: "* LIST (\\Noselect) NIL \"\"\r\n",
            expected: [MailboxListEntry(attributes: ["\\Noselect"], delimiter: nil, name: "")]),
        ListCase(
            name: "literal name", reply: "* LIST () \"/\" {9}\r\nA \"B\" C/D\r\n",
            expected: [MailboxListEntry(attributes: [], delimiter: "/", name: "A \"B\" C/D")]),
        ListCase(
            name: "modified UTF-7 name kept as sent", reply: "* LIST () \"/\" \"Entw&APw-rfe\"\r\n",
            expected: [MailboxListEntry(attributes: [], delimiter: "/", name: "Entw&APw-rfe")]),
        ListCase(name: "no list", reply: "A1 OK\r\n", expected: []),
    ]

    @Test(arguments: lists)
    func parsesList(_ test: ListCase) {
        #expect(MailboxListEntry.parseAll(Array(test.reply.utf8)) == test.expected)
    }

    @Test func noselectIsNotSelectable() {
        #expect(!MailboxListEntry(attributes: ["\\NoSelect"], delimiter: "/", name: "x").isSelectable)
        #expect(MailboxListEntry(attributes: ["\\HasChildren"], delimiter: "/", name: "x").isSelectable)
    }

    struct FolderCase: Sendable {
        var configured: String
        var personal: NamespaceDescriptor?
        var expected: String
    }

    static let folders: [FolderCase] = [
        FolderCase(configured: "Processed", personal: nil, expected: "Processed"),
        FolderCase(
            configured: "Processed", personal: NamespaceDescriptor(prefix: "", delimiter: "/"), expected: "Processed"),
        FolderCase(
            configured: "Processed", personal: NamespaceDescriptor(prefix: "INBOX.", delimiter: "."),
            expected: "INBOX.Processed"),
        FolderCase(
            configured: "INBOX.Processed", personal: NamespaceDescriptor(prefix: "INBOX.", delimiter: "."),
            expected: "INBOX.Processed"),
        FolderCase(
            configured: "learnmail/Processed", personal: NamespaceDescriptor(prefix: "INBOX.", delimiter: "."),
            expected: "INBOX.learnmail.Processed"),
        FolderCase(
            configured: "Processed", personal: NamespaceDescriptor(prefix: "INBOX/", delimiter: "/"),
            expected: "INBOX/Processed"),
        FolderCase(
            configured: "inbox.Processed", personal: NamespaceDescriptor(prefix: "INBOX.", delimiter: "."),
            expected: "inbox.Processed"),
    ]

    @Test(arguments: folders)
    func resolvesProcessedFolder(_ test: FolderCase) {
        #expect(ProcessedFolder.resolve(test.configured, personal: test.personal) == test.expected)
    }
}
