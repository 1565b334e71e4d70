// libFuzzer target: arbitrary fields of a learning item → the knowledge hub's plan and the digest,
// with the hub's pages free of scripts and its Atom feeds well-formed
// (Tests/CommunityTests/SiteFuzzPaths.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSite(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SiteFuzzPaths.build(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
