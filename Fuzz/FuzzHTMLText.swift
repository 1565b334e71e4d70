// libFuzzer target: HTMLText on arbitrary (UTF-8 repaired) input; output must stay linear in size.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLText(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let text = HTMLText.plainText(fromHTML: html)
    // Link targets are the only text that can appear twice; anything beyond 4× means a runaway writer.
    precondition(text.utf8.count <= 4 * html.utf8.count + 64, "HTMLText output grew beyond 4x its input")
    return 0
}
