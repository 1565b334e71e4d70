import Community
import Foundation
import MailAdapters

/// Entry point of the command line; returns the process exit status (DESIGN.md):
/// 0 success, 1 an error the message explains, 2 a usage error, 3 a server unreachable.
public enum LearnMail {
    public static func main(
        arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    )
        -> Int32
    {
        let terminal = Terminal()
        do {
            var words = arguments
            // --config may stand anywhere; every command takes it.
            var configPath = environment["LEARNMAIL_CONFIG"]
            if let index = words.firstIndex(where: { $0 == "--config" || $0.hasPrefix("--config=") }) {
                if words[index] == "--config" {
                    guard index + 1 < words.count else { throw UsageError("--config needs a file") }
                    configPath = words[index + 1]
                    words.removeSubrange(index...(index + 1))
                } else {
                    configPath = String(words[index].dropFirst("--config=".count))
                    words.remove(at: index)
                }
            }
            let context = CommandContext(
                terminal: terminal, environment: environment, explicitConfig: configPath)
            guard let command = words.first else {
                terminal.print(HelpText.overview)
                return 2
            }
            let rest = Array(words.dropFirst())
            switch command {
            case "help", "--help", "-h": terminal.print(HelpText.overview)
            case "demo": try DemoCommand(context: context).run(rest)
            case "run": try RunCommand(context: context).run(rest)
            case "parse": try ParseCommand(context: context).run(rest)
            case "extract": try ExtractCommand(context: context).run(rest)
            case "queue": try QueueCommand(context: context).run(rest)
            case "subscribers": try SubscribersCommand(context: context).run(rest)
            case "digest": try DigestCommand(context: context).run(rest)
            case "site": try SiteCommand(context: context).run(rest)
            case "check": try CheckCommand(context: context).run(rest)
            case "status": try StatusCommand(context: context).run(rest)
            case "auth": try AuthCommand(context: context).run(rest)
            default: throw UsageError("unknown command '\(command)'")
            }
            return 0
        } catch let error as UsageError {
            terminal.error("learnmail: \(error.description)\nRun 'learnmail help' for the commands and options.")
            return 2
        } catch let error as UnreachableError {
            terminal.error("learnmail: \(error.description)")
            return 3
        } catch {
            terminal.error("learnmail: \(error)")
            return 1
        }
    }
}

/// What every command needs: output, the environment and a way to the config.
struct CommandContext {
    let terminal: Terminal
    let environment: [String: String]
    let explicitConfig: String?

    var configPath: String { explicitConfig ?? "config/learnmail.json" }

    func loadConfig() throws -> Config {
        try Config.load(file: configPath)
    }
}
