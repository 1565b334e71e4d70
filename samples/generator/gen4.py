from lib import *
from gen3 import S

# ---------------------------------------------------------------- 09 Thunderbird plain text with Field: lines
dev_text = """Organisation: Westmoor District Council - Adult Learning Service
Area: Online safety
Tags: passwords, two-step verification, new phones
Summary: Setting up a new phone or tablet is the best moment to sort out passwords and two-step verification.
Link: https://www.ncsc.gov.uk/collection/top-tips-for-staying-secure-online

Hi all,

Every January our drop-ins fill up with people who were given a new phone or tablet for Christmas and can't get into anything. We used to treat that as a device set-up job. This year we turned it into a security session, and it worked much better.

While we are already moving someone's accounts onto the new device, we:

1. Write down (on paper, kept at home) the email password, and change it to three random words if it is weak or reused.
2. Turn on two-step verification for their email first, because every other password reset goes through it.
3. Set a screen lock they can actually remember - a six-digit PIN plus fingerprint.
4. Show them where the "forgot password" route goes, so they are not frightened of it.

It adds about 20 minutes per person. In follow-up calls in March, most people could still log in to their email on their own, which was rarely true before.

We're running it again from 4 January. Happy to share our checklist.

Dev

Dev Patel
Adult Learning Service, Westmoor District Council
"""
S["09-thunderbird-fields"] = (epoch(2026, 11, 23, 8, 55, 27), """Return-Path: <dev.patel@westmoor-council.example>
Delivered-To: learning@example.org
Received: from mx1.westmoor-council.example (mx1.westmoor-council.example [198.51.100.61])
	by mx.example.org (Postfix) with ESMTPS id 4XfB0s2dLwz9sX2
	for <learning@example.org>; Mon, 23 Nov 2026 08:55:27 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=westmoor-council.example header.i=@westmoor-council.example header.b="nP4wX8cQ";
	spf=pass (mx.example.org: domain of dev.patel@westmoor-council.example designates 198.51.100.61 as permitted sender) smtp.mailfrom=dev.patel@westmoor-council.example;
	dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=westmoor-council.example
Received: from [10.20.4.117] (unknown [198.51.100.200])
	(Authenticated sender: dev.patel)
	by mx1.westmoor-council.example (Postfix) with ESMTPSA id 4XfB0r6TkVz1xq
	for <learning@example.org>; Mon, 23 Nov 2026 08:55:26 +0000 (GMT)
Message-ID: <5c1e8a37-2f94-4b6d-9e0a-7d3b1f6c4a28@westmoor-council.example>
Date: Mon, 23 Nov 2026 08:55:19 +0000
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: en-GB
To: learning@example.org
From: Dev Patel <dev.patel@westmoor-council.example>
Subject: New phone for Christmas? Sort the passwords while you're there
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit

""" + flowed(dev_text))

# ---------------------------------------------------------------- 10 iPhone Mail, QP, smart apostrophes
chloe_text = """Quick one as I\u2019m on the train back from the conference.

Our Digital Champion at the Hillside pharmacy pop-up has found that the best first task with a new learner is ordering a repeat prescription in the NHS App, not booking anything. It\u2019s something they need every month, the result is real (the medicine is waiting at the chemist), and it gets them through the login once with a champion beside them.

Two practical things: nominate the pharmacy first, and bring the learner\u2019s repeat slip so you can see the medicine names. Our volunteer now does 5\u20136 of these every Thursday morning.

Chloe

Sent from my iPhone"""
S["10-iphone-mail"] = (epoch(2026, 11, 24, 18, 2, 51), """Return-Path: <chloe.bennett@hillsidetrust.example>
Delivered-To: learning@example.org
Received: from mail.hillsidetrust.example (mail.hillsidetrust.example [203.0.113.40])
	by mx.example.org (Postfix) with ESMTPS id 4XfzH80nPdz9sX6
	for <learning@example.org>; Tue, 24 Nov 2026 18:02:51 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=hillsidetrust.example header.i=@hillsidetrust.example header.b="Ew7mQ2zK";
	spf=pass (mx.example.org: domain of chloe.bennett@hillsidetrust.example designates 203.0.113.40 as permitted sender) smtp.mailfrom=chloe.bennett@hillsidetrust.example;
	dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=hillsidetrust.example
Received: from smtpclient.apple (unknown [192.0.2.77])
	by mail.hillsidetrust.example (Postfix) with ESMTPSA id 2B7C41E0093
	for <learning@example.org>; Tue, 24 Nov 2026 18:02:50 +0000 (GMT)
Content-Type: text/plain;
	charset=utf-8
Content-Transfer-Encoding: quoted-printable
From: Chloe Bennett <chloe.bennett@hillsidetrust.example>
Mime-Version: 1.0 (1.0)
Date: Tue, 24 Nov 2026 19:02:38 +0100
Subject: Pharmacy pop-up: the best first task for a new learner
Message-Id: <E41B7C2D-9F3A-4D68-B5E0-1A8C6F2D9B47@hillsidetrust.example>
To: learning@example.org
X-Mailer: iPhone Mail (22B91)

""" + qp(chloe_text.encode("utf-8")) + "\n")

