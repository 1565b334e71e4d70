import Testing

@testable import MIME

@Suite struct HTMLTextTests {
    @Test(arguments: [
        // paragraphs, blocks, line breaks
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<h1>Title</h1>Body", "Title\n\nBody"),
        ("a<br>b<br/>c", "a\nb\nc"),
        ("a<br><br><br><br>b", "a\n\nb"),
        ("<p>text<br></p><p>next</p>", "text\n\nnext"),
        ("<div>Hi,</div><div><br></div><div>line 1</div><div>line 2</div>", "Hi,\n\nline 1\nline 2"),
        ("  lots   of\n\t whitespace  ", "lots of whitespace"),
        ("<p>\n  a\n  b\n</p>", "a b"),
        ("<b>bold</b> and <i>it</i>alic", "bold and italic"),
        ("<hr>", "---"),
        ("x<hr>y", "x\n\n---\n\ny"),
        // lists
        ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
        ("<ol><li>one<li>two</ol>", "1. one\n2. two"),
        ("<ol start=\"3\"><li>c</li><li>d</li></ol>", "3. c\n4. d"),
        ("<p>Intro</p><ul><li><p>a</p></li><li><p>b</p></li></ul><p>End</p>", "Intro\n\n- a\n- b\n\nEnd"),
        ("<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul>", "- a\n  - a1\n- b"),
        ("<ul><li>first<br>more</li></ul>", "- first\n  more"),
        // links
        ("<a href=\"https://example.org/x\">the site</a>", "the site (https://example.org/x)"),
        ("<a href=\"https://example.org/\">https://example.org/</a>", "https://example.org/"),
        ("<a href=\"https://example.org/\">example.org</a>", "example.org"),
        ("<a href=\"mailto:a@b.org\">a@b.org</a>", "a@b.org"),
        ("<a href=\"mailto:a@b.org\">Ann</a>", "Ann (a@b.org)"),
        ("<a href=\"#top\">top</a>", "top"),
        ("<a href='https://e.org/?a=1&amp;b=2'>go</a> now", "go (https://e.org/?a=1&b=2) now"),
        ("<a href=https://e.org/?a=1&copy=2>go</a>", "go (https://e.org/?a=1&copy=2)"),
        ("<a href=\"https://e.org\"><img src=x></a>", ""),
        ("See <a href=\"https://e.org\"> here </a>.", "See here (https://e.org) ."),
        // entities
        ("&lt;b&gt; &amp; &quot;q&quot; &apos;", "<b> & \"q\" '"),
        ("caf&eacute; &euro;5 &mdash; &hellip; &Omega;&omega;", "café €5 — … Ωω"),
        ("&#65;&#x42;&#X43;&#128512;", "ABC😀"),
        ("&#146;quote&#150;", "\u{2019}quote\u{2013}"),
        ("&#0; &#xD800; &#99999999999;", "\u{FFFD} \u{FFFD} \u{FFFD}"),
        ("&copy 2024 &copy2024", "© 2024 ©2024"),
        ("AT&T & co &unknown; &", "AT&T & co &unknown; &"),
        ("a&nbsp;&nbsp;&nbsp;b", "a b"),
        // dropped content
        ("<html><head><title>T</title><style>p{x:1}</style></head><body>Body</body></html>", "Body"),
        ("a<script>if (a<b) { x('</p>') }</script>b", "ab"),
        ("a<!-- hidden <p>no</p> -->b", "ab"),
        ("a<!---->b<!-->c", "abc"),
        ("<!DOCTYPE html><?xml version=\"1.0\"?>x", "x"),
        ("<SCRIPT>x</SCRIPT >y<STYLE>z</style>", "y"),
        // Outlook
        (
            "<p class=MsoNormal>Hello<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>World<o:p></o:p></p>",
            "Hello\n\nWorld"
        ),
        (
            "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings>x</o:OfficeDocumentSettings></xml><![endif]-->Text",
            "Text"
        ),
        ("<![if !supportLists]>1.<![endif]>Item", "1.Item"),
        ("<!--[if !mso]><!-->shown<!--<![endif]-->", "shown"),
        ("<xml><w:WordDocument>junk</w:WordDocument></xml>ok", "ok"),
        // blockquote
        (
            "<p>Reply</p><blockquote><p>Original</p><p>More</p></blockquote><p>Sig</p>",
            "Reply\n\n> Original\n>\n> More\n\nSig"
        ),
        ("<blockquote>a<blockquote>b</blockquote></blockquote>", "> a\n>\n> > b"),
        // pre
        ("<pre>  code\n    indented\n</pre>after", "  code\n    indented\n\nafter"),
        // tables
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
        // malformed
        ("<p>unclosed <b>tags", "unclosed tags"),
        ("a < b and c > d", "a < b and c > d"),
        ("<a href=\"x", ""),
        ("text<", "text<"),
        ("<p title='a>b'>x</p>", "x"),
        ("</blockquote></ul></pre></a>x", "x"),
        ("", ""),
    ])
    func converts(html: String, expected: String) {
        #expect(HTMLText.plainText(fromHTML: html) == expected)
    }

