from lib import *
from gen1 import S, gmail_html, gmail_alternative, priya_text, priya_sig, p1_text
from pdf import session_plan_pdf

# ---------------------------------------------------------------- 05 facilitator's Gmail reply-all, no token
fran_top = """approve

Thanks Priya, this is a brilliant write-up. I'll make sure it goes in Monday's digest.

Fran"""
fran_sig = """Fran Ellis
Facilitator, One Digital Community of Practice"""
attr = "On Mon, 16 Nov 2026 at 10:12, Priya Shah <priya.shah@northlibraries.example> wrote:"
fran_text = fran_top + "\n\n-- \n" + fran_sig + "\n\n\n" + attr + "\n\n" + wrap_quote(p1_text.rstrip("\n")) + "\n"
quote_html = ('<br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, 16 Nov 2026 at 10:12, Priya Shah &lt;<a href="mailto:priya.shah@northlibraries.example">priya.shah@northlibraries.example</a>&gt; wrote:<br></div>'
              '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
              + gmail_html(priya_text, priya_sig) + "</blockquote></div>")
fran_html = gmail_html(fran_top, fran_sig, "")
fran_html = fran_html[:-len("</div>")] + "</div>" + quote_html
B5 = "0000000000008e7d3b0642b23f9c"
S["05-facilitator-reply-no-token"] = (epoch(2026, 11, 17, 16, 30, 52), f"""Return-Path: <facilitator@example.org>
Delivered-To: learning@example.org
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41])
	by mx.example.org (Postfix) with ESMTPS id 4XbwC81mT4z9sWp
	for <learning@example.org>; Tue, 17 Nov 2026 16:30:52 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=example.org header.i=@example.org header.b="Vx3k0pLm";
	spf=pass (mx.example.org: domain of facilitator@example.org designates 209.85.220.41 as permitted sender) smtp.mailfrom=facilitator@example.org;
	dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
        d=example.org; s=google; t=1794846650; x=1795451450; darn=example.org;
        h=cc:to:subject:message-id:date:from:in-reply-to:references
         :mime-version:from:to:cc:subject:date:message-id:reply-to;
        bh=r2Yc9mQ1xV4bN7kL0pS3dF6gH8jA5zW2eT1uI4oP7qE=;
        b=Vx3k0pLmC8rT1yB4nQ7wE0aS3dF6gH9jK2lZ5xC8vB1nM4qW7eR0tY3uI6oP9aS2d
         F5gH8jK1lZ4xC7vB0nM3qW6eR9tY2uI5oP8aS1dF4gH7jK0lZ3xC6vB9nM2qW5eR8t
         Y1uI4oP7aS0dF3gH6jK9lZ2xC5vB8nM1qW4eR7tY0uI3oP6aS9dF2gH5jK8lZ1x==
X-Google-Smtp-Source: AGHT+IFq8wN2eR5tY0uI3oP6aS9dF2gH5jK8lZ1xC4vB7nM0qW3eR6tY9uI2oP5aS8dF1gH4j
X-Received: by 2002:a05:6402:2d1c:b0:5e0:91f4:2a07 with SMTP id 4fb4d7f45d1cf-5e0c2b8e7f1mr11872043a12.31.1794846650412;
        Tue, 17 Nov 2026 08:30:50 -0800 (PST)
MIME-Version: 1.0
References: <CAH7vKq3mB0x=Qd5tN2rP8fE1wJ6kZ4yL9sU0aG3hXc7VbR2nTw@mail.gmail.com>
In-Reply-To: <CAH7vKq3mB0x=Qd5tN2rP8fE1wJ6kZ4yL9sU0aG3hXc7VbR2nTw@mail.gmail.com>
From: Fran Ellis <facilitator@example.org>
Date: Tue, 17 Nov 2026 16:30:38 +0000
Message-ID: <CAJ4pTw9nR1s=VkE0mH6bQ3xF8yL2cD5aZ7uG4oN1iP0tW9eKrA@mail.gmail.com>
Subject: Re: Drop-in sessions in the library: what worked (and what didn't)
To: Priya Shah <priya.shah@northlibraries.example>
Cc: learning@example.org
Content-Type: multipart/alternative; boundary="{B5}"

""" + gmail_alternative(B5, fran_text, fran_html))

