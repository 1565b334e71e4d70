/// An enhanced mail system status code (RFC 3463 §2; RFC 2034 puts it at the start of a reply's
/// text): `class "." subject "." detail`, e.g. `5.1.1` (bad destination mailbox) or `4.7.1`
/// (delivery not authorized: a throttling server's usual word).
public struct EnhancedStatus: Sendable, Hashable, CustomStringConvertible {
    /// 2 success, 4 persistent transient failure, 5 permanent failure.
    public let statusClass: Int
    public let subject: Int
    public let detail: Int
    /// As written (`4.07.1` keeps its zero), so that what is stored and shown is what the server said.
    public let description: String

    /// `status-code = class "." subject "." detail`; `class = "2" / "4" / "5"`;
    /// `subject = 1*3digit`; `detail = 1*3digit`. Nil for anything else.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, ["2", "4", "5"].contains(parts[0]),
            parts.dropFirst().allSatisfy({ part in
                (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
            }),
            let statusClass = Int(parts[0]), let subject = Int(parts[1]), let detail = Int(parts[2])
        else { return nil }
        self.statusClass = statusClass
        self.subject = subject
        self.detail = detail
        description = String(text)
    }

    /// The status at the start of a reply's text (`5.1.1 <x@y>: User unknown` → `5.1.1`), or nil.
    public init?(startOf text: some StringProtocol) {
        guard let first = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).first else {
            return nil
        }
        self.init(first)
    }
}
