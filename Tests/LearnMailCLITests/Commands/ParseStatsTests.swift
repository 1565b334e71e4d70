import Foundation
import Testing

@testable import LearnMailCLI

/// `parse --stats`: its figures are written as `String(format:)` would write them, and the read-ahead
/// hands out every file, in order, whatever the window (one file bigger than the window, many small
/// ones, unreadable ones in between).
struct ParseStatsTests {
    @Test(arguments: [0.0, 0.0004, 0.0005, 0.001, 0.123456, 0.9999, 1.5, 12.25, 315.84, 1234.5678])
    func fixedMatchesStringFormat(_ x: Double) {
        for digits in [1, 3] {
            let expected = String(format: "%.\(digits)f", x)
            let fixed = ParseCommand.fixed(x, digits: digits)
            // Halves may round either way (printf works on the exact binary value): one unit at most.
            let gap = abs(Double(fixed)! - Double(expected)!)
            #expect(fixed == expected || gap <= pow(10, -Double(digits)) * 1.0001, "\(x) \(digits)")
            #expect(fixed.split(separator: ".").last?.count == digits)
        }
    }

    @Test(arguments: [1, 100, 5000, 1 << 20])
    func readAheadHandsOutEveryFileInOrder(_ window: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("readahead-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var paths = [String]()
        var expected = [[UInt8]?]()
        for i in 0..<60 {
            let path = folder + "/\(i).eml"
            paths.append(path)
            if i % 17 == 5 {
                expected.append(nil)  // never written: a reading error in its place
                continue
            }
            let bytes = [UInt8](repeating: UInt8(i), count: (i * 977) % 3000 + (i == 30 ? 9000 : 0))
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            expected.append(bytes)
        }
        let reader = FileReadAhead(paths, aheadBytes: window)
        defer { reader.stop() }
        for (i, want) in expected.enumerated() {
            if let want {
                #expect(try reader.next() == want, "file \(i)")
            } else {
                #expect(throws: (any Error).self) { try reader.next() }
            }
        }
        #expect(try reader.next() == nil)
    }
}
