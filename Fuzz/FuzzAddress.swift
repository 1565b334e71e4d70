// libFuzzer target: address and message-ID lists (Tests/MIMETests/AddressFuzzPaths.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAddress(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    AddressFuzzPaths.addresses(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