# ---------------------------------------------------------------- 06 Outlook desktop (SMTP) with PDF attachment
janet_text = """Hello everyone,

As promised at last month's call, here is the session plan for our "Spot the Scam" sessions (PDF attached). We've now run it eleven times with 96 older people across our day centres and lunch clubs.

What we learned:

- Use real scam examples, not made-up ones. We collect the parcel-delivery texts, fake bank calls and "HMRC refund" emails that members bring in (with personal details removed). People recognise them straight away.
- Teach one rule, not ten. We use Take Five's "Stop, Challenge, Protect" and practise it with role play: one Digital Champion plays the fraud caller, the group talks them down.
- Talk about passwords as a story. "Three random words" lands better than any rule about symbols, and showing how to turn on 2-step verification for email is the most useful ten minutes of the hour.
- Make reporting easy: forward scam texts to 7726 and phishing emails to report@phishing.gov.uk. Several members have done this since, and told us proudly.
- Expect disclosures. In three sessions someone realised they had already lost money. We now have a quiet follow-up with a trained member of staff and a referral to Victim Support.

Take Five: https://www.takefive-stopfraud.org.uk/
NCSC guidance on phishing: https://www.ncsc.gov.uk/collection/phishing-scams

Best wishes,
Janet

Janet Price
Community Services Manager | Age Connect West
Registered charity no. 1234567
"""
def outlook_desktop_html(text):
    import re
    parts = []
    for line in text.rstrip("\n").split("\n"):
        if line == "":
            parts.append('<p class="MsoNormal"><o:p>&nbsp;</o:p></p>')
        else:
            h = html_escape(line)
            h = re.sub(r'(https?://[^\s<]+)', r'<a href="\1">\1</a>', h)
            h = h.replace("report@phishing.gov.uk", '<a href="mailto:report@phishing.gov.uk">report@phishing.gov.uk</a>')
            parts.append('<p class="MsoNormal">%s<o:p></o:p></p>' % h)
    return ("""<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=us-ascii"><meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;}
span.EmailStyle17
	{mso-style-type:personal-compose;
	font-family:"Calibri",sans-serif;}
@page WordSection1
	{size:612.0pt 792.0pt;
	margin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1
	{page:WordSection1;}
--></style></head><body lang=EN-GB link="#0563C1" vlink="#954F72" style='word-wrap:break-word'><div class=WordSection1>"""
            + "".join(parts) + "</div></body></html>")

pdf = session_plan_pdf()
assert 1024 <= len(pdf) <= 3072, len(pdf)
mixed = "----=_NextPart_000_0005_01DB3C49.6E2A1F80"
alt = "----=_NextPart_001_0006_01DB3C49.6E2A1F80"
S["06-outlook-pdf-attachment"] = (epoch(2026, 11, 18, 11, 5, 37), f"""Return-Path: <janet.price@ageconnectwest.example>
Delivered-To: learning@example.org
Received: from mail.ageconnectwest.example (mail.ageconnectwest.example [192.0.2.144])
	by mx.example.org (Postfix) with ESMTPS id 4XcPq71Rbkz9sWr
	for <learning@example.org>; Wed, 18 Nov 2026 11:05:37 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=none;
	spf=pass (mx.example.org: domain of janet.price@ageconnectwest.example designates 192.0.2.144 as permitted sender) smtp.mailfrom=janet.price@ageconnectwest.example;
	dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=ageconnectwest.example
Received: from OFFICEPC07 (unknown [192.0.2.201])
	(Authenticated sender: janet.price@ageconnectwest.example)
	by mail.ageconnectwest.example (Postfix) with ESMTPSA id 7E1A2C0452
	for <learning@example.org>; Wed, 18 Nov 2026 11:05:36 +0000 (GMT)
From: "Janet Price" <janet.price@ageconnectwest.example>
To: <learning@example.org>
Subject: Scam awareness session plan (PDF attached)
Date: Wed, 18 Nov 2026 11:05:29 -0000
Message-ID: <000501db3c49$6e2a1f80$4a7e5c80$@ageconnectwest.example>
MIME-Version: 1.0
Content-Type: multipart/mixed;
	boundary="{mixed}"
X-Mailer: Microsoft Outlook 16.0
Thread-Index: AdtYqz0C3kK9jvKxQmy7tn9V5fJ2Aw==
Content-Language: en-gb

This is a multipart message in MIME format.

--{mixed}
Content-Type: multipart/alternative;
	boundary="{alt}"


--{alt}
Content-Type: text/plain;
	charset="us-ascii"
Content-Transfer-Encoding: 7bit

{janet_text}
--{alt}
Content-Type: text/html;
	charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{qp(outlook_desktop_html(janet_text).encode())}
--{alt}--

--{mixed}
Content-Type: application/pdf;
	name="session-plan.pdf"
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
	filename="session-plan.pdf"

{b64(pdf)}

--{mixed}--

""")
