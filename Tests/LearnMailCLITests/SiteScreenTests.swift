import Foundation
import Testing

/// The demo's knowledge hub in headless Chromium (scripts/screenshot-site --check): the home page,
/// an item page, the learning set's page and a search, at 375 and 1200 px, none scrolling
/// sideways and the search finding items. Runs when Chromium is installed; with CI set it always
/// runs (the script installs Chromium), so that CI can never skip it silently.
@Suite struct SiteScreenTests {
    static var shouldRun: Bool {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        } || ProcessInfo.processInfo.environment["CI"] != nil
    }

    @Test(
        .enabled(if: shouldRun, "Chromium is not installed (set CI=1 to install it and run)"), .timeLimit(.minutes(5)))
    func theDemoHubReadsAtPhoneAndDesktopWidthsAndSearches() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-site-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let demo = try learnmail(["demo", "--folder", folder, "--samples", samplesFolder])
        #expect(demo.status == 0, "\(demo.output)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: samplesFolder).deletingLastPathComponent()
            .appendingPathComponent("scripts/screenshot-site")
        process.arguments = ["--check", folder + "/site", "nhs app"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.standardError
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // page=search width=375 scrollWidth=375 results=2
        var seen: Set<String> = []
        for line in text.split(separator: "\n") {
            let fields = Dictionary(
                line.split(separator: " ").compactMap { pair -> (String, String)? in
                    let kv = pair.split(separator: "=", maxSplits: 1)
                    return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
                }, uniquingKeysWith: { a, _ in a })
            guard let page = fields["page"], let width = fields["width"].flatMap({ Int($0) }),
                let scroll = fields["scrollWidth"].flatMap({ Int($0) })
            else { continue }
            seen.insert("\(page)@\(width)")
            #expect(scroll <= width, "\(page) scrolls sideways at \(width) px (scrollWidth \(scroll))")
            if page == "search" { #expect((fields["results"].flatMap { Int($0) } ?? 0) >= 1, "\(line)") }
        }
        #expect(
            seen == [
                "home@375", "home@1200", "item@375", "item@1200", "set@375", "set@1200", "search@375", "search@1200",
            ],
            "chromium output: \(text)")
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
