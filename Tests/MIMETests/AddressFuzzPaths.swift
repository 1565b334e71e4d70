// Address and message-ID list parsing as the `address` fuzz target drives it, shared by the
// libFuzzer build (`scripts/fuzz` compiles this file with Sources/MIME and -D LEARNMAIL_FUZZ) and
// by `AddressFuzzRegressionTests`, which replays every kept input through the same calls.
#if !LEARNMAIL_FUZZ
    @testable import MIME
#endif

enum AddressFuzzPaths {
    /// Header bytes → the address list (fast path and full parser, which must agree whenever the
    /// fast path answers) and the message-ID list.
    static func addresses(_ bytes: [UInt8]) {
        let full = AddressParser.parseFullList(bytes)
        if let simple = AddressParser.parseSimpleList(bytes) {
            precondition(simple == full, "fast path \(simple) differs from full parser \(full)")
        }
        precondition(AddressParser.parseList(bytes).count <= AddressParser.maxAddresses)
        for address in full { _ = (address.name, address.address) }
        _ = AddressParser.parseIDs(bytes)
    }
}
