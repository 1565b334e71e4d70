"""Generated fuzz seeds (scripts/fuzz): python3 Fuzz/seeds.py TARGET OUTDIR [CORPORA ROOT]

intake:  plain-text and DSN bounces, replies, subscription requests and contributions whose text
         holds what changes length or layout under case mapping (İ ẞ Ⱥ ǅ ﬁ), combining marks, ZWJ
         sequences, CR LF and bare CR, before and inside the phrases intake searches for.
command: moderation replies and command lines (`set NAME` among them) with the same text.
imap:    server responses for CAPABILITY, SEARCH/ESEARCH, STATUS, LIST and NAMESPACE.
address: address headers from the corpora (From/To/Cc/Reply-To/Sender) and generated ones.
oauth:   token, error and device-authorization JSON (from the tests' scripted providers and
         generated), and the same as bearer challenges (base64, in `+ ` and `334 ` lines).
smtpanswer: every SMTP reply string in Tests/ and Sources/ ("421 4.7.0 …") and generated ones.
preview: digest preview replies (holds, notes, quotes, tokens in subjects and addresses), the
         replies of DigestPreviewReplyTests and every .eml under Tests/ whose text says "preview".
site:    learning-item fields parted by 0x1F (see Tests/CommunityTests/SiteFuzzPaths.swift) holding
         markup, script, control characters, entities, odd URLs, attachment names and set names.
"""
import base64
import json
import re
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
             "edit title New", "edit Subject: x", "edit area Online Safety", "tag +a -b #c", "tags a, b",
             "set Champions in different settings", "set none", "Set: \"Champions\".", "set - x", "set a. ."]
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


def swift_strings(root, pattern):
    """String literals of the repository's Swift files that match `pattern` (raw #"…"# and "…")."""
    found = set()
    for folder in ("Tests", "Sources"):
        for base, _, files in os.walk(os.path.join(root, folder)):
            for name in files:
                if not name.endswith(".swift"):
                    continue
                text = open(os.path.join(base, name), encoding="utf-8", errors="replace").read()
                for m in re.finditer(r'#"(.*?)"#|"((?:[^"\\\n]|\\.)*)"', text):
                    literal = m.group(1) if m.group(1) is not None else m.group(2)
                    if re.search(pattern, literal):
                        found.add(literal.replace("\\n", "\n").replace("\\r", "\r"))
    return sorted(found)


def oauth(out, corpora, root):
    bodies = [
        {"access_token": "at-1", "token_type": "Bearer", "expires_in": 3600, "scope": "mail offline_access",
         "refresh_token": "rt-1"},
        {"access_token": "at-2", "token_type": "bearer", "expires_in": "3599"},
        {"access_token": "at-3", "token_type": "MAC"},
        {"access_token": "", "expires_in": 1e300},
        {"access_token": "at-4", "expires_in": -5, "refresh_token": None},
        {"access_token": "at-5", "expires_in": 9223372036854775807},
        {"access_token": "at-6", "expires_in": 3.5e18},
        {"error": "invalid_grant", "error_description": "Token has been expired or revoked.\nTrace: 1"},
        {"error": "authorization_pending"}, {"error": "slow_down"}, {"error": "expired_token"},
        {"error": "access_denied", "error_description": "İ declined"}, {"error": 400},
        {"device_code": "dc", "user_code": "ABCD-EFGH", "verification_uri": "https://idp.test/device",
         "expires_in": 900, "interval": 5, "message": "Go to https://idp.test/device and enter ABCD-EFGH"},
        {"device_code": "dc", "user_code": "X", "verification_url": "https://www.google.com/device",
         "expires_in": 1800, "interval": 9223372036854775807},
        {"device_code": "dc", "user_code": "X", "verification_uri": "u", "interval": -1, "expires_in": -1},
        # A device authorization that is also an error: the poll reads the same body.
        {"device_code": "dc", "user_code": "X", "verification_uri": "u", "interval": 9223372036854775807,
         "expires_in": 9223372036854775807, "error": "slow_down"},
        {"device_code": "dc", "user_code": "X", "verification_uri": "u", "error": "authorization_pending",
         "access_token": "a", "expires_in": 1e19},
        {"status": "401", "schemes": "bearer", "scope": "https://mail.google.com/"},
        {"status": "invalid_token", "schemes": "bearer", "scope": "mail", "openid-configuration": "x"},
        {"status": 403}, {"status": "insufficient_scope"},
    ]
    texts = [json.dumps(b) for b in bodies] + ["", "null", "[]", "{}", '{"access_token":"a"', "not json",
                                                '{"a":' * 50 + "1" + "}" * 50]
    texts += [t for t in swift_strings(root, r'"(access_token|error|device_code|status)"') if t.strip().startswith("{")]
    for t in texts:
        write(out, t)
        b64 = base64.b64encode(t.encode()).decode()
        write(out, "+ " + b64 + "\r\nA1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n")
        write(out, "334 " + b64.rstrip("=") + "\r\n535 5.7.8 Error\r\n")


