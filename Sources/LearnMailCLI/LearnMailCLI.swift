import Foundation

/// Entry point of the command line; returns the process exit status (see DESIGN.md).
public enum LearnMail {
    public static func main(arguments: [String]) -> Int32 {
        print("learnmail: not built yet")
        return 2
    }
}
