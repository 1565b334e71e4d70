import Foundation
import LearnMailCLI

exit(LearnMail.main(arguments: Array(CommandLine.arguments.dropFirst())))
