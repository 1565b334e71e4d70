import Testing
@testable import MIME

