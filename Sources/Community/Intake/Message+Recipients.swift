import MIME

extension Message {
    /// Every address the mail was delivered to: To, Cc, and the envelope recipient as MTAs record
    /// it (Delivered-To, X-Original-To, Envelope-To, X-Envelope-To, X-Delivered-To), which is the
    /// only place a subaddress (`learning+mod-…`, `+unsubscribe-…`, `+bounce-…`) shows when the mail
    /// came by Bcc, a List-Unsubscribe mailto or a bounce. Lowercased, angle brackets removed.
    public var deliveryRecipients: [String] {
        var out = (to + cc).map(\.address)
        for name in ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Delivered-To"] {
            for value in headers.all(name) {
                for part in value.split(separator: ",") {
                    let address = part.filter { $0 != "<" && $0 != ">" && !$0.isWhitespace }.lowercased()
                    if address.contains("@") { out.append(address) }
                }
            }
        }
        return out
    }
}
