import IMAP
import Testing

@Suite struct UIDSetTests {
    @Test(
        arguments: [
            ([5], "5"), ([1, 2, 3, 5], "1:3,5"), ([9, 1, 2, 2, 3, 10, 12], "1:3,9:10,12"), ([], ""),
            ([4_294_967_294, 4_294_967_295], "4294967294:4294967295"), ([7, 7, 7], "7"),
        ] as [([UInt32], String)])
    func writesSequenceSets(_ values: [UInt32], _ text: String) {
        let set = UIDSet(values.map(UID.init))
        #expect(set.description == text)
        #expect(set.count == Set(values).count)
    }

    @Test func chunksStayShortAndCoverEverything() {
        let uids = stride(from: 1, through: 20_000, by: 2).map { UID(UInt32($0)) }  // no ranges: worst case
        let chunks = UIDSet.chunks(uids, maxLength: 4000)
        #expect(chunks.count > 1)
        #expect(chunks.allSatisfy { $0.description.utf8.count <= 4000 })
        #expect(chunks.reduce(0) { $0 + $1.count } == uids.count)
        // At most 500 UIDs per command, so that a MOVE's per-message replies stay well under
        // libcurl's 300 KiB limit on one command's response lines (seen with 2000 at Dovecot).
        let contiguous = UIDSet.chunks((1...20_000).map { UID(UInt32($0)) }).map(\.description)
        #expect(contiguous.count == 40)
        #expect(contiguous.first == "1:500" && contiguous.last == "19501:20000")
        #expect(chunks.allSatisfy { $0.count <= 500 })
        #expect(UIDSet.chunks([UID]()).isEmpty)
    }

    @Test func setCommands() {
        let set = UIDSet([UID(1), UID(2), UID(3), UID(7)])
        #expect(IMAPCommand.uidMove(set, to: "Processed") == "UID MOVE 1:3,7 \"Processed\"")
        #expect(IMAPCommand.uidExpunge(set) == "UID EXPUNGE 1:3,7")
        #expect(IMAPCommand.uidAddFlags(set, ["\\Seen"], silent: true) == "UID STORE 1:3,7 +FLAGS.SILENT (\\Seen)")
    }
}
