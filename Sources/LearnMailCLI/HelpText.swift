/// `learnmail help`: every command that exists, for facilitators and administrators.
enum HelpText {
    static let overview = """
        learnmail — a community of practice run over email.
        Partners email what they learned to one address; learnmail turns each email into a
        learning item, asks the facilitator to approve it (by replying to a notification),
        and sends subscribers a weekly digest.

        Usage: learnmail COMMAND [OPTIONS]

        Trying it out
          demo                          run the whole flow on the bundled samples (no servers
                                        needed) and print what happened, step by step

        Running
          run [--once] [--verbose]      the daemon: take in new mail (IMAP IDLE, else every
                                        mailbox.pollSeconds), process, send due digests and queued
                                        mail; one per data directory. --once does one round and
                                        exits; --verbose adds debug lines to the log (logfmt, stderr).
                                        SIGTERM or SIGINT stop it after the message in hand;
                                        SIGHUP re-reads the config (an invalid one is logged and
                                        the running one kept)
          check                         validate the config, connect to IMAP and SMTP, report
          status [--json]               queue counts, subscribers, last poll, next digest, what
                                        waits to be sent and when it goes (sender.limits:
                                        messagesPerMinute, recipientsPerDay; docs/DEPLOYMENT.md)

        Signing in with OAuth 2.0 (Microsoft 365, Google; "oauth2" in mailbox and sender)
          auth login [mailbox|sender]   show a code to enter at the provider's sign-in page and wait
                                        for it; the tokens are kept in DATA/oauth/ (mode 0600)
          auth status [--json]          who is signed in, scopes, until when (never a token)
          auth logout [mailbox|sender]  forget the tokens

        Looking at mail
          parse FILE... [--json]        a message's MIME structure; --json: one object per line
          parse --stats FILE...         parse and fully decode; one line: messages, bytes, seconds, MB/s
          extract FILE [--json]         the learning item learnmail would make of a message

        Moderating (the same actions as replying to a notification)
          queue list [--status S] [--json]     items, newest last (S: pending, approved, rejected,
                                               held, published)
          queue show N [--json]                one item with its history
          queue approve N                      approve item #N for the next digest
          queue reject N [--reason TEXT]       decline it; the contributor is told the reason
          queue hold N                         park it for later
          queue edit N FIELD TEXT              FIELD: title, summary, organisation or area
          queue tag N +TAG -TAG ...            add or remove tags
          queue set N NAME|none                put it in a learning set, or in none

        Subscribers
          subscribers list [--json]            everyone with their status
          subscribers add ADDRESS              subscribe at once (no confirmation mail)
          subscribers remove ADDRESS           unsubscribe
          subscribers import FILE.csv          one address per row (an "email" column if there
                                               is a header); reports bad rows by line number

        Digest
          digest preview [--html]              the next digest as text (or HTML), without sending
          digest send [--now]                  send the digest if it is due; --now sends it now
          digest note [TEXT | --clear]         the note that opens the next digest (shown above
                                               everything else); without TEXT, show it

        Knowledge hub (a static website of published learning)
          site build [DIR]                     build or update it in DIR (else site.directory,
                                               which is also rebuilt after every digest)

        Options for every command
          --config FILE                 the config file (else $LEARNMAIL_CONFIG, else
                                        config/learnmail.json)

        Moderating by email: reply to a notification with commands on the first lines, one per
        line, above the quoted text:  approve | reject REASON | hold | edit title TEXT |
        edit summary TEXT | edit organisation TEXT | edit area TEXT | tag +a -b | set NAME |
        set none | show | list | help

        Exit status: 0 success, 1 an error the message explains, 2 a usage error,
        3 a server could not be reached.
        """
}
