// libFuzzer target: raw bytes through `Message` and every pure path intake takes behind it
// (Tests/CommunityTests/IntakeFuzzPaths.swift). Built by scripts/fuzz with Sources/Community and
// Sources/MIME as one module.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIntake(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    IntakeFuzzPaths.intake(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
