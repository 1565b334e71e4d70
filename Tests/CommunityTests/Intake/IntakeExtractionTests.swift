import Foundation
import MIME
import Testing

@testable import Community

/// Every `Fixtures/contributions/NAME.eml` is extracted and compared, field by field, with the
/// contribution written by hand in `NAME.json` beside it.
@Suite struct IntakeExtractionTests {
    static let names = IntakeFixtures.names("contributions")

    @Test func thereAreEnoughFixtures() {
        #expect(Self.names.count >= 25)
    }

    @Test(arguments: names)
    func extraction(name: String) throws {
        let expected = try JSONDecoder().decode(
            Contribution.self, from: Data(IntakeFixtures.bytes("contributions", name, "json")))
        let message = IntakeFixtures.message("contributions", name)
        let extracted = ContributionExtractor.extract(message, rules: IntakeFixtures.rules)
        let got = extracted.contribution
        #expect(AutomatedMail.classify(message) == nil, "a person's contribution is not automated mail")
        #expect(got.title == expected.title)
        #expect(got.contributor == expected.contributor)
        #expect(got.organisation == expected.organisation)
        #expect(got.learningArea == expected.learningArea)
        #expect(got.tags == expected.tags)
        #expect(got.summary == expected.summary)
        #expect(got.body == expected.body)
        #expect(got.links == expected.links)
        #expect(got.attachments == expected.attachments)
        #expect(got.messageId == expected.messageId)
        #expect(got.forwardedFrom == expected.forwardedFrom)
        for record in got.attachments {
            #expect(extracted.attachmentData[record.storedName]?.count == record.size)
            #expect(!record.storedName.contains("/") && !record.storedName.contains("\\"))
            #expect(!record.storedName.hasPrefix("."))
            #expect(record.storedName.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 })
        }
        // The JSON round-trips (extract --json prints exactly this shape).
        let json = try JSONEncoder().encode(got)
        #expect(try JSONDecoder().decode(Contribution.self, from: json) == got)
    }
}
