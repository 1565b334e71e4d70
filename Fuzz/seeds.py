"""Generated fuzz seeds (scripts/fuzz): python3 Fuzz/seeds.py TARGET OUTDIR [CORPORA ROOT]

intake:  plain-text and DSN bounces, replies, subscription requests and contributions whose text
         holds what changes length or layout under case mapping (İ ẞ Ⱥ ǅ ﬁ), combining marks, ZWJ
         sequences, CR LF and bare CR, before and inside the phrases intake searches for.
command: moderation replies and command lines with the same text.
imap:    server responses for CAPABILITY, SEARCH/ESEARCH, STATUS, LIST and NAMESPACE.
address: address headers from the corpora (From/To/Cc/Reply-To/Sender) and generated ones.
"""
import email
import email.policy
import hashlib
import itertools
import os
import sys

AWKWARD = ["", "İ", "İİİİİİİİİİİİİİİİ ", "ȺȺȺȺ ", "ẞẞẞ ", "ǅ ", "ﬁﬃ ", "e\u0301\u0301 ", "👩\u200d👩\u200d👧 ",
           "\u200d", "K Ω Å ", "\u0130\u0307", "Σ ς "]


def write(out, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    open(os.path.join(out, "gen-" + hashlib.sha1(data).hexdigest()[:16]), "wb").write(data)


def mail(headers, body, eol="\r\n"):
    return eol.join(f"{k}: {v}" for k, v in headers) + eol + eol + body.replace("\n", eol)


def intake(out):
    phrases = [
        "Your message wasn't delivered to {a} because the address couldn't be found.",
        "This message was created automatically by mail delivery software.\n\n  {a}\n    SMTP error: 550 5.1.1",
        "This is the qmail-send program at x.\n\n<{a}>:\nSorry, no mailbox here by that name. (#5.1.1)",
        "This is the mail system at host x.\n\n<{a}>: host said: 550 5.1.1 User unknown",
        "Delivery has failed to these recipients or groups:\n\n{a}\nThe e-mail address wasn't found.",
        "Final-Recipient: rfc822; {a}\nStatus: 5.1.1",
        "------ This is a copy of the message\n{a}",
    ]
    for (prefix, phrase), eol in itertools.product(itertools.product(AWKWARD, phrases), ["\r\n", "\n"]):
        body = prefix + phrase.format(a=prefix.strip() + "x@y.example") + "\n" + prefix.upper() + " 550 5.1.1\n"
        write(out, mail([("Return-Path", "<>"), ("From", "<MAILER-DAEMON@x.example>"),
                         ("Subject", "Undeliverable: " + prefix), ("Content-Type", "text/plain; charset=utf-8")],
                        body, eol))
    for prefix in AWKWARD:
        write(out, mail([("From", "Fac <fac@example.org>"), ("To", "learning+mod-abc@example.org"),
                         ("Subject", f"Re: [learnmail #4{prefix} tok:{prefix}ABCDEFGHIJKLMNOPQRSTUVWXY2] New: {prefix}"),
                         ("Content-Type", "text/plain; charset=utf-8")],
                        f"{prefix}Approve.\nedit title {prefix}Straße\ntag +{prefix}a -ǅ\n\nOn Mon, Ann wrote:\n> x\n"))
        write(out, mail([("From", f"\"{prefix}Ann\" <ann@examplehousing.org.uk>"), ("To", "learning@example.org"),
                         ("Subject", f"Fwd: {prefix}Tablets İN the library"),
                         ("Content-Type", "text/plain; charset=utf-8; format=flowed")],
                        f"Area: {prefix}Online Safety\nTags: {prefix}#ﬁsh, İ\n\n{prefix}Hi all,\n"
                        f"See https://{prefix}x.example/İ and www.ẞ.example #{prefix}tag\n"
                        f"---------- Forwarded message ---------\nFrom: {prefix}B <b@x.example>\nDate: x\n"
                        f"Subject: {prefix}\nTo: c@x.example\n\n{prefix}body\n-- \nsig\n"))
        write(out, mail([("From", "new@x.example"), ("To", f"learning+{prefix}subscribe@example.org"),
                         ("Subject", f"Re: {prefix}SUBSCRIBE")], f"{prefix}confirm {prefix}abc\n"))
        write(out, mail([("From", "ooo@x.example"), ("Subject", f"Automatic reply: {prefix}"),
                         ("Auto-Submitted", f"auto-replied{prefix}")], f"{prefix}out of office\n"))


def command(out, corpora, root):
    lines = ["approve", "Approve.", "reject", "reject: off topic", "reject – spam", "hold", "show", "list", "help",
             "edit title New", "edit Subject: x", "edit area Online Safety", "tag +a -b #c", "tags a, b"]
    for prefix, line in itertools.product(AWKWARD, lines):
        write(out, prefix + line + " " + prefix)
        write(out, line.upper().replace("I", "İ") + "\r\n" + prefix + line + "\r\n\r\n> " + line + "\n")
    for prefix in AWKWARD:
        write(out, f"On Mon, {prefix}Ann wrote:\n> approve\n\n{prefix}approve\nhold\n")
        write(out, f"[learnmail #42 tok:{prefix}abcdefghijklmnopqrstuvwxy2] {prefix}")
        write(out, f"learning+mod-{prefix}abcdefghijklmnopqrstuvwxy2@example.org")
        write(out, f"{prefix}Your message wasn't delivered to {prefix}a@b.example\n<{prefix}c@d>: x\n")


def imap(out, corpora, root):
    for r in [
        "* CAPABILITY IMAP4rev1 MOVE UIDPLUS ESEARCH NAMESPACE LITERAL+ ID ENABLE IDLE\r\nA1 OK done\r\n",
        "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] Dovecot ready.\r\n",
        "* SEARCH 1 2 3 10 4294967295\r\nA2 OK\r\n",
        "* SEARCH\r\n* SEARCH 5 (MODSEQ 917162500)\r\n",
        "* ESEARCH (TAG \"A3\") UID ALL 1:3,5,8:4294967295 MIN 1 MAX 9 COUNT 6\r\n",
        "* STATUS INBOX (MESSAGES 231 UIDNEXT 44292 UIDVALIDITY 1 UNSEEN 3 HIGHESTMODSEQ 7011231777)\r\n",
        "* STATUS \"Learn &AOk-t&AOk-\" (MESSAGES 0 UIDNEXT 1 UIDVALIDITY 4294967295)\r\n",
        "* STATUS {5}\r\nINBOX (MESSAGES 1)\r\n",
        "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\Noselect \\HasChildren) \".\" \"INBOX.learn&AOk-\"\r\n",
        "* LIST () NIL {11}\r\nfolder name\r\n* LIST (\\Marked) \"\\\\\" ~/x\r\n",
        "* NAMESPACE ((\"INBOX.\" \".\")) ((\"#Users.\" \".\")) NIL\r\n",
        "* NAMESPACE ((\"\" \"/\")(\"#mh/\" \"/\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))) NIL ((\"#shared/\" \"/\"))\r\n",
    ]:
        write(out, r)
        write(out, r.replace("\r\n", "\n"))


def address(out, corpora, root):
    for h in ["Ann <ann@example.org>", "\"O'Brien, Ann\" <ann@x.example>, bob@y.example",
              "=?UTF-8?B?w4lsb2Rp?= <e@x.example>", "undisclosed-recipients:;", "a@b (Comment) , <@route:c@d>",
              "Group: a@b, \"c\" <c@d>; e@f", "İstanbul <İ@ẞ.example>", "ǅ e\u0301 <x@y>", "<>", "\"\\\"q\" <q@q>",
              "=?iso-8859-1?q?Andr=E9?= <andre@x>", "a@b\r\n c@d", "<a@b>, <c@d"]:
        write(out, h)
    seen = set()
    for base, _, files in os.walk(corpora):
        for name in files:
            if not name.endswith(".eml") or len(seen) > 3000:
                continue
            try:
                msg = email.message_from_bytes(open(os.path.join(base, name), "rb").read(), policy=email.policy.compat32)
            except Exception:
                continue
            for key in ("From", "To", "Cc", "Reply-To", "Sender", "Message-ID", "References"):
                for v in msg.get_all(key) or []:
                    data = str(v).encode("utf-8", "surrogateescape")
                    if data not in seen:
                        seen.add(data)
                        write(out, data)


target, out = sys.argv[1], sys.argv[2]
rest = sys.argv[3:5] + [""] * (2 - len(sys.argv[3:5]))
if target == "intake":
    intake(out)
else:
    {"command": command, "imap": imap, "address": address}[target](out, *rest)