def smtpanswer(out, corpora, root):
    for t in swift_strings(root, r"^[0-9]{3}[ -]"):
        write(out, t)
    for t in ["0 no answer from the sink", "421", "450 4.7.1", "452 4.5.3", "452 4.5.3.", "5.7.1 no code",
              "550-5.1.1 first\r\n550 5.1.1 second", "4500 4.7.1 four digits", "45 4.7.1 two", "1.2.3 x",
              "451 4.7.999 x", "452 4.5.3\ttab", "421-4.7.0 dash", "\u0664\u0665\u0660 Arabic digits",
              "452 ４.５.３ fullwidth", "450 4.7.1\u0301 mark", "no answer", ""]:
        write(out, t)
        for prefix in AWKWARD:
            write(out, prefix + t)


def preview(out, corpora, root):
    bodies = ["hold 42\nnote\nWelcome back, all.\nSee you Thursday.\nend\n\n> the preview", "hold 42, 43\n",
              "Hold #7.\n", "note\nJust this.\n\nOn Sun, 6 Dec 2026 at 10:00, Learning wrote:\n> quoted",
              "note\nTo the end of the commands", "hold forty-two\n", "Thanks, looks good!\nhold 42\n",
              "> hold 42\n", "\n\nnote\n  Indented <b>markup</b> stays text  \nend\nhold 5\n",
              "hold 99999999999999999999\n", "hold -1, +2, 3.\n", "note\n" + "x" * 2100 + "\nend\n",
              "note\nend\n", "note", "hold 1 1 1\n"]
    subjects = ["Re: [learnmail digest 2026-W49 tok:abcdefghijklmnopqrstuvwxy2] Preview: digest",
                "Re: [learnmail digest 2026-W49] no token", "Re: [learnmail #4 tok:abcdefghijklmnopqrstuvwxy2] item"]
    addresses = ["learning+preview-abcdefghijklmnopqrstuvwxy2@example.org", "learning+preview-@example.org",
                 "learning+preview-ABCDEFGHIJKLMNOPQRSTUVWXY2+preview-x@example.org"]
    for prefix in AWKWARD:
        for b in bodies:
            write(out, prefix + b)
            write(out, b.replace("\n", "\r\n" + prefix))
        for subject, address in zip(subjects, addresses):
            write(out, prefix + subject + "\n" + prefix + address)
            write(out, mail([("From", "Fac <fac@example.org>"), ("To", address), ("Subject", prefix + subject),
                             ("Content-Type", "text/plain; charset=utf-8")], prefix + bodies[0]))
    for base, _, files in os.walk(os.path.join(root, "Tests")):
        for name in files:
            if name.endswith(".eml"):
                data = open(os.path.join(base, name), "rb").read()
                if b"preview" in data.lower():
                    write(out, data)


def site(out, corpora, root):
    evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)><SCRIPT>x</ScRiPt><![CDATA[x]]>]]>"
    pieces = ["", evil, "&amp; &#0; &#x1F600; &bogus; & ", "\u0000\u0001\u0008\u000b\u000c\u001b\u007f\u0085\ufffe\uffff",
              "\r\n\r\n\u2028\u2029", "Café culture: drop-in sessions", "../../etc/passwd", "/abs", ".", "..",
              "İstanbul Ⱥrts ẞ ǅ ﬁ e\u0301 👩\u200d👩\u200d👧", "x" * 300, "-" * 80, "<!-- -->", "]]>",
              "javascript:alert(3)\nhttps://example.org/?q=\"><script>alert(4)</script>\ndata:text/html,x\nhttps://e.org/a b",
              "<svg onload=alert(5)>.pdf\npage.html\n..\n.htaccess\ncon.txt\na/b.pdf\n\u0000.pdf",
              "https://learning.example.org", "https://learning.example.org/\"><script>", "javascript:alert(1)//",
              "Champions", "champions", " Champions ", "General"]
    n = len(SITE_FIELDS)
    for i, p in enumerate(pieces):
        write(out, "\x1f".join([p] * n))
        fields = [pieces[(i + k) % len(pieces)] for k in range(n)]
        write(out, "\x1f".join(fields))
    ordinary = ["Tablet lending: what six months taught us", "Helen Price", "Example Housing", "Devices and data",
                "tablets,loans", "", "What we learned, in a few paragraphs.\n\nA second paragraph.",
                "https://www.example.org/guide", "plan.pdf", "Champions in different settings",
                "Welcome back!\nSee you on Thursday.", "What makes the champion role work?", "One Digital", "", ""]
    write(out, "\x1f".join(ordinary))
    for k in range(n):
        for p in pieces[1:6]:
            f = list(ordinary)
            f[k] = p
            write(out, "\x1f".join(f))


SITE_FIELDS = ["title", "contributor", "organisation", "area", "tags", "summary", "body", "links", "attachments",
               "learningSet", "note", "question", "communityName", "baseURL", "forwardedFrom"]


target, out = sys.argv[1], sys.argv[2]
rest = sys.argv[3:5] + [""] * (2 - len(sys.argv[3:5]))
if target == "intake":
    intake(out)
else:
    {"command": command, "imap": imap, "address": address, "oauth": oauth, "smtpanswer": smtpanswer,
     "preview": preview, "site": site}[target](out, *rest)
