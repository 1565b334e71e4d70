import IMAP
import Testing

@Suite struct SearchResponseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var reply: String
        var range: ClosedRange<UInt32>
        var expected: [UInt32]?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "plain SEARCH", reply: "* SEARCH 5 7 6\r\nA3 OK Search completed\r\n", range: 1...UInt32.max,
            expected: [5, 6, 7]),
        Case(
            name: "Dovecot/Cyrus: n:* returns the highest UID below n", reply: "* SEARCH 4\r\n", range: 10...UInt32.max,
            expected: []),
        Case(name: "Courier: empty SEARCH", reply: "* SEARCH\r\n", range: 1...UInt32.max, expected: []),
        Case(name: "empty SEARCH with trailing space", reply: "* SEARCH \r\n", range: 1...UInt32.max, expected: []),
        Case(
            name: "bounded range filters both ends", reply: "* SEARCH 1 2 3 4 5\r\n", range: 2...4, expected: [2, 3, 4]),
        Case(name: "duplicates removed", reply: "* SEARCH 3 3 2\r\n", range: 1...10, expected: [2, 3]),
        Case(
            name: "split over two responses", reply: "* SEARCH 1 2\r\n* SEARCH 9\r\n", range: 1...10,
            expected: [1, 2, 9]),
        Case(
            name: "CONDSTORE MODSEQ suffix", reply: "* SEARCH 2 5 (MODSEQ 917162500)\r\n", range: 1...10,
            expected: [2, 5]),
        Case(
            name: "ESEARCH ALL with ranges", reply: "* ESEARCH (TAG \"A282\") UID ALL 2,10:12,5\r\n", range: 1...100,
            expected: [2, 5, 10, 11, 12]),
        Case(
            name: "ESEARCH MIN MAX", reply: "* ESEARCH (TAG \"A1\") UID MIN 3 MAX 9 COUNT 4\r\n", range: 1...100,
            expected: [3, 9]),
        Case(name: "ESEARCH nothing found", reply: "* ESEARCH (TAG \"A1\") UID\r\n", range: 1...100, expected: []),
        Case(
            name: "hostile huge range is clamped", reply: "* ESEARCH UID ALL 1:4294967295\r\n", range: 10...12,
            expected: [10, 11, 12]),
        Case(name: "no search response at all", reply: "A3 OK nothing\r\n", range: 1...10, expected: nil),
        Case(name: "garbage after SEARCH", reply: "* SEARCH x1\r\n", range: 1...10, expected: nil),
        Case(name: "case-insensitive keyword", reply: "* search 8\r\n", range: 1...10, expected: [8]),
        Case(
            name: "number over 32 bits is not a UID", reply: "* SEARCH 4294967296\r\n", range: 1...UInt32.max,
            expected: nil),
    ]

    @Test(arguments: cases)
    func parsesSearch(_ test: Case) {
        let response = SearchResponse.parse(Array(test.reply.utf8))
        let uids = response?.uids(in: UID(test.range.lowerBound)...UID(test.range.upperBound)).map(\.value)
        #expect(uids == test.expected)
    }

    @Test func longReplyOf20000UIDs() {
        let reply = "* SEARCH " + (1...20_000).map(String.init).joined(separator: " ") + "\r\n"
        let uids = SearchResponse.parse(Array(reply.utf8))?.uids(in: UID(1)...UID(20_000))
        #expect(uids?.count == 20_000)
        #expect(uids?.last == UID(20_000))
    }
}

@Suite struct SearchLimitTests {
    @Test func limitKeepsTheLowestUIDs() {
        let response = SearchResponse.parse(Array("* ESEARCH UID ALL 900:1000,5,1:4294967295\r\n".utf8))
        let uids = response?.uids(in: UID(1)...UID.max, limit: 10)
        #expect(uids?.map(\.value) == Array(1...10))
    }

    @Test func overlappingRangesAreMerged() {
        let response = SearchResponse.parse(Array("* ESEARCH UID ALL 5:10,1:7,10,4294967295\r\n".utf8))
        #expect(response?.uids(in: UID(1)...UID.max).map(\.value) == Array(1...10) + [UInt32.max])
    }
}
