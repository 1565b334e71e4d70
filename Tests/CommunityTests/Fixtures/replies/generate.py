import sys, os, hashlib
# The writer of byte-exact .eml files is shared with the contribution fixtures.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "contributions"))
from common import *

OUT = sys.argv[1]

# Tokens the tests register (ModerationReplyTests.records): 26 base32 characters, canonical.
TOK42F = "mbxq3kd7rtz2wp5nvc6ahs4gje"     # item 42, facilitator@example.org
TOK42M = "q2w3e4r5t6y7u2i3o4p5a6s7di"     # item 42, mod2@example.org
TOK43F = "zzzzaaaa2222bbbb3333cccc4a"     # item 43, facilitator@example.org
TOKOLD = "expiredtokenexpiredtoken2a"     # item 42, facilitator, issued 40 days ago
TOKFAKE = "abcdefghijklmnopqrstuvwxya"    # never issued

FAC = "Facilitator <facilitator@example.org>"

NOTIFICATION = """New contribution #42 is waiting for your review.
Reply "approve" or "reject <reason>" (see the end).

Title:        Tablet loans for older residents
From:         Ann Example <ann@examplehousing.org.uk>
Organisation: Example Housing
Area:         Devices and Data

Message
-------
Our tablet loan scheme reached 40 residents this autumn.
approve

Reply with commands, one per line, at the top of your reply
(anything after the first other line is ignored):
  * approve               publish it in the next digest
  * reject <reason>       decline it; the reason goes to the sender
  * hold                  keep it in the queue for later
Approving or rejecting is final."""

def quoted(text, prefix="> "):
    return "\n".join((prefix + l).rstrip() if l else prefix.rstrip() for l in text.split("\n"))

def headers(frm=FAC, tok=TOK42F, subject=None, to=None, extra="", mid=None, date="Mon, 30 Nov 2026 10:00:00 +0000"):
    subject = subject if subject is not None else f"Re: [learnmail #42 tok:{tok}] New: Tablet loans for older residents"
    to = to if to is not None else f"learning+mod-{tok}@example.org"
    mid = mid or "<reply-" + hashlib.sha1((subject + frm + to + extra).encode()).hexdigest()[:12] + "@example.org>"
    return f"""Return-Path: <{frm.split('<')[-1].rstrip('>') if '<' in frm else frm}>
From: {frm}
To: {to}
Subject: {subject}
Date: {date}
Message-ID: {mid}
In-Reply-To: <notify-42@example.org>
References: <notify-42@example.org>
MIME-Version: 1.0
{extra}"""

def plain(body, charset="UTF-8", flowed=False, **kw):
    ct = f'text/plain; charset="{charset}"' + ("; format=flowed" if flowed else "")
    return headers(**kw) + f"Content-Type: {ct}\nContent-Transfer-Encoding: 8bit\n\n" + body

def html_only(html, **kw):
    return headers(**kw) + 'Content-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable\n\n' + qp(html.encode("utf-8"))

GMAIL_ATTR = "On Mon, 30 Nov 2026 at 09:00, learnmail <learning@example.org> wrote:"

def gmail(cmd_text, **kw):
    return plain(cmd_text + "\n\n" + GMAIL_ATTR + "\n\n" + quoted(NOTIFICATION) + "\n", **kw)

OUTLOOK_BLOCK = f"""________________________________
From: learnmail <learning@example.org>
Sent: 30 November 2026 09:00
To: Facilitator <facilitator@example.org>
Subject: [learnmail #42 tok:{TOK42F}] New: Tablet loans for older residents

""" + NOTIFICATION

cases = {}

