import Testing

@testable import MIME

/// RFC 5322 section 3.3 dates and the obsolete/broken forms of section 4.3 and the wild.
struct MessageDateTests {
    @Test(arguments: [
        ("Mon, 23 Nov 2026 09:15:00 +0000", "2026-11-23T09:15:00+00:00"),
        ("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T09:55:06-06:00"),
        ("Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T10:52:37+02:00"),
        ("1 Jul 2003 10:52:37 +0200", "2003-07-01T10:52:37+02:00"),
        ("Tue, 1 Jul 2003 10:52 +0200", "2003-07-01T10:52:00+02:00"),
        ("Tue, 1 Jul 03 10:52:37 +0200", "2003-07-01T10:52:37+02:00"),
        ("Tue, 1 Jul 97 10:52:37 +0200", "1997-07-01T10:52:37+02:00"),
        ("Tue, 1 Jul 103 10:52:37 +0200", "2003-07-01T10:52:37+02:00"),
        ("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06+00:00"),
        ("Thu, 13 Feb 1969 23:32:54 -0330", "1969-02-13T23:32:54-03:30"),
        ("Sun, 27 Oct 2002 23:57:07 EST", "2002-10-27T23:57:07-05:00"),
        ("Sun, 27 Oct 2002 23:57:07 UT", "2002-10-27T23:57:07+00:00"),
        ("Sun, 27 Oct 2002 23:57:07 -0000", "2002-10-27T23:57:07+00:00"),
        ("Sun, 27 Oct 2002 23:57:07", "2002-10-27T23:57:07+00:00"),
        ("Sun, 27 Oct 2002 23:57:07 +0100 (CET)", "2002-10-27T23:57:07+01:00"),
        ("Tue, 1 Jul 2003 ((tricky)\n comment) 10:52:37 +0200", "2003-07-01T10:52:37+02:00"),
        ("Tue Jul  1 10:52:37 2003", "2003-07-01T10:52:37+00:00"),
        ("2003-07-01 10:52:37 +0200", "2003-07-01T10:52:37+02:00"),
        ("Thu, 10 Jul 1997 14:53:31 EST5EDT", "1997-07-10T14:53:31-05:00"),
        ("by x with SMTP; Mon, 10 Oct 2022 10:31:15 -0700 (PDT)", "2022-10-10T10:31:15-07:00"),
        ("Mon, 31 Dec 2029 23:59:60 +0000", "2029-12-31T23:59:59+00:00"),
        ("Sat, 29 Feb 2020 12:00:00 +0000", "2020-02-29T12:00:00+00:00"),
    ])
    func parses(_ text: String, _ iso: String) {
        #expect(MessageDate(parsing: text)?.iso8601 == iso)
    }

    @Test(arguments: [
        "", "garbage", "13 zzz 2021 09:55:06 +0200", "Tue, 7 00 2026 19:14:51 +0000", "32 Jan 2020 10:00 +0000",
        "1 Jan 2020 25:00 +0000", "30 Feb 2020 10:00 +0000", "29 Feb 2021 10:00 +0000", "31 Apr 2021 10:00 +0000",
    ])
    func rejects(_ text: String) {
        #expect(MessageDate(parsing: text) == nil)
    }

    /// The allocation-free reader of the common form answers for it and agrees with the general parser
    /// wherever it answers; every other form is left to the general parser.
    @Test(arguments: [
        ("Mon, 23 Nov 2026 09:15:00 +0000", true), ("1 Jul 2003 10:52:37 +0200", true),
        ("Tue, 1 Jul 2003 10:52 +0200", true), ("  Thu,\t13 Feb 1969  23:32:54 -0330  ", true),
        ("Sun, 27 Oct 2002 23:57:07 +0100 (CET)", true), ("mon, 23 nov 2026 09:15:00 +0000", true),
        ("Mon, 31 Dec 2029 23:59:60 +0000", true), ("Sat, 29 Feb 2020 12:00:00 +0000", true),
        ("30 Feb 2020 10:00:00 +0000", true),  // answers nil, as the general parser does
        ("Jan, 23 Nov 2026 09:15:00 +0000", false), ("Monday, 23 Nov 2026 09:15:00 +0000", false),
        ("23 Nov 2026 09:15:00 +0160", false), ("23 Nov 2026 09:15:00 +0100 (CET) x", false),
        ("23 Nov 2026 9:15:00 +0100", false), ("023 Nov 2026 09:15:00 +0100", false),
        ("23 Nov 26 09:15:00 +0100", false), ("23 Nov 2026 09:15:00 GMT", false), ("23 Nov 2026 09:15:00", false),
        ("by x; Mon, 10 Oct 2022 10:31:15 -0700", false), ("Tue Jul  1 10:52:37 2003", false), ("", false),
    ])
    func canonicalFormReadFromBytes(_ text: String, _ isCanonical: Bool) {
        let bytes = Array(text.utf8)
        let fast = bytes.withUnsafeBufferPointer { MessageDate(canonical: $0) }
        if isCanonical {
            #expect(fast == MessageDate(parsing: text))
        } else {
            #expect(fast == nil)
        }
    }

    @Test func instantIsUTC() {
        let d = MessageDate(parsing: "Thu, 01 Jan 1970 01:00:00 +0100")
        #expect(d?.date.timeIntervalSince1970 == 0)
        #expect(d?.offsetSeconds == 3600)
    }
}