# ---------------------------------------------------------------- 11 NeoMutt, "-- " signature and hashtags
rob_text = """Hi all,

A few people asked at the last call how we hand out the free data SIMs we get from the National Databank, so here is our process after a year of doing it.

We give each person a SIM with 20GB a month for six months. Before we hand it over we check the person's phone can take a SIM (is it locked to another network? does it need a nano or an eSIM?). About one in five phones we see is network-locked, and unlocking it is now part of the appointment.

We always pair the SIM with one piece of help, not just the data. The most common are setting up the Universal Credit journal, the NHS App and a bank's app. The SIM on its own got used; the SIM plus an hour of help changed what people could do.

We ask one question at the end of the six months: "what would you lose if the data stopped?" The answers are the best evidence we have for funders.

Process and eligibility form: https://www.eastvale-ca.example/digital/databank

#DigitalInclusion #DataPoverty #NationalDatabank

Rob"""
rob_sig = """Rob Kaur
Digital Inclusion Adviser, Eastvale Citizens Advice
https://www.eastvale-ca.example"""
S["11-neomutt-signature-hashtags"] = (epoch(2026, 11, 25, 13, 40, 19), """Return-Path: <rob.kaur@eastvale-ca.example>
Delivered-To: learning@example.org
Received: from smtp.eastvale-ca.example (smtp.eastvale-ca.example [198.51.100.130])
	by mx.example.org (Postfix) with ESMTPS id 4XgQx52Hc8z9sX9
	for <learning@example.org>; Wed, 25 Nov 2026 13:40:19 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=eastvale-ca.example header.i=@eastvale-ca.example header.b="Lp0wR5tY";
	spf=pass (mx.example.org: domain of rob.kaur@eastvale-ca.example designates 198.51.100.130 as permitted sender) smtp.mailfrom=rob.kaur@eastvale-ca.example;
	dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=eastvale-ca.example
Received: from localhost (unknown [198.51.100.211])
	by smtp.eastvale-ca.example (Postfix) with ESMTPSA id 9D0E3A1B27
	for <learning@example.org>; Wed, 25 Nov 2026 13:40:18 +0000 (GMT)
Date: Wed, 25 Nov 2026 13:40:12 +0000
From: Rob Kaur <rob.kaur@eastvale-ca.example>
To: learning@example.org
Subject: Free data SIMs from the National Databank: how we hand them out
Message-ID: <hq3vbk7xzm2pa4lt@eastvale-ca.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Disposition: inline
User-Agent: NeoMutt/20241002

""" + "\n".join(textwrap.fill(p, 72) if p else "" for p in rob_text.split("\n")) + "\n\n-- \n" + rob_sig + "\n")

# ---------------------------------------------------------------- 12 outsider (Outlook for Mac), to be held
jamie_text = """Hello,

I run BrightSkills Training, and over the past two years we've trained more than 300 Digital Champion volunteers for housing associations and councils in the north-west.

The one thing I'd pass on: volunteers don't need to know everything. They need to be confident saying "I don't know, let's find out together". We spend half of our training on that conversation and very little on technology.

We're running a free 45-minute webinar on this on 10 December - details and booking at https://www.brightskills-training.example/webinars/champions

Best wishes,
Jamie Morgan
BrightSkills Training Ltd
"""
jamie_html = ("<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n</head>\n"
              "<body style=\"overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;\">\n"
              "<div class=\"WordSection1\">\n"
              + "".join('<p class="MsoNormal"><span style="font-size:12.0pt">%s<o:p></o:p></span></p>\n' % (html_escape(l).replace(
                  "https://www.brightskills-training.example/webinars/champions",
                  '<a href="https://www.brightskills-training.example/webinars/champions?utm_source=email&amp;utm_campaign=cop">https://www.brightskills-training.example/webinars/champions</a>') if l else "<o:p>&nbsp;</o:p>")
                        for l in jamie_text.rstrip("\n").split("\n"))
              + "</div>\n</body>\n</html>\n")
BJ = "B_3879065437_1402786529"
S["12-outsider-outlook-mac"] = (epoch(2026, 11, 26, 15, 10, 44), f"""Return-Path: <jamie@brightskills-training.example>
Delivered-To: learning@example.org
Received: from mail.brightskills-training.example (mail.brightskills-training.example [203.0.113.152])
	by mx.example.org (Postfix) with ESMTPS id 4Xgw3F6m1Nz9sXc
	for <learning@example.org>; Thu, 26 Nov 2026 15:10:44 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (1024-bit key; unprotected) header.d=brightskills-training.example header.i=@brightskills-training.example header.b="a8Fq2Lz0";
	spf=pass (mx.example.org: domain of jamie@brightskills-training.example designates 203.0.113.152 as permitted sender) smtp.mailfrom=jamie@brightskills-training.example;
	dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=brightskills-training.example
User-Agent: Microsoft-MacOutlook/16.91.24111020
Date: Thu, 26 Nov 2026 10:10:37 -0500
Subject: Training Digital Champion volunteers: the one thing that matters
From: Jamie Morgan <jamie@brightskills-training.example>
To: <learning@example.org>
Message-ID: <9A3C51E7-2B8D-4F06-8E1A-C47D2B9F0E35@brightskills-training.example>
Thread-Topic: Training Digital Champion volunteers: the one thing that matters
Mime-version: 1.0
Content-type: multipart/alternative;
	boundary="{BJ}"

> This message is in MIME format. Since your mail reader does not understand
this format, some or all of this message may not be legible.

--{BJ}
Content-type: text/plain;
	charset="UTF-8"
Content-transfer-encoding: quoted-printable

{qp(jamie_text.encode())}
--{BJ}
Content-type: text/html;
	charset="UTF-8"
Content-transfer-encoding: quoted-printable

{qp(jamie_html.encode())}
--{BJ}--

""")
