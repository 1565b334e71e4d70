// A stand-in for `learnmail parse --stats` while that command does not exist: compiled by scripts/bench
// together with Sources/MIME/*.swift (swiftc -O). Same output line and the same work: every file read into
// memory first, then timed: Message(bytes) + fullyDecodedByteCount() (every leaf decoded, charsets converted).
import Foundation

@main
struct MIMEParseHarness {
    static func main() throws {
        let files = CommandLine.arguments.dropFirst().filter { $0 != "--stats" }
        let blobs = try files.map { Array(try Data(contentsOf: URL(fileURLWithPath: $0))) }
        let total = blobs.reduce(0) { $0 + $1.count }
        let clock = ContinuousClock()
        var decoded = 0
        let elapsed = clock.measure {
            for blob in blobs { decoded &+= Message(blob).fullyDecodedByteCount() }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "messages \(blobs.count), bytes \(total), seconds \(String(format: "%.3f", seconds)), "
                + "MB/s \(String(format: "%.1f", Double(total) / seconds / 1e6))")
        if decoded < 0 { print(decoded) }
    }
}
