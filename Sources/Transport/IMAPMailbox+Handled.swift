import IMAP

extension IMAPMailbox {
    /// Takes a processed message out of the way so the facilitator sees what is done.
    ///
    /// With a processed folder: `UID MOVE` (RFC 6851) when the server has MOVE; else `UID COPY` +
    /// `UID STORE +FLAGS.SILENT (\Deleted)` + `UID EXPUNGE` (RFC 4315) when it has UIDPLUS; else, and when no
    /// folder is configured, it only flags the message `\Seen $LearnmailDone` (just `\Seen` if the server
    /// refuses keywords). The folder is created on first use, inside the personal namespace (RFC 2342).
    public func markHandled(_ uid: UID) throws(TransportError) {
        try markHandled([uid])
    }

    /// `markHandled` for many messages at once: one command per step for the whole set (in chunks that
    /// keep command lines short) instead of a round trip per message. Doing it twice is harmless.
    public func markHandled(_ uids: [UID]) throws(TransportError) {
        guard !uids.isEmpty else { return }
        let capabilities = try capabilities()
        for set in UIDSet.chunks(uids) {
            try markHandled(set, capabilities: capabilities)
        }
    }

    private func markHandled(_ set: UIDSet, capabilities: Capabilities) throws(TransportError) {
        if let configured = configuration.processedFolder, !configured.isEmpty,
            capabilities.supportsMove || capabilities.supportsUIDPlus
        {
            let folder = try processedFolder(configured, capabilities: capabilities)
            if capabilities.supportsMove {
                try run(IMAPCommand.uidMove(set, to: folder)!, selecting: true, idempotent: false)
            } else {
                try run(IMAPCommand.uidCopy(set, to: folder)!, selecting: true, idempotent: false)
                try run(IMAPCommand.uidAddFlags(set, ["\\Deleted"]), selecting: true, idempotent: true)
                try run(IMAPCommand.uidExpunge(set), selecting: true, idempotent: true)
            }
            return
        }
        do {
            try run(
                IMAPCommand.uidAddFlags(set, ["\\Seen", IMAPMailbox.doneKeyword]), selecting: true, idempotent: true)
        } catch .commandRejected {
            // PERMANENTFLAGS without \* : keywords cannot be created here.
            try run(IMAPCommand.uidAddFlags(set, ["\\Seen"]), selecting: true, idempotent: true)
        }
    }

    /// The processed folder's full name, created when missing. Known to exist afterwards for this object.
    func processedFolder(_ configured: String, capabilities: Capabilities) throws(TransportError) -> String {
        if let processedFolderName { return processedFolderName }
        var personal: NamespaceDescriptor?
        if capabilities.supportsNamespace {
            let outcome = try run(IMAPCommand.namespace, selecting: false, idempotent: true)
            personal = NamespaceResponse.parse(outcome.body)?.personal.first
        }
        let name = ProcessedFolder.resolve(configured, personal: personal)
        guard let list = IMAPCommand.list(name), let create = IMAPCommand.create(name) else {
            throw .invalidConfiguration("processed folder name \"\(configured)\" cannot be sent to the server")
        }
        if try !exists(name, list: list) {
            do {
                try run(create, selecting: false, idempotent: false)
            } catch .commandRejected(_, _, _, let reply) {
                // Someone else may have created it meanwhile; otherwise say what to do.
                if try !exists(name, list: list) {
                    throw .commandRejected(
                        service: "IMAP", server: server.server, command: create,
                        reply: reply + " — create the folder \(name) yourself or change mailbox.processedFolder")
                }
            }
        }
        processedFolderName = name
        return name
    }

    private func exists(_ name: String, list: String) throws(TransportError) -> Bool {
        let outcome = try run(list, selecting: false, idempotent: true)
        let encoded = ModifiedUTF7.encode(name)
        return MailboxListEntry.parseAll(outcome.body).contains { $0.name == encoded && $0.isSelectable }
    }
}
