// libFuzzer target: what a token endpoint or a server sends back to an OAuth 2.0 sign-in: token and
// error JSON, device authorization, a whole session renewing and polling with that body
// (Tests/CommunityTests/OAuthFuzzPaths.swift), and the base64 JSON challenge of a refused
// XOAUTH2/OAUTHBEARER login (Tests/TransportTests/BearerFuzzPaths.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOAuth(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    OAuthFuzzPaths.tokenEndpoint(bytes)
    BearerFuzzPaths.challenge(bytes)
    return 0
}
