// libFuzzer target: a moderator's reply to the digest preview → `DigestPreviewReply.parse`,
// `DigestPreviewToken.find` and the confirmation mail (Tests/CommunityTests/PreviewFuzzPaths.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPreview(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PreviewFuzzPaths.reply(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
