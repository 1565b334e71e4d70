/// Where "handled" messages are moved: the configured folder name placed in the server's personal namespace.
///
/// Cyrus and Courier refuse `CREATE Processed`: personal folders live under the `INBOX.` prefix that
/// NAMESPACE reports (RFC 2342), with `.` as separator. A name the user already wrote with the prefix, or
/// `INBOX` itself, is kept. A `/` in the configured name means "sub-folder" and becomes the delimiter.
public enum ProcessedFolder {
    public static func resolve(_ configured: String, personal: NamespaceDescriptor?) -> String {
        guard let personal else { return configured }
        var name = configured
        if let delimiter = personal.delimiter, delimiter != "/" {
            name = name.split(separator: "/", omittingEmptySubsequences: false).joined(separator: delimiter)
        }
        if personal.prefix.isEmpty || name.hasPrefix(personal.prefix) || StatusResponse.isInbox(name) {
            return name
        }
        // Some servers report "INBOX." while names compare case-insensitively only for INBOX (RFC 3501 §5.1).
        // ASCII case only: full case mapping would take "ınbox." (dotless ı) for "INBOX.".
        let prefix = Array(personal.prefix.utf8)
        if prefix.count >= 5, StatusResponse.isInbox(String(decoding: prefix[..<5], as: UTF8.self)),
            name.utf8.count >= prefix.count,
            zip(name.utf8, prefix).allSatisfy({ ResponseCursor.upper($0) == ResponseCursor.upper($1) })
        {
            return name
        }
        return personal.prefix + name
    }
}
