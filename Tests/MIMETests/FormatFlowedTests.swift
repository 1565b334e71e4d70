import Foundation
import Testing

@testable import MIME

/// RFC 3676 format=flowed and DelSp; the byte implementation against the `String` one it replaced
/// (`FormatFlowedReference`) on a table, on generated bodies and on every flowed body in the fixtures,
/// samples and (when present) the shared corpora.
struct FormatFlowedTests {
    @Test(arguments: [
        ("one \ntwo\n", false, "one two\n"),
        ("one \ntwo \nthree\nfour\n", false, "one two three\nfour\n"),
        ("Hello Wo\nrld\n", true, "Hello Wo\nrld\n"),
        ("Hello Wo \nrld\n", true, "Hello World\n"),
        (" >not a quote\n", false, ">not a quote\n"),
        ("> quoted \n> more\nplain\n", false, "> quoted more\nplain\n"),
        (">> deep \n> shallow\n", false, ">> deep \n> shallow\n"),
        ("text \n-- \nsig\n", false, "text \n-- \nsig\n"),
        ("a\r\nb\r\n", false, "a\nb\n"),
        // Line ends: a lone CR is one too, and the last line needs none.
        ("a \rb\rc", false, "a b\nc\n"),
        ("", false, ""),
        ("\n", false, "\n"),
        ("\n\n", false, "\n\n"),
        // Quote depth: ">x" is written "> x"; a bare ">" keeps its space; depth changes end a paragraph.
        (">x\n", false, "> x\n"),
        (">", false, "> \n"),
        (">>> a \n>>> b \n>>\n", false, ">>> a b \n>> \n"),
        ("> a \n> -- \n> sig\n", false, "> a \n> -- \n> sig\n"),
        ("a \n", false, "a \n"),
        ("a \n", true, "a\n"),
        ("-- \n", true, "-- \n"),
        ("--  \nx\n", true, "-- x\n"),
        ("  two spaces \nnext\n", false, " two spaces next\n"),
        // Character semantics the String version had: a combining mark after ">" or the stuffing space
        // makes a different character; a prepended mark before the trailing space makes it not one.
        (">\u{301}x \ny\n", false, ">\u{301}x y\n"),
        ("> \u{301}x\n", false, ">  \u{301}x\n"),
        (">>\u{301} a\n", false, "> >\u{301} a\n"),
        ("\u{600} \nx\n", false, "\u{600} \nx\n"),
        ("é \nx\n", true, "éx\n"),
        ("Grüße \n> 日本 \n> 語\n", false, "Grüße \n> 日本 語\n"),
    ])
    func unflows(_ input: String, _ delSp: Bool, _ expected: String) {
        #expect(FormatFlowed.unflow(input, delSp: delSp) == expected)
        #expect(FormatFlowedReference.unflow(input, delSp: delSp) == expected)
    }

    @Test func flowedBodyIsJoinedInTextBody() {
        let msg = "Content-Type: text/plain; format=flowed; delsp=yes\r\n\r\nThis is a lo \r\nng line.\r\nNext.\r\n"
        #expect(Message(Array(msg.utf8)).textBody == "This is a long line.\nNext.\n")
    }

    /// Bodies built from the pieces flowed text is made of (quote marks, stuffing and trailing spaces,
    /// signature lines, every line end) and from the non-ASCII neighbours that change what a Character
    /// is (combining marks, a zero-width joiner, a prepended mark, CJK, emoji): same text either way.
    @Test func generatedBodiesUnflowAsTheStringVersionDid() {
        let pieces = [
            ">", ">", " ", " ", "-- ", "--", "a", "word", "Two words", "é", "\u{301}", "\u{600}", "\u{200D}",
            "日本", "👍🏽", "\u{0E33}", "\n", "\n", "\r\n", "\r", "\t", "=", "-",
        ]
        var rng = XorShift(state: 0x3676_F10E_D5EE_D001)
        var mismatches = 0
        var first = [String]()
        for round in 0..<4000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &rng) {
                text += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
            }
            let delSp = round % 2 == 1
            if FormatFlowed.unflow(text, delSp: delSp) != FormatFlowedReference.unflow(text, delSp: delSp) {
                mismatches += 1
                if first.count < 3 { first.append(text.debugDescription) }
            }
        }
        #expect(mismatches == 0, "first inputs that differ: \(first)")
    }

    /// Long generated flowed text (the shape Apple Mail and Thunderbird send: wrapped paragraphs, quoted
    /// replies at several depths, a signature) in ASCII and in scripts that are mostly non-ASCII.
    @Test(arguments: ["ascii", "latin", "cyrillic", "cjk"])
    func generatedParagraphsUnflowAsTheStringVersionDid(_ script: String) {
        let words: [String] =
            switch script {
            case "latin": ["café", "naïve", "Grüße", "año", "the", "of", "señor", "über"]
            case "cyrillic": ["Привет", "коллеги", "встреча", "в", "четверг", "сообщества"]
            case "cjk": ["日本語", "テキスト", "会議", "の", "議事録", "你好"]
            default: ["the", "learning", "community", "of", "notes", "session", "a", "draft"]
            }
        var rng = XorShift(state: 0xF10E_D000 &+ UInt64(script.utf8.count))
        var text = ""
        for _ in 0..<200 {
            let depth = Int.random(in: 0...6, using: &rng) < 4 ? 0 : Int.random(in: 1...3, using: &rng)
            var line = String(repeating: ">", count: depth) + (depth > 0 ? " " : "")
            if Int.random(in: 0..<20, using: &rng) == 0 { line += " " }  // stuffed
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                line += words[Int.random(in: 0..<words.count, using: &rng)] + " "
            }
            if Int.random(in: 0..<3, using: &rng) == 0 { line.removeLast() }  // a hard break
            text += line + (Int.random(in: 0..<4, using: &rng) == 0 ? "\r\n" : "\n")
            if Int.random(in: 0..<40, using: &rng) == 0 { text += "-- \nA. Signature\n" }
        }
        for delSp in [false, true] {
            #expect(FormatFlowed.unflow(text, delSp: delSp) == FormatFlowedReference.unflow(text, delSp: delSp))
        }
    }

    /// Every format=flowed text part in the repository's fixtures and samples and in the shared corpora
    /// (skipped in a clone without them), decoded as body selection decodes it.
    @Test func realFlowedBodiesUnflowAsTheStringVersionDid() throws {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let roots = [
            package.appendingPathComponent("Tests"), package.appendingPathComponent("samples"),
            package.deletingLastPathComponent().appendingPathComponent("shared/corpora"),
        ]
        var flowed = 0
        for root in roots {
            guard let walk = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let name as String in walk where name.hasSuffix(".eml") || name.contains("maildir/new/") {
                let url = root.appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else { continue }
                let message = Message([UInt8](data))
                Message.forEachLeaf(message.root) { part in
                    guard part.contentType.parameters["format"]?.lowercased() == "flowed", let text = part.text
                    else { return }
                    flowed += 1
                    for delSp in [false, true] {
                        #expect(
                            FormatFlowed.unflow(text, delSp: delSp) == FormatFlowedReference.unflow(text, delSp: delSp),
                            "\(name)")
                    }
                }
            }
        }
        // The fixtures alone hold several (Apple Mail, Thunderbird, replies): the walk must have found them.
        #expect(flowed >= 4)
    }
}
