import Foundation
import Testing

@testable import Community

@Suite struct IntakeModelTests {
    static let received = Date(timeIntervalSince1970: 1_795_425_300)  // 2026-11-23T09:15:00Z

    static func sampleItem() -> LearningItem {
        let contribution = Contribution(
            title: "Tablet loans", contributor: Person(name: "Ann Example", address: "Ann@Example.org"),
            organisation: nil, learningArea: "General", tags: ["tablets"], summary: "We lent tablets.",
            body: "We lent tablets.", links: ["https://example.org/a"],
            attachments: [
                AttachmentRecord(
                    filename: "plan.pdf", storedName: "1-plan.pdf", contentType: "application/pdf", size: 3)
            ],
            messageId: "abc@example.org")
        return LearningItem(
            id: 42, status: .pending, contribution: contribution, receivedAt: received,
            history: [HistoryEntry(at: received, action: "received", by: "ann@example.org")])
    }

    @Test func itemJSONIsFlatWithISODates() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Self.sampleItem())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["id"] as? Int == 42)
        #expect(object["status"] as? String == "pending")
        #expect(object["title"] as? String == "Tablet loans")
        #expect(object["receivedAt"] as? String == "2026-11-23T09:15:00Z")
        #expect(object["organisation"] is NSNull)
        #expect(object["contribution"] == nil)
        let history = try #require(object["history"] as? [[String: Any]])
        #expect(history.first?["at"] as? String == "2026-11-23T09:15:00Z")
        #expect((object["contributor"] as? [String: Any])?["address"] as? String == "ann@example.org")
        let back = try JSONDecoder().decode(LearningItem.self, from: data)
        #expect(back == Self.sampleItem())
    }

    @Test(arguments: [
        ("2026-11-23T09:15:00Z", 1_795_425_300.0),
        ("1970-01-01T00:00:00Z", 0),
        ("2000-02-29T23:59:59Z", 951_868_799),
        ("1969-12-31T23:59:59Z", -1),
    ])
    func iso8601RoundTrip(text: String, seconds: Double) {
        #expect(ISO8601UTC.string(from: Date(timeIntervalSince1970: seconds)) == text)
        #expect(ISO8601UTC.date(from: text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        ("2026-11-23T10:15:00+01:00", 1_795_425_300.0), ("2026-11-23T09:15:00.000Z", 1_795_425_300),
    ])
    func iso8601AcceptsOffsets(text: String, seconds: Double) {
        #expect(ISO8601UTC.date(from: text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["", "2026-13-01T00:00:00Z", "2026-11-23 09:15", "2026-11-23T09:15:00", "x"])
    func iso8601RejectsGarbage(text: String) {
        #expect(ISO8601UTC.date(from: text) == nil)
    }
}
