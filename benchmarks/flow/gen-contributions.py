#!/usr/bin/env python3
"""Writes N deterministic partner contributions (~4 KB each) as Maildir files for the ingest benchmark.

    gen-contributions.py OUTDIR [N]

Every message is what a partner's mail client would send to the community address after a real
MTA added its trace headers: CRLF line endings, a Received chain, a unique Message-ID and a unique
body (so that learnmail's duplicate check never folds two together). Two in three are
multipart/alternative (text + HTML, quoted-printable, as Outlook and Gmail write them), one in three
plain text. Senders come from the partner domains listed in PARTNERS (the benchmark's config uses the
same list), 400 distinct people, so each writes 5 messages: exactly learnmail's daily auto-reply
allowance, so every message also gets an acknowledgement, as in a real week.
Same input, same bytes: no clock, no randomness beyond a seeded PRNG.
"""

import os
import quopri
import random
import sys

PARTNERS = [
    ("North Libraries", "northlibraries.example"),
    ("Example Housing", "examplehousing.org.uk"),
    ("Riverside Council", "riverside-council.example"),
    ("Age Connect West", "ageconnectwest.example"),
    ("Greenway Homes", "greenwayhomes.example"),
    ("Hillside Community Trust", "hillsidetrust.example"),
    ("Eastvale Citizens Advice", "eastvale-ca.example"),
    ("Westmoor District Council", "westmoor-council.example"),
]
FIRST = ["Helen", "Rhys", "Priya", "Tom", "Aisha", "Gareth", "Mei", "Callum", "Sian", "Olu",
         "Fatima", "Owen", "Grace", "Dylan", "Nia", "Imran", "Ruth", "Kwame", "Ellie", "Jamal"]
LAST = ["Marsh", "Evans", "Shah", "Byrne", "Khan", "Lloyd", "Chen", "Fraser", "Price", "Adeyemi"]
TOPICS = [
    ("Helping older tenants book GP appointments online", "GP appointments", "NHS app"),
    ("Lending tablets with data SIMs", "tablet lending", "data SIMs"),
    ("Spotting scam texts at the library drop-in", "scam texts", "phishing"),
    ("Recruiting volunteers as Digital Champions", "volunteer champions", "training"),
    ("Running sessions in Welsh", "Cymraeg sessions", "bilingual handouts"),
    ("Password managers for first-time users", "passwords", "password managers"),
    ("Repeat prescriptions through the NHS app", "prescriptions", "NHS login"),
    ("Setting up video calls with family", "video calls", "devices"),
]
SENTENCES = [
    "We tried this with {n} residents over {w} weeks and kept notes after every session.",
    "The biggest barrier was confidence rather than the {a} itself, so we slowed right down.",
    "People who came with a friend stayed longer and came back the following week.",
    "Printed step-by-step cards with large screenshots worked better than any video.",
    "Our champions now start every session by asking what the person wants to do that day.",
    "We partnered with the local surgery so that staff could refer people to us directly.",
    "A quiet room with reliable wifi made more difference than we expected.",
    "Several learners had never set up an email address, which blocked everything else.",
    "We keep a short log of common questions and review it at the monthly team meeting.",
    "Offering {b} support in the first week reduced drop-outs from about a third to one in ten.",
    "Next we want to share the cards with other partners and hear what worked for them.",
    "The council's library team lent us two laptops, which let us run pairs instead of queues.",
]


def wrap(text, width=72):
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return out


def body_paragraphs(rng, i, topic):
    _, a, b = topic
    paras = []
    # About 1.8 KB of text: with headers (and the HTML copy in multipart mail) 4 KB on average.
    while sum(len(p) for p in paras) < 1650:
        picks = rng.sample(SENTENCES, 4)
        paras.append(" ".join(s.format(n=rng.randint(6, 60), w=rng.randint(2, 12), a=a, b=b) for s in picks))
    paras.insert(0, f"Ref {i:05d}: this is what our project learned about {a} this month.")
    return paras


def message(i):
    rng = random.Random(1000 + i)
    person = i % 400
    org, domain = PARTNERS[person % len(PARTNERS)]
    first, last = FIRST[person % len(FIRST)], LAST[(person // len(FIRST)) % len(LAST)]
    address = f"{first.lower()}.{last.lower()}{person}@{domain}"
    topic = TOPICS[i % len(TOPICS)]
    day, hour, minute = 16 + i % 5, 8 + i % 9, i % 60
    date = f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri'][i % 5]}, {day} Nov 2026 {hour:02d}:{minute:02d}:{i % 60:02d} +0000"
    paras = body_paragraphs(rng, i, topic)
    text = "\r\n\r\n".join("\r\n".join(wrap(p)) for p in paras)
    text += f"\r\n\r\nOrganisation: {org}\r\n\r\n--\r\n{first} {last}\r\nDigital inclusion officer, {org}\r\n"
    head = [
        f"Return-Path: <{address}>",
        "Delivered-To: learning@example.org",
        f"Received: from mail.{domain} (mail.{domain} [192.0.2.{1 + i % 250}])",
        f"\tby mx.example.org (Postfix) with ESMTPS id 4Xb{i:07X}",
        f"\tfor <learning@example.org>; {date}",
        f"From: {first} {last} <{address}>",
        "To: learning@example.org",
        f"Subject: {topic[0]} ({i})",
        f"Date: {date}",
        f"Message-ID: <bench.{i:05d}.{rng.getrandbits(40):010x}@{domain}>",
        "MIME-Version: 1.0",
    ]
    if i % 3 == 2:
        head += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 7bit"]
        return ("\r\n".join(head) + "\r\n\r\n" + text).encode()
    boundary = f"_000_bench{i:05d}_"
    html = "<html><head><meta charset=\"utf-8\"></head><body>" + "".join(
        f"<p class=\"MsoNormal\">{p}</p>" for p in paras) + f"<p>{first} {last}<br>{org}</p></body></html>"
    qp = quopri.encodestring(html.encode()).replace(b"\n", b"\r\n")
    head += [f"Content-Type: multipart/alternative; boundary=\"{boundary}\""]
    parts = [
        "\r\n".join(head).encode(), b"\r\n\r\n",
        f"--{boundary}\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n"
        "Content-Transfer-Encoding: 7bit\r\n\r\n".encode(), text.encode(), b"\r\n",
        f"--{boundary}\r\nContent-Type: text/html; charset=\"utf-8\"\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n".encode(), qp, b"\r\n",
        f"--{boundary}--\r\n".encode(),
    ]
    return b"".join(parts)


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    os.makedirs(out, exist_ok=True)
    total = 0
    for i in range(n):
        data = message(i)
        total += len(data)
        # Maildir names sort in delivery order: Dovecot assigns UIDs in that order.
        with open(os.path.join(out, f"{1795000000 + i}.M{i}P1.bench,S={len(data)}"), "wb") as f:
            f.write(data)
    print(f"{n} messages, {total} bytes, {total // n} bytes on average", file=sys.stderr)


if __name__ == "__main__":
    main()
