#!/usr/bin/env python3
"""Deterministic benchmark corpora for MIME parsing that look like real clients' mail
(see docs/PERFORMANCE.md and BENCHMARKS.md for the mix).

    gen_corpus.py OUT [--small 5000] [--large 20] [--big-mb 50] [--seed 20261129] [--mix]

writes OUT/small/NNNNN.eml (2-20 KB each), OUT/large/NN.eml (1-8 MB, base64 attachments) and
OUT/big/big.eml (one message of about --big-mb MB, for peak-RSS measurements). Same seed, same bytes.
--mix prints the share of each kind of small message and exits.

The small messages are drawn from the shapes the repository's samples and fixtures show
(Tests/CommunityTests/Fixtures/contributions: Apple Mail and Thunderbird format=flowed, Gmail
multipart/alternative, Outlook HTML-only in windows-1252, iPhone, forwards inline and as
message/rfc822, attachments in nested multiparts) with the weights in SMALL_MIX.
"""
import argparse
import base64
import os
import quopri
import random

WORDS = (
    "the of and to in is it that for you was on are with as have be at one this from or had by word but what "
    "some we can out other were all there when up use your how said an each she which do their time if will "
    "way about many then them write would like so these her long make thing see him two has look more day "
    "could go come did number sound no most people my over know water than call first who may down side been "
    "now find learning practice community workshop session digest moderator facilitator feedback teaching "
    "example notes reading group review draft meeting question answer research project colleague"
).split()

# (charset, sample text) pairs: what real mail brings besides ASCII.
CHARSET_TEXTS = [
    ("utf-8", "Grüße aus Köln, café crème, Київ, 日本語のテキスト, emoji 🌻 and “quotes”."),
    ("iso-8859-1", "Réunion à l'hôtel de ville: très intéressant, über Straße, año señor."),
    ("windows-1252", "He said “hello” – and left… price €20, naïve café."),
    ("koi8-r", "Привет, коллеги! Встреча сообщества практики в четверг."),
    ("iso-8859-2", "Zażółć gęślą jaźń; Příliš žluťoučký kůň úpěl ďábelské ódy."),
    ("shift_jis", "こんにちは、今週のダイジェストをお送りします。よろしくお願いします。"),
    ("iso-2022-jp", "会議の議事録を添付します。ご確認ください。"),
    ("gb2312", "你好，这是本周学习社区的摘要。谢谢大家的参与。"),
]
UTF8_SNIPPETS = [
    "Grüße aus Köln", "café crème", "naïve", "“quoted”", "– a dash", "€20", "Київ", "日本語",
    "🌻", "señor", "Zażółć", "…",
]

# Small messages: (kind, weight in percent). Flowed text is about one message in seven, as Apple Mail
# and Thunderbird send it by default; the rest follows the clients in the fixtures.
SMALL_MIX = [
    ("flowed: Apple Mail / Thunderbird text/plain format=flowed (DelSp=yes in a third)", 10),
    ("flowed: Thunderbird HTML, multipart/alternative with a format=flowed text part", 4),
    ("Gmail multipart/alternative, UTF-8 quoted-printable text and HTML, quoted reply", 20),
    ("Outlook HTML-only, windows-1252 quoted-printable (Word HTML)", 12),
    ("Outlook multipart/alternative (some multipart/related with an inline logo)", 10),
    ("iPhone: text/plain UTF-8 quoted-printable, or alternative with a photo attached", 10),
    ("forwarded: inline (Gmail, Outlook) or attached as message/rfc822", 8),
    ("attachments: mixed > related/alternative > text + base64 PDF, DOCX, JPEG, PNG", 14),
    ("other charsets: KOI8-R, ISO-8859-1/2, Shift_JIS, ISO-2022-JP, GB2312 (8bit, QP, base64)", 8),
    ("newsletter: list mail, base64 UTF-8 HTML with a plain alternative", 4),
]


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def b64(data):
    return crlf(base64.encodebytes(data).decode("ascii"))


def qp(data):
    return crlf(quopri.encodestring(data).decode("ascii"))


