import Foundation
import Testing

/// config/learnmail.service passes `systemd-analyze verify` (systemd's own check of a unit: keys, values,
/// the command's path). ExecStart is pointed at the built binary, since /usr/local/bin/learnmail is not
/// installed here. verify exits 0 even for an unknown key or a bad value (it only warns), so any output
/// fails the test; a deliberately broken unit shows that the check can fail.
@Suite("systemd unit")
struct SystemdUnitTests {
    static let analyze = "/usr/bin/systemd-analyze"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: analyze) }

    static let unitFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/learnmail.service").path

    /// `systemd-analyze verify` on `text` saved as a unit; its exit status and everything it printed.
    func verify(_ text: String, name: String = "learnmail.service") throws -> (status: Int32, output: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lm-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let unit = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: unit)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.analyze)
        process.arguments = ["verify", "--man=no", unit.path]
        // With no terminal, systemd logs to the journal when it can: its findings must come here.
        var environment = ProcessInfo.processInfo.environment
        environment["SYSTEMD_LOG_TARGET"] = "console"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test(
        .enabled(
            if: available,
            "systemd-analyze is missing: scripts/install-deps test installs the systemd package"))
    func theUnitPassesSystemdAnalyzeVerify() throws {
        let text = try String(contentsOfFile: Self.unitFile, encoding: .utf8)
        #expect(text.contains("ExecStart=/usr/local/bin/learnmail "))
        let unit = text.replacingOccurrences(of: "/usr/local/bin/learnmail", with: CommunityRun.executable.path)
        let result = try verify(unit)
        #expect(result.status == 0 && result.output.isEmpty, "systemd-analyze verify: \(result.output)")

        let broken = try verify(unit.replacingOccurrences(of: "Restart=on-failure", with: "Restart=sometimes"))
        #expect(
            broken.output.contains("sometimes"),
            "a bad value is reported: status \(broken.status), output \(broken.output)")
    }
}
