/// The words after the command, split into positionals, flags (`--json`) and options
/// (`--reason TEXT`). Options are declared so that their value is never taken for a positional.
struct Arguments {
    var positionals: [String] = []
    var flags: Set<String> = []
    var options: [String: String] = [:]

    init(_ words: [String], options optionNames: Set<String> = [], flags flagNames: Set<String>) throws {
        var index = 0
        var onlyPositionals = false
        while index < words.count {
            let word = words[index]
            index += 1
            if onlyPositionals || !word.hasPrefix("--") || word == "-" {
                positionals.append(word)
            } else if word == "--" {
                onlyPositionals = true
            } else if let equals = word.firstIndex(of: "=") {
                let name = String(word[word.index(word.startIndex, offsetBy: 2)..<equals])
                guard optionNames.contains(name) else { throw UsageError("unknown option --\(name)") }
                options[name] = String(word[word.index(after: equals)...])
            } else {
                let name = String(word.dropFirst(2))
                if optionNames.contains(name) {
                    guard index < words.count else { throw UsageError("--\(name) needs a value") }
                    options[name] = words[index]
                    index += 1
                } else if flagNames.contains(name) {
                    flags.insert(name)
                } else {
                    throw UsageError("unknown option --\(name)")
                }
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// A mistake in how learnmail was called: exit status 2 and a pointer to `help`.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

// CommandError (exit status 1) and UnreachableError (exit status 3) live in MailAdapters, whose
// adapters throw them too.