cases["r01-gmail-approve"] = gmail("approve")
cases["r02-gmail-html-only-approve"] = html_only(
    '<div dir="ltr">Approve</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
    + GMAIL_ATTR.replace("<", "&lt;").replace(">", "&gt;") + '<br></div><blockquote class="gmail_quote">'
    + NOTIFICATION.replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>") + "</blockquote></div>")
cases["r03-outlook-desktop-reject-reason"] = plain(
    "Reject Not about digital skills, sorry\n\nThanks\nFacilitator\n\n" + OUTLOOK_BLOCK + "\n", charset="windows-1252")
cases["r04-outlook-web-html-hold"] = html_only(
    '<div style="font-family:Aptos">hold</div><div><br></div><div id="appendonsend"></div><hr>'
    '<div id="divRplyFwdMsg"><b>From:</b> learnmail &lt;learning@example.org&gt;<br><b>Sent:</b> Monday, November 30, 2026 9:00 AM<br>'
    '<b>To:</b> Facilitator &lt;facilitator@example.org&gt;<br><b>Subject:</b> New: Tablet loans</div><div>'
    + NOTIFICATION.replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>") + "</div>")
cases["r05-outlook-mobile-approve"] = plain("Approve\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n" + OUTLOOK_BLOCK + "\n")
cases["r06-apple-flowed-edit-approve"] = plain(
    "edit title Tablet loans that reached 40 residents in one \nautumn\nApprove\n\n"
    "On 30 Nov 2026, at 09:00, learnmail <learning@example.org> wrote:\n\n" + quoted(NOTIFICATION) + "\n", flowed=True)
cases["r07-iphone-approve"] = plain(
    "Approve.\n\nSent from my iPhone\n\n> On 30 Nov 2026, at 09:00, learnmail <learning@example.org> wrote:\n>\n"
    + quoted(NOTIFICATION) + "\n")
cases["r08-thunderbird-tag"] = plain(
    "tag +tablets +older-people -loans\n\nOn 30/11/2026 09:00, learnmail wrote:\n" + quoted(NOTIFICATION) + "\n", flowed=True)
cases["r09-mutt-approve"] = plain(
    "approve\n\n* learnmail <learning@example.org> [2026-11-30 09:00]:\n" + quoted(NOTIFICATION) + "\n")
cases["r10-several-commands"] = gmail(
    "edit area Online Safety\nedit summary Tablets with data SIMs for 40 residents.\nTag +scams\n"
    "Approve\nThanks, this is great\nreject spam")
cases["r11-approve-after-reject"] = gmail("approve")
cases["r12-approve-twice"] = gmail("approve")
cases["r13-forged-from-stranger"] = gmail("approve", frm="Eve <eve@evil.example>")
cases["r14-moderator-without-token"] = plain(
    "approve\n", subject="Re: [learnmail #42] New: Tablet loans for older residents", to="learning@example.org")
cases["r15-valid-token-non-moderator"] = gmail("approve", frm="Ann Example <ann@examplehousing.org.uk>")
cases["r16-token-of-other-moderator"] = gmail("approve", frm="Second Moderator <mod2@example.org>")
cases["r17-token-of-other-item"] = gmail("approve", tok=TOK43F)
cases["r18-expired-token"] = gmail("approve", tok=TOKOLD)
cases["r19-unknown-token"] = gmail("approve", tok=TOKFAKE)
cases["r20-auto-submitted-out-of-office"] = plain(
    "I am out of the office until Monday.\napprove\n",
    subject=f"Automatic reply: [learnmail #42 tok:{TOK42F}] New: Tablet loans for older residents",
    extra="Auto-Submitted: auto-replied\n")
cases["r21-exchange-out-of-office"] = plain(
    "approve\nI am away until 7 December.\n",
    subject=f"Out of Office: [learnmail #42 tok:{TOK42F}] New: Tablet loans for older residents",
    extra="X-Auto-Response-Suppress: All\nX-MS-Exchange-Inbox-Rules-Loop: facilitator@example.org\n")
cases["r22-commands-only-in-quote"] = gmail("Thanks, I will look at this tomorrow.")
cases["r23-empty-reply-quote-only"] = plain("\n\n" + GMAIL_ATTR + "\n\n> approve\n" + quoted(NOTIFICATION) + "\n")
cases["r24-outlook-unquoted-notification"] = plain("\n" + OUTLOOK_BLOCK + "\n")
cases["r25-wrapped-quote-header"] = plain(
    "hold\n\nOn Mon, 30 Nov 2026 at 09:00, learnmail <\nlearning@example.org> wrote:\n\n> approve\n" + quoted(NOTIFICATION) + "\n")
cases["r26-plus-address-only"] = plain(
    "approve\n\n" + GMAIL_ATTR + "\n> ...\n", subject="Re: that tablet thing", to=f"learning+mod-{TOK42F}@example.org")
cases["r27-uppercase"] = gmail("APPROVE")
cases["r28-reject-without-reason"] = gmail("reject")
cases["r29-malformed-command"] = gmail("edit colour red")
cases["r30-show-list-help"] = gmail("show\nlist\nhelp")
cases["r31-authenticated-approve"] = gmail(
    "approve", extra="Authentication-Results: mx.example.org; dkim=pass header.d=example.org header.s=s1;\n"
    " spf=pass smtp.mailfrom=example.org; dmarc=pass (p=reject) header.from=example.org\n")
cases["r32-forged-unauthenticated"] = gmail(
    "approve", extra="Authentication-Results: mx.example.org; dkim=none; spf=fail smtp.mailfrom=evil.example;\n"
    " dmarc=fail (p=reject) header.from=example.org\nAuthentication-Results: evil.example; dmarc=pass header.from=example.org\n")
cases["r33-welsh-attribution"] = plain(
    "approve\n\nAr Llun, 30 Tach 2026 am 09:00, learnmail <learning@example.org> ysgrifennodd:\n\n" + quoted(NOTIFICATION) + "\n")
cases["r34-french-outlook"] = plain(
    "reject Hors sujet\n\nDe : learnmail <learning@example.org>\nEnvoyé : lundi 30 novembre 2026 09:00\n"
    "À : Facilitator <facilitator@example.org>\nObjet : [learnmail #42] Nouveau\n\n" + NOTIFICATION + "\n")
cases["r35-leading-blank-lines"] = plain("\n\n\n   \napprove\n")
cases["r36-bounce-to-moderation-address"] = (
    f"""Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: learning+mod-{TOK42F}@example.org
Subject: Undelivered Mail Returned to Sender
Date: Mon, 30 Nov 2026 10:00:00 +0000
Message-ID: <dsn36@mx.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="dsn36"

--dsn36
Content-Type: text/plain; charset=us-ascii

approve

--dsn36
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
Final-Recipient: rfc822; facilitator@example.org
Action: failed
Status: 5.1.1

--dsn36--
""")
cases["r37-reject-then-approve"] = gmail("reject Duplicate of #41\napprove")
cases["r38-signature-after-command"] = plain("approve\n-- \nFacilitator\nOne Digital\n\n" + GMAIL_ATTR + "\n" + quoted(NOTIFICATION) + "\n")
cases["r39-german-attribution-hold"] = plain(
    "Hold\n\nAm 30.11.2026 um 09:00 schrieb learnmail <learning@example.org>:\n" + quoted(NOTIFICATION) + "\n", charset="utf-8")
cases["r40-nbsp-and-punctuation"] = html_only('<div>approve!&nbsp;</div><div>&#8203;</div><br><div class="gmail_quote">' + GMAIL_ATTR.replace("<", "&lt;").replace(">", "&gt;") + '<blockquote>reject</blockquote></div>')
cases["r41-hold-on-prose"] = gmail("Hold on, I need to check with Ann first.")

for name, text in cases.items():
    raw = crlf(text).encode("cp1252" if "windows-1252" in text else "utf-8")
    write(OUT, name, None, raw_bytes=raw)
print(len(cases))

# Outlook desktop (Word HTML), windows-1252 QP, multipart/alternative as Outlook sends it.
html42 = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head>"
  "<body lang=\"EN-GB\"><div class=\"WordSection1\"><p class=\"MsoNormal\">Reject Needs more detail \u2013 which library?<o:p></o:p></p>"
  "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p><div><div style=\"border:none;border-top:solid #E1E1E1 1.0pt\">"
  "<p class=\"MsoNormal\"><b><span lang=\"EN-US\">From:</span></b><span lang=\"EN-US\"> learnmail &lt;learning@example.org&gt; <br>"
  "<b>Sent:</b> 30 November 2026 09:00<br><b>To:</b> Facilitator &lt;facilitator@example.org&gt;<br>"
  "<b>Subject:</b> [learnmail #42] New<o:p></o:p></span></p></div></div>"
  "<p class=\"MsoNormal\">approve<o:p></o:p></p></div></body></html>")
text42 = "Reject Needs more detail \u2013 which library?\n\n\nFrom: learnmail <learning@example.org>\nSent: 30 November 2026 09:00\nTo: Facilitator <facilitator@example.org>\nSubject: [learnmail #42] New\n\napprove\n"
cases["r42-outlook-desktop-multipart-1252"] = headers(extra="X-Mailer: Microsoft Outlook 16.0\nThread-Index: AdnXyZ==\n") + \
  'Content-Type: multipart/alternative;\n\tboundary="----=_NextPart_000_0042_01DB4242.42424242"\n\n' + \
  "This is a multipart message in MIME format.\n\n------=_NextPart_000_0042_01DB4242.42424242\n" + \
  'Content-Type: text/plain;\n\tcharset="windows-1252"\nContent-Transfer-Encoding: quoted-printable\n\n' + \
  qp(text42.encode("cp1252")) + "\n------=_NextPart_000_0042_01DB4242.42424242\n" + \
  'Content-Type: text/html;\n\tcharset="windows-1252"\nContent-Transfer-Encoding: quoted-printable\n\n' + \
  qp(html42.encode("cp1252")) + "\n------=_NextPart_000_0042_01DB4242.42424242--\n"

for name in ["r42-outlook-desktop-multipart-1252"]:
    write(OUT, name, None, raw_bytes=crlf(cases[name]).encode("ascii"))

# Bottom posting (mutt, Thunderbird configured so): the quote first, the command below it.
cases["r43-bottom-post-approve"] = plain(
    "On Mon, 30 Nov 2026 at 09:00:00AM +0000, learnmail wrote:\n" + quoted(NOTIFICATION) + "\n\napprove\n\n-- \nFacilitator\n",
    extra="User-Agent: Mutt/2.2.12 (2023-09-09)\n")
# Bottom posting with only prose below the quote: nothing to do.
cases["r44-bottom-post-prose"] = plain(
    "On Mon, 30 Nov 2026 at 09:00:00AM +0000, learnmail wrote:\n" + quoted(NOTIFICATION) + "\n\nI'll read it tonight.\napprove\n")
for name in ["r43-bottom-post-approve", "r44-bottom-post-prose"]:
    write(OUT, name, None, raw_bytes=crlf(cases[name]).encode("ascii"))
