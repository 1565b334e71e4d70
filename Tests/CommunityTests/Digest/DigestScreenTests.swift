import Foundation
import Testing

/// Loads the golden sample digest in headless Chromium at 375 and 1200 px (scripts/screenshot-digest
/// --check) and fails when the page scrolls sideways. Runs when Chromium is installed; with CI set it
/// always runs (the script installs Chromium), so that CI can never skip it silently.
@Suite struct DigestScreenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var chromiumInstalled: Bool {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }
    static var shouldRun: Bool { chromiumInstalled || ProcessInfo.processInfo.environment["CI"] != nil }

    @Test(
        .enabled(if: shouldRun, "Chromium is not installed (set CI=1 to install it and run)"), .timeLimit(.minutes(5)))
    func sampleDigestDoesNotScrollSideways() throws {
        let process = Process()
        process.executableURL = Self.root.appendingPathComponent("scripts/screenshot-digest")
        process.arguments = ["--check"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        var measured: [Int: Int] = [:]
        for line in text.split(separator: "\n") {
            // width=375 scrollWidth=375
            let fields = line.split(separator: " ").map { $0.split(separator: "=") }
            guard fields.count == 2, fields.allSatisfy({ $0.count == 2 }), let w = Int(fields[0][1]),
                let s = Int(fields[1][1])
            else { continue }
            measured[w] = s
        }
        #expect(measured.keys.sorted() == [375, 1200], "chromium output: \(text)")
        for (width, scroll) in measured {
            #expect(scroll <= width, "the digest scrolls sideways at \(width) px (scrollWidth \(scroll))")
        }
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
