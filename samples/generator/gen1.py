# Samples 1-6 (arrival order)
from lib import *

S = {}  # name -> (epoch, text-with-\n, encoding)

# ---------------------------------------------------------------- 01 Gmail multipart/alternative
priya_text = """Hi all,

We've now run weekly Digital Champion drop-ins at two of our branch libraries for six months, so here is what we learned.

1. Drop-in beats booking. When we asked people to book a slot, about a third didn't turn up. Since we switched to a two-hour drop-in on Tuesday mornings (10–12), we see 8–14 people a week and nobody is turned away.

2. Put the champion at the front desk, not in a back room. People who are nervous about "computers" will ask a question at the counter that they would never walk into a class for.

3. Two of us per session is the minimum. One volunteer can sit with someone for 40 minutes setting up an email account while the other handles the quick questions (Wi-Fi, printing a boarding pass, a Universal Credit journal entry).

4. Keep a simple tally. We log each visit on a paper sheet with just the topic and whether they'd come back. It takes five minutes a week and it's what got our funding renewed.

Our volunteer role description and tally sheet are here: https://www.northlibraries.example/digital-champions/resources

The Good Things Foundation guide to running sessions was also useful: https://www.goodthingsfoundation.org/

Happy to chat to anyone thinking of starting something similar.

Priya
"""
priya_sig = """Priya Shah
Digital Inclusion Officer, North Libraries
0113 496 0412"""

def gmail_html(paras_text, sig=None, extra_html=""):
    import re
    out = ['<div dir="ltr">']
    first = True
    for para in paras_text.strip("\n").split("\n\n"):
        if not first:
            out.append("<div><br></div>")
        first = False
        for line in para.split("\n"):
            h = html_escape(line)
            h = re.sub(r'(https?://[^\s<]+)', r'<a href="\1">\1</a>', h)
            out.append("<div>%s</div>" % h)
    out.append(extra_html)
    if sig:
        out.append('<div><br></div>-- <br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">'
                   + "<div>" + "</div><div>".join(html_escape(l) for l in sig.split("\n")) + "</div></div></div>")
    out.append("</div>")
    return "".join(out)

def gmail_alternative(boundary, text, html):
    return (f"--{boundary}\n"
            'Content-Type: text/plain; charset="UTF-8"\n'
            "Content-Transfer-Encoding: quoted-printable\n\n"
            + qp(text.encode("utf-8")) + "\n\n"
            f"--{boundary}\n"
            'Content-Type: text/html; charset="UTF-8"\n'
            "Content-Transfer-Encoding: quoted-printable\n\n"
            + qp(html.encode("utf-8")) + "\n\n"
            f"--{boundary}--\n")

def gmail_received(ts, hdr_date, sor_ip, id_, mailfrom_domain):
    return (f"Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41])\n"
            f"\tby mx.example.org (Postfix) with ESMTPS id {id_}\n"
            f"\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256)\n"
            f"\tfor <learning@example.org>; {hdr_date}\n")

p1_text = priya_text + "\n-- \n" + priya_sig + "\n"
p1_html = gmail_html(priya_text, priya_sig)
B1 = "000000000000c4a1f20642b0e6b1"
S["01-gmail-alternative"] = (epoch(2026, 11, 16, 10, 12, 44), f"""Return-Path: <priya.shah@northlibraries.example>
Delivered-To: learning@example.org
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41])
	by mx.example.org (Postfix) with ESMTPS id 4Xb2kL0q1Zz9sWd
	for <learning@example.org>; Mon, 16 Nov 2026 10:12:44 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=northlibraries.example header.i=@northlibraries.example header.b="Qm7s1Fq2";
	spf=pass (mx.example.org: domain of priya.shah@northlibraries.example designates 209.85.220.41 as permitted sender) smtp.mailfrom=priya.shah@northlibraries.example;
	dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=northlibraries.example
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
        d=northlibraries.example; s=google; t=1794823962; x=1795428762; darn=example.org;
        h=cc:to:subject:message-id:date:from:mime-version:from:to:cc:subject
         :date:message-id:reply-to;
        bh=8pX1b0ZcK0m3qGm4p9JmXWb3pU9w2yQv7n1e4xD6sLk=;
        b=Qm7s1Fq2hT0YyL9cN3vW8eR5kJ2aP6dX4bZ1gM7uC0iS9nH3oE8wQ2rV5tF6yA1j
         K4lB7xN0cD3eG6hJ9mP2qS5tW8zA1bE4gH7jL0nR3uX6yB9dF2kM5pQ8sV1wZ4cG
         7hJ0lN3oR6tU9xA2bD5fH8kM1pS4vY7zB0cE3gJ6lO9qT2wX5aC8dF1hK4nP7s==
X-Google-Smtp-Source: AGHT+IGt5rX0hQ2m1zN8yB4cV7kL3pJ6wF9dS0aE2uR5tY8oI1nM4bC7xZ0vQ3lK6jH9gF2dS
X-Received: by 2002:a05:6402:1e8b:b0:5e0:8a3c:9b21 with SMTP id 4fb4d7f45d1cf-5e0b7a3c4d1mr10457831a12.18.1794823962183;
        Mon, 16 Nov 2026 02:12:42 -0800 (PST)
MIME-Version: 1.0
From: Priya Shah <priya.shah@northlibraries.example>
Date: Mon, 16 Nov 2026 10:12:31 +0000
Message-ID: <CAH7vKq3mB0x=Qd5tN2rP8fE1wJ6kZ4yL9sU0aG3hXc7VbR2nTw@mail.gmail.com>
Subject: Drop-in sessions in the library: what worked (and what didn't)
To: learning@example.org
Cc: Fran Ellis <facilitator@example.org>
Content-Type: multipart/alternative; boundary="{B1}"

""" + gmail_alternative(B1, p1_text, p1_html))

