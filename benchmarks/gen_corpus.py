#!/usr/bin/env python3
"""Deterministic benchmark corpora for MIME parsing (see docs/PERFORMANCE.md).

    gen_corpus.py OUT [--small 5000] [--large 20] [--big-mb 50] [--seed 20261129]

writes OUT/small/NNNNN.eml (2-20 KB each: plain, QP, multipart/alternative, base64 images, mixed
charsets and RFC 2047 headers), OUT/large/NN.eml (1-8 MB, base64 attachments) and OUT/big/big.eml
(one message of about --big-mb MB, for peak-RSS measurements). Same seed, same bytes.
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

# (charset, sample text) pairs: what real mail brings besides UTF-8.
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


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.counter = 0

    def words(self, n):
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def paragraph(self, charset_text=None):
        sentences = []
        for _ in range(self.rng.randint(2, 6)):
            s = self.words(self.rng.randint(5, 18)).capitalize() + "."
            sentences.append(s)
        if charset_text and self.rng.random() < 0.7:
            sentences.insert(self.rng.randint(0, len(sentences)), charset_text)
        return " ".join(sentences)

    def text(self, size, charset_text=None):
        paras = []
        total = 0
        while total < size:
            p = self.paragraph(charset_text)
            # Wrap at ~72 columns like most clients.
            lines, line = [], ""
            for w in p.split(" "):
                if len(line) + len(w) + 1 > 72:
                    lines.append(line)
                    line = w
                else:
                    line = (line + " " + w).strip()
            lines.append(line)
            block = "\n".join(lines)
            if self.rng.random() < 0.15:
                block = "\n".join("> " + l for l in lines)
            paras.append(block)
            total += len(block) + 2
        return "\n\n".join(paras) + "\n"

    def html(self, text):
        body = "".join("<p>%s</p>\n" % p.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>\n")
                       for p in text.split("\n\n"))
        return ("<html><head><meta charset=\"utf-8\"><style>p{margin:0}</style></head><body>\n"
                "<div class=\"WordSection1\">\n%s<a href=\"https://example.org/learn\">Read more</a></div>"
                "</body></html>\n" % body)

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

    def headers(self, subject_charset, subject_text):
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
        subject = "%s %s" % (self.words(self.rng.randint(2, 6)).capitalize(), subject_text[:20])
        try:
            subject.encode("ascii")
        except UnicodeEncodeError:
            try:
                subject = encoded_word(subject, subject_charset, self.rng.choice("BQ"))
            except UnicodeEncodeError:
                subject = encoded_word(subject, "utf-8", "B")
        lines.append("Subject: " + subject)
        lines.append("Date: Mon, %d Nov 2026 %02d:%02d:%02d +0100" % (self.rng.randint(1, 28), self.rng.randint(0, 23),
                                                                       self.rng.randint(0, 59), self.rng.randint(0, 59)))
        lines.append("Message-ID: <%d.%x@example.net>" % (n, self.rng.getrandbits(64)))
        if self.rng.random() < 0.3:
            lines.append("List-Id: Learning community <learn.example.org>")
        lines.append("MIME-Version: 1.0")
        return "\r\n".join(lines) + "\r\n"

    def text_part(self, text, charset, subtype="plain"):
        raw = text.encode(charset, errors="replace")
        if charset == "iso-2022-jp":
            cte, body = "7bit", crlf(raw.decode("ascii", "replace"))
        elif all(b < 128 for b in raw) and self.rng.random() < 0.5:
            cte, body = "7bit", crlf(raw.decode("ascii"))
        elif self.rng.random() < 0.75:
            cte, body = "quoted-printable", qp(raw)
        else:
            # Canonical form (RFC 2046 section 4.1.1): CRLF line breaks inside the encoded text.
            cte, body = "base64", b64(crlf(text).encode(charset, errors="replace"))
        return ("Content-Type: text/%s; charset=\"%s\"\r\nContent-Transfer-Encoding: %s\r\n\r\n%s"
                % (subtype, charset, cte, body))

    def binary_part(self, size, kind):
        name, ctype = {"png": ("image%d.png", "image/png"), "jpg": ("photo%d.jpg", "image/jpeg"),
                       "pdf": ("notes%d.pdf", "application/pdf")}[kind]
        name = name % self.rng.randint(1, 999)
        data = self.rng.randbytes(size)
        return ("Content-Type: %s; name=\"%s\"\r\nContent-Disposition: attachment; filename=\"%s\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n%s" % (ctype, name, name, b64(data)))

    def multipart(self, subtype, parts):
        boundary = "----=_Part_%d_%d" % (self.counter, self.rng.getrandbits(32))
        out = "Content-Type: multipart/%s; boundary=\"%s\"\r\n\r\nThis is a multi-part message in MIME format.\r\n" % (
            subtype, boundary)
        for p in parts:
            out += "\r\n--%s\r\n%s" % (boundary, p if p.endswith("\r\n") else p + "\r\n")
        return out + "\r\n--%s--\r\n" % boundary

    def small(self):
        target = self.rng.randint(2000, 22000)
        charset, sample = self.rng.choice(CHARSET_TEXTS)
        head = self.headers(charset, sample)
        kind = self.rng.random()
        if kind < 0.2:
            body = self.text_part(self.text(target - len(head)), "us-ascii")
        elif kind < 0.4:
            body = self.text_part(self.text(target - len(head), sample), charset)
        elif kind < 0.75:
            t = self.text((target - len(head)) // 3, sample)
            body = self.multipart("alternative", [self.text_part(t, charset), self.text_part(self.html(t), "utf-8", "html")])
        else:
            t = self.text(self.rng.randint(500, 3000), sample)
            remaining = max(300, (target - len(head) - 3 * len(t)) * 3 // 4)
            alt = self.multipart("alternative", [self.text_part(t, charset), self.text_part(self.html(t), "utf-8", "html")])
            body = self.multipart("mixed", [alt, self.binary_part(remaining, self.rng.choice(["png", "jpg", "pdf"]))])
        return (head + body).encode("ascii")

    def large(self, size):
        charset, sample = self.rng.choice(CHARSET_TEXTS)
        head = self.headers(charset, sample)
        t = self.text(self.rng.randint(1000, 8000), sample)
        alt = self.multipart("alternative", [self.text_part(t, charset), self.text_part(self.html(t), "utf-8", "html")])
        n = self.rng.randint(1, 3)
        parts = [alt] + [self.binary_part(size * 3 // 4 // n, self.rng.choice(["png", "jpg", "pdf"])) for _ in range(n)]
        return (head + self.multipart("mixed", parts)).encode("ascii")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--small", type=int, default=5000)
    ap.add_argument("--large", type=int, default=20)
    ap.add_argument("--big-mb", type=int, default=50)
    ap.add_argument("--seed", type=int, default=20261129)
    args = ap.parse_args()
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
