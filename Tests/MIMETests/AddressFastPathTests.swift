import Foundation
import Testing

@testable import MIME

/// The fast reader of simple address lists must agree with the full parser wherever it answers, and
/// must answer for the common shapes (else it would only cost time).
struct AddressFastPathTests {
    static let accepted: [String] = [
        "ann@example.org", "Ann Ivanova <ann.ivanova@example6.org>", "\"Ann O'Brien\" <ann.obrien@example8.org>",
        "<bob@example.net>", "ann@example.org, Bob <BOB@Example.NET>, \"C, D\" <cd@example.com>",
        "  Jr. Smith <js@example.org> ,", "O'Neil <o@example.org>", "\" padded \" <p@example.org>",
        "a+tag@example.org,b@example.org", "Ann <a@b>,,<c@d>", "", "=?utf-8?q?Ann?= <a@example.org>",
        "\"=?utf-8?q?Ann?=\" <a@example.org>", "Jörg <j@example.org>", "=?utf-8?B?R8O2cmtlbSBOb3dhaw==?= <g@e.org>",
        "Ann <a@b>, =?utf-8?Q?Chlo=C3=A9_O'Brien?= <c@e.org>, Eve Smith <e@e.org>", "\"\u{ff}\" <x@y>",
    ]

    static let declined: [String] = [
        "ann", "Ann Ivanova", "jörg@example.org",
        "Ann (comment) <a@example.org>", "a@example.org (Ann)", "Group: a@b, c@d;", "\"Ann \\\"x\\\"\" <a@b>",
        "Ann  Ivanova <a@b>", "<@route:a@b>", "Ann <a@b> trailing", "\"\" <a@b>",
        "Ann\t<a@b>", "<>", "@a.org", ".a@b", "\"Ann\"@example.org", "a@b <c@d>", "Ann <a b@c>",
    ]

    @Test(arguments: accepted)
    func acceptsAndAgrees(_ raw: String) throws {
        let bytes = Array(raw.utf8)
        let fast = try #require(AddressParser.parseSimpleList(bytes))
        #expect(fast == AddressParser.parseFullList(bytes))
    }

    @Test(arguments: declined)
    func declinesWhatItDoesNotKnow(_ raw: String) {
        #expect(AddressParser.parseSimpleList(Array(raw.utf8)) == nil)
    }

    /// Every address header of the shared corpora: where the fast reader answers, the answers agree.
    @Test(.enabled(if: CorpusSupport.available, CorpusSupport.skipNote)) func agreesOnTheCorpora() {
        var answered = 0
        var compared = 0
        let root = CorpusSupport.root
        let dirs = ["conformance/mime4j", "conformance/mimetools", "conformance/cpython", "conformance/mimekit"]
        for dir in dirs {
            for url in CorpusSupport.files(in: root.appendingPathComponent(dir), suffix: ".eml") {
                let m = Message(CorpusSupport.bytes(url))
                for name in ["from", "to", "cc", "reply-to", "sender"] {
                    for i in m.headers.indices(name) {
                        let raw = m.headers.rawValue(at: i)
                        compared += 1
                        guard let fast = AddressParser.parseSimpleList(raw) else { continue }
                        answered += 1
                        #expect(fast == AddressParser.parseFullList(raw), "\(url.lastPathComponent) \(name)")
                    }
                }
            }
        }
        #expect(compared > 100)
        #expect(answered > compared / 3)
    }
}
