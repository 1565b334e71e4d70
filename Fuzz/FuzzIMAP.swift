// libFuzzer target: the IMAP response parsers (Tests/IMAPTests/IMAPFuzzPaths.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIMAP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    IMAPFuzzPaths.responses(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
