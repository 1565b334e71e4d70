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
        if personal.prefix.isEmpty || name.hasPrefix(personal.prefix) || name.uppercased() == "INBOX" {
            return name
        }
        // Some servers report "INBOX." while names compare case-insensitively only for INBOX (RFC 3501 §5.1).
        if name.uppercased().hasPrefix(personal.prefix.uppercased()) && personal.prefix.uppercased().hasPrefix("INBOX")
        {
            return name
        }
        return personal.prefix + name
    }
}
