#if DEBUG
    import Foundation

    /// A message that really kills the process, for the tests of poison-message isolation
    /// (`IntakeAttempts`): in debug builds only, `LEARNMAIL_DEBUG_CRASH_ON_SUBJECT=TEXT` makes the
    /// intake trap, as a bug in a parser would, on a message whose Subject contains TEXT. Release
    /// builds have no such switch.
    enum DebugCrash {
        static let subjectText: String? = {
            let text = ProcessInfo.processInfo.environment["LEARNMAIL_DEBUG_CRASH_ON_SUBJECT"] ?? ""
            return text.isEmpty ? nil : text
        }()

        static func trapIfAsked(subject: String?) {
            guard let text = subjectText, let subject, subject.contains(text) else { return }
            fatalError("LEARNMAIL_DEBUG_CRASH_ON_SUBJECT: trapping on a message whose subject contains “\(text)”")
        }
    }
#endif
