/// The small community the engine flow suites run, as text: its `learnmail.json` (a Maildir in, a
/// folder out) and a partner's contribution. CommunityTests runs it on mail in memory (EngineFlow),
/// LearnMailCLITests on a real Maildir and folder (MaildirFlow); one copy, so that both test the same
/// community. Foundation only.
public enum SampleCommunity {
    /// The config, with `extra` (`, "limits": {...}`) added at the end of the top-level object.
    public static func config(extra: String = "") -> String {
        """
        {"community": {"name": "Test Community", "address": "learning@example.org"},
         "mailbox": {"maildir": "maildir"}, "sender": {"outbox": "outbox"},
         "moderators": ["facilitator@example.org"],
         "partners": [{"organisation": "Example Housing", "domains": ["examplehousing.org.uk"]}]\(extra)}
        """
    }

    /// Contribution `n` (1 to 9: its minute of the Date), from a partner's domain unless `sender` says otherwise.
    public static func contribution(_ n: Int, from sender: String = "helen@examplehousing.org.uk") -> String {
        """
        From: Helen <\(sender)>
        To: learning@example.org
        Subject: Lesson \(n): tablets for tenants
        Date: Mon, 23 Nov 2026 07:5\(n):00 +0000
        Message-ID: <lesson-\(n)@examplehousing.org.uk>
        Content-Type: text/plain; charset=utf-8

        Lesson \(n). We lent tablets and learned that data SIMs matter most.

        """
    }
}
