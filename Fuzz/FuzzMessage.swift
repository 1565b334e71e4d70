// libFuzzer target: the whole-message parse as ingest uses it, plus full decoding and the JSON summary.
// Built by scripts/fuzz together with Sources/MIME/*.swift (same module, so internal API is visible).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let message = Message(bytes)
    _ = message.fullyDecodedByteCount()
    _ = message.textBody
    _ = message.htmlBody
    for attachment in message.attachments { _ = attachment.data.count }
    _ = message.parts
    _ = try? JSONEncoder().encode(message.summary)
    return 0
}
