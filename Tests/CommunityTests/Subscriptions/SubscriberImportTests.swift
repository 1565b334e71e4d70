import CommunityFakes
import Foundation
import Testing

@testable import Community

@Suite struct SubscriberImportTests {
    let now = subscriberDate("2026-11-23T09:15:00Z")

    @Test func importsAMailchimpStyleExportWithHeader() {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        let csv =
            "\u{FEFF}\"Email Address\",\"First Name\",\"Name\"\r\n"
            + "\"ann@example.org\",\"Ann\",\"Ann Example\"\r\n"
            + "\"BOB@Example.org\",\"Bob\",\"Bob, the builder\"\r\n"
            + "\"ann@example.org\",\"Ann\",\"Ann again\"\r\n"
            + "\"not-an-address\",\"X\",\"\"\r\n"
            + "\r\n"
            + "\"carol@example.org\",\"Carol\",\"Carol \"\"CJ\"\" Jones\"\r\n"
        let report = list.importCSV(csv, now: now, using: &rng)
        #expect(report.added == ["ann@example.org", "bob@example.org", "carol@example.org"])
        #expect(report.duplicates == ["ann@example.org"])
        #expect(report.invalid.map(\.line) == [5])
        #expect(report.invalid.first?.reason.contains("not an email address") == true)
        #expect(list.subscriber(address: "bob@example.org")?.name == "Bob, the builder")
        #expect(list.subscriber(address: "carol@example.org")?.name == "Carol \"CJ\" Jones")
        #expect(list.subscriber(address: "ann@example.org")?.source == "import")
        #expect(list.active.count == 3)
    }

    @Test func headerlessOneAddressPerLine() {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        let report = list.importCSV("ann@example.org\nbob@example.org\n\n  \nann@example.org", now: now, using: &rng)
        #expect(report.added == ["ann@example.org", "bob@example.org"])
        #expect(report.duplicates == ["ann@example.org"])
        #expect(report.invalid.isEmpty)
    }

    @Test func headerlessNameThenAddressAndSemicolons() {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        let report = list.importCSV(
            "Ann Example;ann@example.org\nBob;<bob@example.org>\nNo address here;x\n", now: now, using: &rng)
        #expect(report.added == ["ann@example.org", "bob@example.org"])
        #expect(list.subscriber(address: "ann@example.org")?.name == "Ann Example")
        #expect(report.invalid.map(\.line) == [3])
        #expect(report.invalid.first?.reason == "no email address in this row")
    }

    @Test func quotedFieldsSpanningLinesKeepLineNumbers() {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        let csv = "email,notes\nann@example.org,\"line one\nline two\"\nbad@,x\nbob@example.org,ok\n"
        let report = list.importCSV(csv, now: now, using: &rng)
        #expect(report.added == ["ann@example.org", "bob@example.org"])
        #expect(report.invalid.map(\.line) == [4])
    }

    @Test func doesNotReAddPeopleWhoLeftButActivatesPending() throws {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        try list.add("gone@example.org", now: now, using: &rng)
        try list.unsubscribe("gone@example.org", now: now)
        try list.add("bounced@example.org", now: now, using: &rng)
        list.setStatus(.disabled, of: "bounced@example.org", now: now)
        try list.add("active@example.org", now: now, using: &rng)
        var pending = SubscriberList.newSubscriber(
            "pending@example.org", name: nil, status: .pending, now: now, source: "email", using: &rng)
        pending.confirmation = PendingConfirmation(token: "abcdefghabcdefgh", expiresAt: now + 3600)
        list.upsert(pending)
        let report = list.importCSV(
            "email\ngone@example.org\nbounced@example.org\nactive@example.org\npending@example.org\n", now: now + 60,
            using: &rng)
        #expect(report.skipped.map(\.text) == ["gone@example.org", "bounced@example.org"])
        #expect(report.skipped.map(\.line) == [2, 3])
        #expect(report.alreadyActive == ["active@example.org"])
        #expect(report.activated == ["pending@example.org"])
        #expect(list.subscriber(address: "gone@example.org")?.status == .unsubscribed)
        #expect(list.subscriber(address: "pending@example.org")?.status == .active)
        #expect(list.subscriber(address: "pending@example.org")?.confirmation == nil)
        #expect(report.description.hasPrefix("imported: 0 added, 1 activated, 1 already subscribed"))
        #expect(report.description.contains("line 2: gone@example.org: skipped, unsubscribed on 2026-11-23"))
    }

    @Test(arguments: [
        ("", 0),
        ("\n\n", 0),
        ("\"unclosed@example.org", 1),
        ("a@example.org,\"x\"\"", 1),
    ])
    func oddInputNeverCrashes(csv: String, added: Int) {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        #expect(list.importCSV(csv, now: now, using: &rng).added.count == added)
    }

    @Test func tenThousandRowsImportQuickly() {
        var rng = SplitMix64(seed: 42)
        var list = SubscriberList()
        let csv = (0..<10_000).map { "Person \($0),person\($0)@example.org" }.joined(separator: "\n")
        let start = Date()
        let report = list.importCSV(csv, now: now, using: &rng)
        #expect(report.added.count == 10_000)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func csvReaderRecords() {
        let r = CSVReader.records("a,\"b,c\", d \r\n\"x\"\"y\",,\n")
        #expect(r == [.init(line: 1, fields: ["a", "b,c", "d"]), .init(line: 2, fields: ["x\"y", "", ""])])
    }
}