    @Test func nonASCIIPassesThrough() {
        let html = "<p>Grüße aus Kyiv — Київ 🌻</p>"
        #expect(HTMLText.plainText(fromHTML: html) == "Grüße aus Kyiv — Київ 🌻")
    }

    @Test func entityTableHasTheHTML4Set() {
        #expect(HTMLTextEntities.named.count == 253)
        #expect(HTMLTextEntities.named["thetasym"] == 0x3D1)
        #expect(HTMLTextEntities.named["yuml"] == 0xFF)
    }

    /// Tag names are matched whole and in any case: a longer or shorter name, a prefixed one or one past
    /// 16 bytes is not the element; `<STYLE>` hides its text however it is written.
    @Test(arguments: [
        ("<DIV>a</DIV><Div>b</dIV>", "a\nb"),
        ("a<divx>b</divx>c", "abc"),
        ("a<blockquotes>b</blockquotes>c", "abc"),
        ("a<BlockQuote>b</BLOCKQUOTE>c", "a\n\n> b\n\nc"),
        ("a<figcaption>b</FigCaption>c", "a\nb\nc"),
        ("a<figcaptionfigcaption>b</figcaptionfigcaption>c", "abc"),
        ("a<aaaaaaaaaaaaaaaadiv>b", "ab"),
        ("a<o:p>b</o:p><P>c", "ab\n\nc"),
        ("<STYLE>p{x}</Style>shown", "shown"),
        ("<plaintext>a  b</plaintext>", "a  b"),
        ("a<h7>b</h7>c<H6>d</h6>", "abc\n\nd"),
        ("a</>b< /p>c", "ab< /p>c"),
    ])
    func tagNamesMatchWholeInAnyCase(html: String, expected: String) {
        #expect(HTMLText.plainText(fromHTML: html) == expected)
    }

    @Test func everyTagIsFoundByItsName() {
        for tag in HTMLTextTag.allCases where tag != .other {
            for name in [tag.rawValue, tag.rawValue.uppercased()] {
                let bytes = Array(name.utf8)
                #expect(bytes.withUnsafeBufferPointer { HTMLTextTag.named($0, 0, $0.count) } == tag)
            }
        }
    }

    /// Hostile inputs: deep nesting and huge inputs must stay linear and not trap.
    @Test(arguments: [
        String(repeating: "<blockquote>", count: 20000) + "x" + String(repeating: "</blockquote>", count: 20000),
        String(repeating: "<ul><li>", count: 20000) + "x",
        String(repeating: "<a href=x>", count: 20000),
        String(repeating: "<!--", count: 20000),
        String(repeating: "&#x", count: 20000) + String(repeating: "9", count: 100000),
        String(repeating: "<p", count: 50000),
        String(repeating: "<br>\n", count: 50000) + "y",
    ])
    func hostileInputDoesNotBlowUp(html: String) {
        let text = HTMLText.plainText(fromHTML: html)
        #expect(text.utf8.count <= html.utf8.count * 4)
    }
}