# ---------------------------------------------------------------- 02 Outlook HTML-only windows-1252 QP
safelink = ("https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.nhs.uk%2Fnhs-app%2Fnhs-app-help-and-support%2F"
            "&amp;data=05%7C02%7Chelen.marsh%40examplehousing.org.uk%7C3c1f5e0a9b2d4c7e8f1a08dd0f3a2b1c%7C4e2a1b3c5d6f47a8b9c0d1e2f3a4b5c6"
            "%7C0%7C0%7C638675524321987654%7CUnknown%7CTWFpbGZsb3d8eyJFbXB0eU1hcGkiOnRydWUsIlYiOiIwLjAuMDAwMCIsIlAiOiJXaW4zMiIsIkFOIjoiTWFpbCIsIldUIjoyfQ%3D%3D"
            "%7C0%7C%7C%7C&amp;sdata=Zk3Vq8X1m2Pq7rT0yN5cB4dF6gH9jK2lM8nO1pQ3sR4%3D&amp;reserved=0")
helen_paras = [
    "Hi everyone,",
    "Since September our Digital Champions have run \u201cGP online\u201d mornings in three of our sheltered housing schemes. Most tenants over 75 had been told by their surgery to \u201cgo online\u201d, and many had given up the first time the NHS App asked them to prove who they are.",
    "<b>What we learned</b>",
    "\u2022 Identity checks are the big hurdle, not the app. Lots of tenants don\u2019t have a passport or driving licence in date. Their GP surgery can give them a registration letter with the details to set up GP online services instead \u2013 we now ring the surgery with the tenant before the session.",
    "\u2022 Book a real GP appointment together, on the day. Practising with a \u201cpretend\u201d booking didn\u2019t stick; doing it for real did.",
    "\u2022 Repeat prescriptions are the way in. Once someone has ordered a prescription in the app and it turned up at the chemist, they come back for more.",
    "\u2022 Proxy access helps families. Where a daughter or son already helps, the surgery can link their account so they can book an appointment on the tenant\u2019s behalf.",
    "It cost about \u00a340 per scheme for refreshments and printing. 31 tenants now book online, up from 4.",
    "The NHS App help pages we used: <a href=\"" + safelink + "\" originalsrc=\"https://www.nhs.uk/nhs-app/nhs-app-help-and-support/\" shash=\"Yq4p0sL2mJ8vR1tX5zA9cE3gK7nP0uW2yB6dF4hM1jQ=\">https://www.nhs.uk/nhs-app/nhs-app-help-and-support/</a>",
    "Kind regards,",
]
helen_body = "".join('<p class="MsoNormal">%s<o:p></o:p></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n' % p for p in helen_paras)
helen_html = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=Windows-1252">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face
	{font-family:Aptos;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	font-size:12.0pt;
	font-family:"Aptos",sans-serif;
	mso-ligatures:standardcontextual;
	mso-fareast-language:EN-US;}
a:link, span.MsoHyperlink
	{mso-style-priority:99;
	color:#467886;
	text-decoration:underline;}
span.EmailStyle17
	{mso-style-type:personal-compose;
	font-family:"Aptos",sans-serif;
	color:windowtext;}
.MsoChpDefault
	{mso-style-type:export-only;
	font-size:11.0pt;
	mso-fareast-language:EN-US;}
