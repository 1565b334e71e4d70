// libFuzzer target: text through the moderation reply and command parsers, subject tokens,
// subscription commands and the bounce recipient finder (Tests/CommunityTests/IntakeFuzzPaths.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommand(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    IntakeFuzzPaths.command(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
