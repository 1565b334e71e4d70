import Community
import Foundation

/// `learnmail site build [DIR]`: the knowledge hub from every published item.
struct SiteCommand {
    let context: CommandContext

    func run(_ words: [String]) throws {
        let arguments = try Arguments(words, flags: [])
        guard arguments.positionals.first == "build", arguments.positionals.count <= 2 else {
            throw UsageError("usage: site build [DIR]")
        }
        let config = try context.loadConfig()
        let directory: String
        if arguments.positionals.count == 2 {
            directory = URL(fileURLWithPath: arguments.positionals[1]).standardizedFileURL.path
        } else if let configured = config.site.directory {
            directory = configured
        } else {
            throw UsageError("say where to build the site: site build DIR, or set site.directory in the config")
        }
        let runtime = try Runtime(config: config, terminal: Terminal.quiet)
        let start = Date()
        let build = try runtime.engine.site.build(into: directory)
        let r = build.report
        let t = context.terminal
        t.print("Built the knowledge hub in \(directory) from \(build.items) published item(s)")
        t.print(
            "  \(r.written.count) file(s) written, \(r.unchanged) unchanged, \(r.removed.count) removed, "
                + "\(r.attachmentsCopied) attachment(s) copied, in \(String(format: "%.2f", Date().timeIntervalSince(start))) s"
        )
        for missing in r.missingAttachments { t.print("  missing from the spool, not published: \(missing)") }
        t.print("  Open \(directory)/index.html, or serve the folder with any web server.")
    }
}
