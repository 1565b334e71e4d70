// libFuzzer target: TNEF.attachments on arbitrary bytes; every attachment must lie within the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTNEF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let files = TNEF.attachments(in: bytes)
    precondition(files.reduce(0) { $0 + $1.data.count } <= size, "TNEF attachments larger than the input")
    return 0
}
