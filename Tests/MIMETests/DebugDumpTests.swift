import Foundation
import Testing

@testable import MIME

/// Prints the summary of the files named in $MIME_DUMP (development aid; does nothing otherwise).
struct DebugDumpTests {
    @Test func dump() {
        guard let list = ProcessInfo.processInfo.environment["MIME_DUMP"] else { return }
        for path in list.split(separator: ",") {
            let m = Message(CorpusSupport.bytes(URL(fileURLWithPath: String(path))))
            print("DUMP \(path): \(m.summary.jsonLine())")
            print("NOTES \(m.notes)")
        }
    }
}
