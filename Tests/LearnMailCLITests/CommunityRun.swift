import Foundation

/// One community's config and data folder, and a way to run the learnmail executable on it.
struct CommunityRun {
    let folder: String
    let communityUser: String
    let community: String

    struct Result {
        var status: Int32
        var output: String
        /// Killed by a signal (a trap, SIGKILL) rather than exiting; `status` is then the signal.
        var died = false
    }

    /// Runs the real `learnmail` executable (built next to the test bundle) with this config.
    func learnmail(_ arguments: String...) throws -> Result {
        try LearnMailCLITests.learnmail(["--config", folder + "/learnmail.json"] + arguments)
    }

    static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("learnmail")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return Bundle.main.bundleURL.appendingPathComponent("learnmail")
    }
}
