// libFuzzer target: SMTP reply text as the sinks report it ("CODE TEXT") → `ServerAnswer`, the
// outbox's decision and the retry policy (Tests/CommunityTests/SMTPAnswerFuzzPaths.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSMTPAnswer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SMTPAnswerFuzzPaths.answers(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