@page WordSection1
	{size:612.0pt 792.0pt;
	margin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1
	{page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="EN-GB" link="#467886" vlink="#96607D" style="word-wrap:break-word">
<div class="WordSection1">
""" + helen_body + """<p class="MsoNormal"><b><span style="color:#1F3864">Helen Marsh</span></b><span style="color:#1F3864"> | Tenant Engagement Officer<o:p></o:p></span></p>
<p class="MsoNormal"><span style="color:#1F3864">Example Housing | 0161 496 0735<o:p></o:p></span></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
</div>
</body>
</html>
"""
helen_html_crlf = crlf(helen_html).encode("cp1252")
S["02-outlook-html-cp1252"] = (epoch(2026, 11, 17, 9, 47, 20), """Return-Path: <helen.marsh@examplehousing.org.uk>
Delivered-To: learning@example.org
Received: from EUR02-DB5-obe.outbound.protection.outlook.com (mail-db5eur02on2071.outbound.protection.outlook.com [40.107.249.71])
	by mx.example.org (Postfix) with ESMTPS id 4Xbk9T2m0Fz9sWh
	for <learning@example.org>; Tue, 17 Nov 2026 09:47:20 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=examplehousing.org.uk header.i=@examplehousing.org.uk header.b="f0Qx2LpA";
	spf=pass (mx.example.org: domain of helen.marsh@examplehousing.org.uk designates 40.107.249.71 as permitted sender) smtp.mailfrom=helen.marsh@examplehousing.org.uk;
	dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=examplehousing.org.uk
Received: from DB9PR03MB7225.eurprd03.prod.outlook.com (2603:10a6:10:2c7::14)
 by AS8PR03MB6792.eurprd03.prod.outlook.com (2603:10a6:20b:29a::9) with
 Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8182.18; Tue, 17 Nov
 2026 09:47:14 +0000
From: Helen Marsh <helen.marsh@examplehousing.org.uk>
To: "learning@example.org" <learning@example.org>
Subject: Helping older tenants book GP appointments online
Thread-Topic: Helping older tenants book GP appointments online
Thread-Index: AdtYq3vN0k8Z2mJ1RkC5o7tW1x9QzA==
Date: Tue, 17 Nov 2026 09:47:12 +0000
Message-ID:
 <DB9PR03MB72254F1A8C2E9B0D3E7A5C61B2D94F08A3@DB9PR03MB7225.eurprd03.prod.outlook.com>
Accept-Language: en-GB, en-US
Content-Language: en-GB
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
msip_labels:
x-ms-publictraffictype: Email
x-ms-traffictypediagnostic: DB9PR03MB7225:EE_|AS8PR03MB6792:EE_
x-ms-exchange-senderadcheck: 1
Content-Type: text/html; charset="Windows-1252"
Content-Transfer-Encoding: quoted-printable
MIME-Version: 1.0

""" + qp(helen_html_crlf) + "\n")

# ---------------------------------------------------------------- 03 Exchange out-of-office
oof_boundary = "_000_DB9PR03MB7225C0E3A17B44D5F82B9A1E6D7C3F52DB9PR03MB7225eurp_"
oof_text = """Thank you for your email.

I am out of the office until Monday 23 November with limited access to email.

For urgent tenancy matters please call 0161 496 0123 or email engagement@examplehousing.org.uk.

Helen Marsh
"""
oof_html = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">
</head>
<body>
<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">
Thank you for your email.</div>
<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">
<br>
</div>
<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">
I am out of the office until Monday 23 November with limited access to email.</div>
<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">
<br>
</div>
<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">
For urgent tenancy matters please call 0161 496 0123 or email engagement@examplehousing.org.uk.</div>
<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">
<br>
</div>
<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">
Helen Marsh</div>
</body>
</html>
"""
S["03-exchange-out-of-office"] = (epoch(2026, 11, 17, 9, 48, 9), f"""Return-Path: <helen.marsh@examplehousing.org.uk>
Delivered-To: learning@example.org
Received: from EUR02-DB5-obe.outbound.protection.outlook.com (mail-db5eur02on2072.outbound.protection.outlook.com [40.107.249.72])
	by mx.example.org (Postfix) with ESMTPS id 4XbkBF0vQnz9sWj
	for <learning@example.org>; Tue, 17 Nov 2026 09:48:09 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=examplehousing.org.uk header.i=@examplehousing.org.uk header.b="T3wq9ZcE";
	spf=pass (mx.example.org: domain of helen.marsh@examplehousing.org.uk designates 40.107.249.72 as permitted sender) smtp.mailfrom=helen.marsh@examplehousing.org.uk;
	dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=examplehousing.org.uk
Received: from DB9PR03MB7225.eurprd03.prod.outlook.com (2603:10a6:10:2c7::14)
 by AS8PR03MB6792.eurprd03.prod.outlook.com (2603:10a6:20b:29a::9) with
 Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8182.18; Tue, 17 Nov
 2026 09:48:05 +0000
From: Helen Marsh <helen.marsh@examplehousing.org.uk>
To: One Digital Community of Practice <learning@example.org>
Subject: Automatic reply: Received as #2: Helping older tenants book GP
 appointments online
Thread-Topic: Received as #2: Helping older tenants book GP appointments
 online
Thread-Index: AQHbWKt8c2m1qE0hQkKq5nB2v3x4ZbM9Xk1q
Date: Tue, 17 Nov 2026 09:48:04 +0000
Message-ID:
 <DB9PR03MB7225C0E3A17B44D5F82B9A1E6D7C3F52@DB9PR03MB7225.eurprd03.prod.outlook.com>
References: <ack.2.7f3c9a1e5b2d@learning.example.org>
In-Reply-To: <ack.2.7f3c9a1e5b2d@learning.example.org>
Auto-Submitted: auto-replied
X-MS-Has-Attach:
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: helen.marsh@examplehousing.org.uk
X-MS-TNEF-Correlator:
x-ms-exchange-parent-message-id: <ack.2.7f3c9a1e5b2d@learning.example.org>
x-ms-publictraffictype: Email
Content-Type: multipart/alternative;
	boundary="{oof_boundary}"
MIME-Version: 1.0

--{oof_boundary}
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{qp(oof_text.encode())}
--{oof_boundary}
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

{qp(oof_html.encode())}
--{oof_boundary}--
""")

# ---------------------------------------------------------------- 04 Apple Mail format=flowed
tom_text = """Hello all,

Six months ago we started lending tablets from Riverside's three community hubs. Forty devices went out, each with a data SIM (24GB a month, paid for by the council for six months). Here is what we'd tell anyone starting a lending scheme.

Keep the lending agreement to one page. Our first version was four pages of legal wording and people were frightened of signing it. The new one says: it's yours to use for six months, bring it back if you stop needing it, and tell us if it's lost or broken - you won't be charged.

Set each tablet up before it goes out: Wi-Fi off, the data SIM in, large text on, and the apps people asked for (NHS App, WhatsApp, BBC iPlayer, the council's bin collection page saved to the home screen). Use a lending account, never the person's own account, so a factory reset at the end wipes everything.

The risk we worried about - loss and theft - barely happened: 38 of 40 tablets came back, and the two that didn't were reported broken. The real risk was people quietly not using the device because they were stuck. A ten-minute phone call from a Digital Champion in week one and week three made the biggest difference.

24GB of data a month was more than enough for everyone except two people who watched a lot of video. Most used under 8GB.

Our lending agreement and set-up checklist are at https://www.riverside-council.example/digital/tablet-lending and we got the SIMs through the National Databank: https://www.goodthingsfoundation.org/national-databank/

Tom

Tom Hughes
Digital Inclusion Lead
Riverside Council
"""
S["04-apple-mail-flowed"] = (epoch(2026, 11, 17, 14, 22, 16), """Return-Path: <tom.hughes@riverside-council.example>
Delivered-To: learning@example.org
Received: from smtp.riverside-council.example (smtp.riverside-council.example [198.51.100.25])
	by mx.example.org (Postfix) with ESMTPS id 4XbsJc3yqXz9sWm
	for <learning@example.org>; Tue, 17 Nov 2026 14:22:16 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=riverside-council.example header.i=@riverside-council.example header.b="h2Jf8uQx";
	spf=pass (mx.example.org: domain of tom.hughes@riverside-council.example designates 198.51.100.25 as permitted sender) smtp.mailfrom=tom.hughes@riverside-council.example;
	dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=riverside-council.example
Received: from smtpclient.apple ([203.0.113.88])
	by smtp.riverside-council.example with ESMTPSA id 2mQ0h5yKZ2e8LwAAq3fXzw
	(envelope-from <tom.hughes@riverside-council.example>)
	for <learning@example.org>; Tue, 17 Nov 2026 14:22:15 +0000
From: Tom Hughes <tom.hughes@riverside-council.example>
Content-Type: text/plain;
	charset=utf-8;
	format=flowed
Content-Transfer-Encoding: 7bit
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3826.300.87.4.3\\))
Subject: Tablet lending: what six months taught us
Message-Id: <8D2F6A41-3C7B-4E19-9A0F-5B1E7C2D4A63@riverside-council.example>
Date: Tue, 17 Nov 2026 14:22:03 +0000
To: learning@example.org
X-Mailer: Apple Mail (2.3826.300.87.4.3)

""" + flowed(tom_text) + "\n")