def encoded_word(text, charset="utf-8", kind="B"):
    raw = text.encode(charset)
    if kind == "B":
        return "=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode("ascii"))
    q = quopri.encodestring(raw, header=True).decode("ascii")
    return "=?%s?Q?%s?=" % (charset, q)


def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.counter = 0

    # ------------------------------------------------------------ text

    def words(self, n):
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def sentence(self, extra=None):
        s = self.words(self.rng.randint(5, 18)).capitalize() + "."
        if extra and self.rng.random() < 0.3:
            s = s[:-1] + ", " + extra + "."
        return s

    def paragraphs(self, size, extra=None):
        """Plain paragraphs (unwrapped), about `size` characters in all."""
        out, total = [], 0
        while total < size:
            p = " ".join(self.sentence(extra) for _ in range(self.rng.randint(2, 6)))
            out.append(p)
            total += len(p) + 2
        return out

    def wrap(self, paragraph, width=72):
        lines, line = [], ""
        for w in paragraph.split(" "):
            if line and len(line) + len(w) + 1 > width:
                lines.append(line)
                line = w
            else:
                line = (line + " " + w) if line else w
        lines.append(line)
        return lines

    def text(self, size, extra=None, quote=True):
        """Text wrapped at 72 columns as most clients send it, sometimes with a quoted reply."""
        blocks = []
        for p in self.paragraphs(size, extra):
            lines = self.wrap(p)
            if quote and self.rng.random() < 0.2:
                lines = ["> " + l for l in lines]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"

    def flowed(self, size, extra, delsp):
        """RFC 3676 text: soft breaks end in a space (two with DelSp=yes, one of them deleted), quoted
        replies at depth 1-2 flowed too, space-stuffed lines, a "-- " signature."""
        out = []

        def emit(paragraph, prefix):
            lines = self.wrap(paragraph, 76 - len(prefix))
            for i, l in enumerate(lines):
                soft = i < len(lines) - 1
                if l.startswith(("From ", ">", " ")) and not prefix:
                    l = " " + l  # space-stuffing (section 4.4)
                if soft:
                    l += "  " if delsp else " "
                out.append(prefix + (" " if prefix else "") + l if prefix else l)

        paras = self.paragraphs(size, extra)
        cut = len(paras) if self.rng.random() < 0.4 else max(1, len(paras) // 2)
        for p in paras[:cut]:
            if self.rng.random() < 0.05:
                p = "From " + p
            emit(p, "")
            out.append("")
        if self.rng.random() < 0.7:
            out.append("-- ")
            out.append(self.rng.choice(["Ann Example", "Dev Patel", "Carol Smith"]))
            out.append("Digital Inclusion Lead")
            out.append("")
        if cut < len(paras):
            out.append("On 26 Nov 2026, at 18:00, Facilitator <facilitator@example.org> wrote:")
            out.append("")
            for p in paras[cut:]:
                emit(p, ">" * self.rng.choice([1, 1, 1, 2]))
                out.append(">")
        return "\n".join(out) + "\n"

    def html(self, text, style="plain"):
        paras = [p for p in text.split("\n\n") if p.strip()]
        if style == "gmail":
            body = "".join("<div>%s</div><div><br></div>" % html_escape(p).replace("\n", " ") for p in paras)
            return ('<div dir="ltr">%s<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Fri, 20 Nov 2026 '
                    'at 16:02, Facilitator &lt;<a href="mailto:facilitator@example.org">facilitator@example.org</a>'
                    '&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:'
                    '1px solid rgb(204,204,204);padding-left:1ex">Could you share how it went?</blockquote></div></div>\n'
                    % body)
        if style == "outlook":
            body = "".join('<p class="MsoNormal">%s<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
                           % html_escape(p).replace("\n", " ") for p in paras)
            return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                    'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/'
                    '12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv="Content-Type" content='
                    '"text/html; charset=windows-1252"><meta name="Generator" content="Microsoft Word 15 (filtered '
                    'medium)"><style><!--\n/* Font Definitions */\n@font-face\n\t{font-family:"Cambria Math";\n\tpanose-1:'
                    '2 4 5 3 5 4 6 3 2 4;}\n@font-face\n\t{font-family:Calibri;\n\tpanose-1:2 15 5 2 2 2 4 3 2 4;}\n/* Style'
                    ' Definitions */\np.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:11.0pt;\n\t'
                    'font-family:"Calibri",sans-serif;\n\tmso-fareast-language:EN-US;}\na:link, span.MsoHyperlink\n\t'
                    '{mso-style-priority:99;\n\tcolor:#0563C1;\n\ttext-decoration:underline;}\nspan.EmailStyle17\n\t'
                    '{mso-style-type:personal-compose;\n\tfont-family:"Calibri",sans-serif;\n\tcolor:windowtext;}\n'
                    '.MsoChpDefault\n\t{mso-style-type:export-only;\n\tfont-family:"Calibri",sans-serif;}\n@page '
                    'WordSection1\n\t{size:612.0pt 792.0pt;\n\tmargin:72.0pt 72.0pt 72.0pt 72.0pt;}\ndiv.WordSection1\n\t'
                    '{page:WordSection1;}\n--></style></head><body lang="EN-GB" link="#0563C1" vlink="#954F72" style='
                    '"word-wrap:break-word"><div class="WordSection1">\n%s<div style="border:none;border-top:solid '
                    '#E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>From:</b> Facilitator &lt;'
                    'facilitator@example.org&gt;<br><b>Sent:</b> 20 November 2026 16:02<br><b>Subject:</b> Online '
                    'safety sessions<o:p></o:p></p></div></div></body></html>\n' % body)
        body = "".join("<p>%s</p>\n" % html_escape(p).replace("\n", "<br>\n") for p in paras)
        return ("<html><head><meta charset=\"utf-8\"><style>p{margin:0}</style></head><body>\n"
                "<div class=\"WordSection1\">\n%s<a href=\"https://example.org/learn\">Read more</a></div>"
                "</body></html>\n" % body)

    # ------------------------------------------------------------ headers

    def address(self):
        first = self.rng.choice(["Ann", "Bob", "Chloé", "Dmitri", "Eve", "Fatima", "Görkem", "Hiro", "Ingrid"])
        last = self.rng.choice(["Smith", "Müller", "Ivanova", "Tanaka", "O'Brien", "García", "Nowak"])
        addr = "%s.%s@example%d.org" % (first.lower().encode("ascii", "ignore").decode(),
                                         last.lower().replace("'", "").encode("ascii", "ignore").decode(),
                                         self.rng.randint(1, 9))
        name = "%s %s" % (first, last)
        if any(ord(c) > 127 for c in name):
            name = encoded_word(name, "utf-8", self.rng.choice("BQ"))
        elif "'" in name or self.rng.random() < 0.2:
            name = '"%s"' % name
        return "%s <%s>" % (name, addr)

    def subject(self, charset, sample, prefix=""):
        subject = prefix + "%s %s" % (self.words(self.rng.randint(2, 6)).capitalize(),
                                      sample[:20] if self.rng.random() < 0.5 else "")
        subject = subject.strip()
        try:
            subject.encode("ascii")
        except UnicodeEncodeError:
            try:
                subject = encoded_word(subject, charset if charset != "iso-2022-jp" else "utf-8",
                                       self.rng.choice("BQ"))
            except UnicodeEncodeError:
                subject = encoded_word(subject, "utf-8", "B")
        return subject

    def headers(self, charset, sample, client="", prefix=""):
        self.counter += 1
        n = self.counter
        lines = []
        for hop in range(self.rng.randint(2, 5)):
            lines.append("Received: from mx%d.example.net (mx%d.example.net [192.0.2.%d])\r\n"
                         "\tby mail.example.org (Postfix) with ESMTPS id %X\r\n"
                         "\tfor <list@example.org>; Mon, 23 Nov 2026 %02d:%02d:%02d +0000"
                         % (hop, hop, self.rng.randint(1, 254), self.rng.getrandbits(40),
                            self.rng.randint(0, 23), self.rng.randint(0, 59), self.rng.randint(0, 59)))
        sig = base64.b64encode(self.rng.randbytes(256)).decode("ascii")
        lines.append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=s1;\r\n"
                     "\th=from:to:subject:date:message-id; bh=%s;\r\n\tb=%s"
                     % (base64.b64encode(self.rng.randbytes(32)).decode("ascii"),
                        "\r\n\t ".join(sig[i:i + 70] for i in range(0, len(sig), 70))))
        lines.append("From: " + self.address())
        lines.append("To: " + ", ".join(self.address() for _ in range(self.rng.randint(1, 3))))
        if self.rng.random() < 0.3:
            lines.append("Cc: " + self.address())
        lines.append("Subject: " + self.subject(charset, sample, prefix))
        lines.append("Date: Mon, %d Nov 2026 %02d:%02d:%02d +0100" % (self.rng.randint(1, 28), self.rng.randint(0, 23),
                                                                       self.rng.randint(0, 59), self.rng.randint(0, 59)))
        lines.append("Message-ID: <%d.%x@example.net>" % (n, self.rng.getrandbits(64)))
        if prefix.startswith("Re"):
            lines.append("In-Reply-To: <%x@example.org>" % self.rng.getrandbits(48))
            lines.append("References: <%x@example.org> <%x@example.org>" % (self.rng.getrandbits(48),
                                                                             self.rng.getrandbits(48)))
        if client == "apple":
            lines.append("X-Mailer: Apple Mail (2.3774.600.62)")
            lines.append("Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))")
        elif client == "iphone":
            lines.append("X-Mailer: iPhone Mail (22B91)")
            lines.append("Mime-Version: 1.0 (1.0)")
        elif client == "thunderbird":
            lines.append("User-Agent: Mozilla Thunderbird")
            lines.append("Content-Language: en-GB")
            lines.append("MIME-Version: 1.0")
        elif client == "outlook":
            lines.append("Thread-Topic: %s" % self.words(4))
            lines.append("Thread-Index: AQHZ%s==" % base64.b64encode(self.rng.randbytes(12)).decode("ascii"))
            lines.append("Accept-Language: en-GB, en-US")
            lines.append("Content-Language: en-GB")
            lines.append("X-MS-Has-Attach: ")
            lines.append("X-MS-TNEF-Correlator: ")
            lines.append("MIME-Version: 1.0")
        elif client == "list":
            lines.append("List-Id: Learning community <learn.example.org>")
            lines.append("List-Unsubscribe: <mailto:leave-%x@example.org>, <https://example.org/u/%x>"
                         % (self.rng.getrandbits(32), self.rng.getrandbits(64)))
            lines.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
            lines.append("Precedence: bulk")
            lines.append("MIME-Version: 1.0")
        else:
            if self.rng.random() < 0.3:
                lines.append("List-Id: Learning community <learn.example.org>")
            lines.append("MIME-Version: 1.0")
        return "\r\n".join(lines) + "\r\n"

    # ------------------------------------------------------------ parts

    def text_part(self, text, charset, subtype="plain", cte=None, params=""):
        raw = text.encode(charset, errors="replace")
        if cte is None:
            if charset == "iso-2022-jp":
                cte = "7bit"
            elif all(b < 128 for b in raw) and self.rng.random() < 0.5:
                cte = "7bit"
            elif self.rng.random() < 0.75:
                cte = "quoted-printable"
            else:
                cte = "base64"
        if cte in ("7bit", "8bit"):
            body = crlf(raw.decode("latin-1"))
        elif cte == "quoted-printable":
            body = qp(raw)
        else:
            # Canonical form (RFC 2046 section 4.1.1): CRLF line breaks inside the encoded text.
            body = b64(crlf(text).encode(charset, errors="replace"))
        return ("Content-Type: text/%s; charset=\"%s\"%s\r\nContent-Transfer-Encoding: %s\r\n\r\n%s"
                % (subtype, charset, params, cte, body))

    def binary_part(self, size, kind, inline=False):
        name, ctype = {"png": ("image%03d.png", "image/png"), "jpg": ("IMG_%04d.jpeg", "image/jpeg"),
                       "pdf": ("notes%d.pdf", "application/pdf"),
                       "docx": ("Session plan %d.docx",
                                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")}[kind]
        name = name % self.rng.randint(1, 999)
        data = self.rng.randbytes(size)
        if self.rng.random() < 0.15:
            # Non-ASCII file names: RFC 2231 in the disposition, an encoded word in the type (Outlook).
            uname = "Café " + name
            disp = "filename*=utf-8''%s" % "".join(
                c if c.isalnum() or c in ".-_" else "%%%02X" % b for c in uname for b in c.encode("utf-8"))
            ctype_name = encoded_word(uname, "utf-8", "B")
            return ("Content-Type: %s; name=\"%s\"\r\nContent-Disposition: %s; %s\r\n"
                    "Content-Transfer-Encoding: base64\r\n\r\n%s"
                    % (ctype, ctype_name, "inline" if inline else "attachment", disp, b64(data)))
        cid = "Content-ID: <%s@01DB%08X>\r\n" % (name, self.rng.getrandbits(32)) if inline else ""
        return ("Content-Type: %s; name=\"%s\"\r\n%sContent-Disposition: %s; filename=\"%s\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s"
                % (ctype, name, cid, "inline" if inline else "attachment", name, b64(data)))

    def multipart(self, subtype, parts, style="java"):
        if style == "gmail":
            boundary = "000000000000%012x" % self.rng.getrandbits(48)
        elif style == "apple":
            boundary = "Apple-Mail=_%08X-%04X-%04X-%04X-%012X" % (
                self.rng.getrandbits(32), self.rng.getrandbits(16), self.rng.getrandbits(16),
                self.rng.getrandbits(16), self.rng.getrandbits(48))
        elif style == "outlook":
            boundary = "_%03d_DB9PR01MB%04X%s_" % (self.rng.randint(0, 999), self.rng.getrandbits(16),
                                                 "EURPRD01PRODOUTLOOKCOM")
        else:
            boundary = "----=_Part_%d_%d" % (self.counter, self.rng.getrandbits(32))
        out = "Content-Type: multipart/%s; boundary=\"%s\"\r\n\r\n" % (subtype, boundary)
        if style == "java":
            out += "This is a multi-part message in MIME format.\r\n"
        for p in parts:
            out += "\r\n--%s\r\n%s" % (boundary, p if p.endswith("\r\n") else p + "\r\n")
        return out + "\r\n--%s--\r\n" % boundary

    # ------------------------------------------------------------ clients

    def body_size(self, target, head):
        return max(400, target - len(head))

    def small(self):
        """A message of one kind from SMALL_MIX, 2-20 KB: built again smaller when the encodings made it
        larger than that."""
        kind = self.rng.choices(range(len(SMALL_MIX)), weights=[w for _, w in SMALL_MIX])[0]
        target = self.rng.randint(2000, 20000)
        while True:
            message = self.small_of_kind(kind, target)
            if len(message) <= 20480 or target < 2500:
                return message
            target = max(2000, target * 18000 // len(message))

    def small_of_kind(self, kind, target):
        charset, sample = self.rng.choice(CHARSET_TEXTS)
        utf8_extra = self.rng.choice(UTF8_SNIPPETS)
        if kind == 0:  # Apple Mail / Thunderbird, flowed
            client = self.rng.choice(["apple", "thunderbird"])
            head = self.headers("utf-8", sample, client, "Re: ")
            delsp = client == "apple" and self.rng.random() < 0.6
            t = self.flowed(self.body_size(target, head), utf8_extra, delsp)
            params = "; format=flowed" + ("; delsp=yes" if delsp else "")
            ascii_only = all(ord(c) < 128 for c in t)
            cte = "7bit" if ascii_only else self.rng.choice(["8bit", "8bit", "quoted-printable"])
            body = self.text_part(t, "us-ascii" if ascii_only else "utf-8", cte=cte, params=params)
        elif kind == 1:  # Thunderbird HTML: alternative with a flowed plain part
            head = self.headers("utf-8", sample, "thunderbird", "Re: ")
            t = self.flowed(self.body_size(target, head) // 3, utf8_extra, False)
            body = self.multipart("alternative", [
                self.text_part(t, "utf-8", cte="8bit", params="; format=flowed"),
                self.text_part(self.html(t), "utf-8", "html", cte="8bit")])
        elif kind == 2:  # Gmail alternative
            head = self.headers("utf-8", sample, "", self.rng.choice(["Re: ", ""]))
            t = self.text(self.body_size(target, head) // 3, utf8_extra)
            body = self.multipart("alternative", [
                self.text_part(t, "UTF-8", cte=None),
                self.text_part(self.html(t, "gmail"), "UTF-8", "html", cte="quoted-printable")], "gmail")
        elif kind == 3:  # Outlook HTML-only, windows-1252
            head = self.headers("windows-1252", sample, "outlook", "RE: ")
            t = self.text(max(300, (self.body_size(target, head) - 2500) * 2 // 3),
                          "“scam awareness” café – €40", quote=False)
            body = self.text_part(self.html(t, "outlook"), "windows-1252", "html", cte="quoted-printable")
        elif kind == 4:  # Outlook alternative, sometimes related with a logo
            head = self.headers("windows-1252", sample, "outlook", "RE: ")
            t = self.text(max(300, (self.body_size(target, head) - 2500) // 3), "naïve café – €20", quote=False)
            alt = self.multipart("alternative", [
                self.text_part(t, self.rng.choice(["us-ascii", "windows-1252"]), cte="quoted-printable"),
                self.text_part(self.html(t, "outlook"), "windows-1252", "html", cte="quoted-printable")], "outlook")
            if self.rng.random() < 0.4:
                body = self.multipart("related", [alt, self.binary_part(self.rng.randint(800, 3000), "png", True)],
                                      "outlook")
            else:
                body = alt
        elif kind == 5:  # iPhone
            head = self.headers("utf-8", sample, "iphone", "Re: ")
            t = self.text(self.body_size(target, head) // 2, utf8_extra) + "\nSent from my iPhone\n"
            if self.rng.random() < 0.6:
                body = self.text_part(t, "utf-8", cte="quoted-printable")
            else:
                photo = self.binary_part(max(300, (target - len(head) - len(t)) * 3 // 4), "jpg", True)
                alt = self.multipart("alternative", [
                    self.text_part(t, "utf-8", cte="quoted-printable"),
                    self.text_part(self.html(t), "utf-8", "html", cte="quoted-printable")], "apple")
                body = self.multipart("mixed", [alt, photo], "apple")
        elif kind == 6:  # forwarded
            if self.rng.random() < 0.5:
                head = self.headers("utf-8", sample, "", self.rng.choice(["Fwd: ", "FW: "]))
                intro = "Sharing this, it is really useful.\n\n---------- Forwarded message ---------\n" \
                        "From: Bethan Jones <bethan@example.cymru>\nDate: Fri, 27 Nov 2026 at 16:40\n" \
                        "Subject: Digital champions training notes\nTo: Ann Example <ann@example.org>\n\n\n"
                t = intro + self.text(self.body_size(target, head) // 3, utf8_extra)
                body = self.multipart("alternative", [
                    self.text_part(t, "UTF-8", cte="quoted-printable"),
                    self.text_part(self.html(t, "gmail"), "UTF-8", "html", cte="quoted-printable")], "gmail")
            else:
                head = self.headers("utf-8", sample, "thunderbird", "Fwd: ")
                inner_charset, inner_sample = self.rng.choice(CHARSET_TEXTS)
                inner_head = self.headers(inner_charset, inner_sample, "outlook")
                it = self.text(self.body_size(target, head + inner_head) // 3, inner_sample, quote=False)
                inner = inner_head + self.multipart("alternative", [
                    self.text_part(it, inner_charset),
                    self.text_part(self.html(it), "utf-8", "html", cte="quoted-printable")])
                note = self.text_part("Forwarding the original below.\n", "utf-8", cte="7bit")
                rfc822 = ("Content-Type: message/rfc822; name=\"%s.eml\"\r\nContent-Disposition: attachment; "
                          "filename=\"%s.eml\"\r\n\r\n%s" % ("original", "original", inner))
                body = self.multipart("mixed", [note, rfc822])
        elif kind == 7:  # attachments in nested multiparts
            head = self.headers(charset, sample, self.rng.choice(["", "outlook", "apple"]))
            t = self.text(self.rng.randint(500, 3000), utf8_extra)
            alt = self.multipart("alternative", [self.text_part(t, "utf-8"), self.text_part(self.html(t), "utf-8", "html")])
            if self.rng.random() < 0.5:
                alt = self.multipart("related", [alt, self.binary_part(self.rng.randint(500, 2000), "png", True)])
            remaining = max(300, (target - len(head) - 3 * len(t)) * 3 // 4)
            n = self.rng.choice([1, 1, 2])
            files = [self.binary_part(remaining // n, self.rng.choice(["pdf", "docx", "jpg", "png"])) for _ in range(n)]
            body = self.multipart("mixed", [alt] + files)
        elif kind == 8:  # other charsets
            while charset in ("utf-8", "windows-1252"):
                charset, sample = self.rng.choice(CHARSET_TEXTS)
            head = self.headers(charset, sample)
            t = self.text(self.body_size(target, head) // (2 if charset in ("shift_jis", "gb2312", "iso-2022-jp") else 1),
                          sample)
            if charset in ("shift_jis", "gb2312", "iso-2022-jp"):
                t = " ".join([sample] * (len(t) // (3 * len(sample)) + 1)) + "\n" + t
            body = self.text_part(t, charset, cte=None if charset != "koi8-r" else self.rng.choice(["8bit", None]))
        else:  # newsletter
            head = self.headers("utf-8", sample, "list")
            t = self.text(self.body_size(target, head) // 3, utf8_extra, quote=False)
            body = self.multipart("alternative", [
                self.text_part(t, "utf-8", cte="quoted-printable"),
                self.text_part(self.html(t), "utf-8", "html", cte="base64")])
        return (head + body).encode("latin-1")

    def large(self, size):
        charset, sample = self.rng.choice(CHARSET_TEXTS)
        style = self.rng.choice(["gmail", "apple", "outlook"])
        head = self.headers(charset, sample, {"gmail": "", "apple": "iphone", "outlook": "outlook"}[style])
        t = self.text(self.rng.randint(1000, 8000), sample)
        alt = self.multipart("alternative", [self.text_part(t, charset), self.text_part(self.html(t), "utf-8", "html")],
                             style)
        n = self.rng.randint(1, 3)
        kinds = ["jpg"] if style == "apple" else ["png", "jpg", "pdf", "docx"]
        parts = [alt] + [self.binary_part(size * 3 // 4 // n, self.rng.choice(kinds)) for _ in range(n)]
        return (head + self.multipart("mixed", parts, style)).encode("latin-1")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?")
    ap.add_argument("--small", type=int, default=5000)
    ap.add_argument("--large", type=int, default=20)
    ap.add_argument("--big-mb", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--mix", action="store_true", help="print the small-message mix and exit")
    args = ap.parse_args()
    if args.mix:
        for kind, weight in SMALL_MIX:
            print("%3d%%  %s" % (weight, kind))
        return
    if not args.out:
        ap.error("OUT is required")
    gen = Generator(args.seed)
    for sub in ("small", "large", "big"):
        os.makedirs(os.path.join(args.out, sub), exist_ok=True)
    for i in range(args.small):
        with open(os.path.join(args.out, "small", "%05d.eml" % i), "wb") as f:
            f.write(gen.small())
    for i in range(args.large):
        size = gen.rng.randint(1_000_000, 8_000_000)
        with open(os.path.join(args.out, "large", "%02d.eml" % i), "wb") as f:
            f.write(gen.large(size))
    if args.big_mb > 0:
        with open(os.path.join(args.out, "big", "big.eml"), "wb") as f:
            f.write(gen.large(args.big_mb * 1_000_000))


if __name__ == "__main__":
    main()
