import Testing

@testable import Community

@Suite struct SiteSlugTests {
    @Test(arguments: [
        ("Tablet lending: what six months taught us", "tablet-lending-what-six-months-taught-us"),
        ("Café culture", "cafe-culture"),
        ("Cafe\u{301} culture", "cafe-culture"),  // decomposed: the accent is its own scalar
        ("Ångström — Œuvre", "angstrom-uvre"),
        ("-- leading and trailing --", "leading-and-trailing"),
        ("  Hello,   World!  ", "hello-world"),
        ("C++ & C#", "c-c"),
        ("Ærø — Straße", "r-stra-e"),
        ("日本語のタイトル", "item"),
        ("", "item"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("../../etc/passwd", "etc-passwd"),
        (
            "A very long title that goes on and on about what the partners learned in a whole year of work",
            "a-very-long-title-that-goes-on-and-on-about-what-the"
        ),
    ])
    func slugs(title: String, slug: String) {
        #expect(SiteSlug.make(title) == slug)
        #expect(SiteSlug.make(title).count <= 60)
    }

    @Test func namesThatFoldTogetherGetDistinctSlugs() {
        let slugs = SiteSlug.unique(["C#", "C++", "c"], fallback: "tag")
        #expect(slugs == ["C#": "c", "C++": "c-2", "c": "c-3"])
    }
}
