import Testing
@testable import LearnMailCLI

