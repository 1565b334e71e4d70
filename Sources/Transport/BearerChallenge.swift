import Foundation

/// The server's answer to a refused bearer token: a base64 JSON challenge, `{"status":"401",
/// "schemes":"bearer","scope":"…"}` (Google's XOAUTH2) or `{"status":"invalid_token",…}` (RFC 7628
/// §3.2.2, OAUTHBEARER), sent as an IMAP continuation (`+ eyJ…`) or an SMTP `334 eyJ…` reply.
struct BearerChallenge: Equatable {
    var status: String
    var scope: String?

    /// The last challenge among the protocol lines libcurl received, if any.
    static func find(in headers: [UInt8]) -> BearerChallenge? {
        let lines = String(decoding: headers, as: UTF8.self).split(whereSeparator: \.isNewline)
        for line in lines.reversed() {
            let payload: Substring
            if line.hasPrefix("+ ") {
                payload = line.dropFirst(2)
            } else if line.hasPrefix("334 ") {
                payload = line.dropFirst(4)
            } else {
                continue
            }
            if let challenge = parse(String(payload.trimmingCharacters(in: .whitespaces))) { return challenge }
        }
        return nil
    }

    static func parse(_ base64: String) -> BearerChallenge? {
        var text = base64
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        let status = (object["status"] as? String) ?? (object["status"] as? NSNumber)?.stringValue
        guard let status else { return nil }
        return BearerChallenge(status: status, scope: object["scope"] as? String)
    }

    /// What the status means, for the administrator.
    var explanation: String {
        let scopeText = scope.map { " (the server wants scope \($0))" } ?? ""
        switch status {
        case "invalid_token", "401":
            return "the server refused the access token as invalid or expired\(scopeText)"
        case "insufficient_scope", "403":
            return "the access token lacks the permission the server needs\(scopeText) — grant the IMAP/SMTP "
                + "permissions to the app and sign in again"
        default:
            return "the server refused the access token (status \(status))\(scopeText)"
        }
    }
}
