from lib import *
from gen2 import S
from gen1 import gmail_html, gmail_alternative
import base64

# ---------------------------------------------------------------- 07 Gmail forward
sam_top = """Hi all,

Sharing this from Jo in our community investment team. She wrote it up for our board, but it's useful for anyone recruiting Digital Champions.

Sam"""
jo_text = """Hi Sam,

Here's the write-up on volunteer recruitment you asked for.

Over the last six months we recruited 22 Digital Champion volunteers. What worked:

- Ask the people we've helped. Half of our champions were tenants who had come to a session themselves. "Pay it forward" is a far better pitch than "we need IT volunteers".
- Call the role Digital Champion, not IT volunteer. Several people told us they'd never have applied for anything with "IT" in it.
- Ask for a small commitment: two hours a fortnight, for three months. Most stayed on after the three months anyway.
- Pay expenses the same week. Bus fares matter to people on low incomes and slow expenses lost us two good volunteers early on.
- Safeguarding training for everyone, but a DBS check only for the champions who visit people at home.
- A WhatsApp group for the champions has done more for retention than anything else; they swap tips and cover each other's sessions.

What didn't work: posters in the offices, and a stall at the jobs fair (lots of interest, nobody followed up).

Role description: https://www.greenwayhomes.example/volunteering/digital-champion

Jo"""
fwd_hdr = """---------- Forwarded message ---------
From: Jo Baker <jo.baker@greenwayhomes.example>
Date: Thu, 19 Nov 2026 at 16:04
Subject: What we learned recruiting Digital Champion volunteers
To: Sam Okafor <sam.okafor@greenwayhomes.example>"""
sam_text = sam_top + "\n\n" + fwd_hdr + "\n\n\n" + jo_text + "\n"
fwd_html_hdr = ('<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>'
                'From: <strong class="gmail_sendername" dir="auto">Jo Baker</strong> <span dir="auto">&lt;<a href="mailto:jo.baker@greenwayhomes.example">jo.baker@greenwayhomes.example</a>&gt;</span><br>'
                'Date: Thu, 19 Nov 2026 at 16:04<br>Subject: What we learned recruiting Digital Champion volunteers<br>'
                'To: Sam Okafor &lt;<a href="mailto:sam.okafor@greenwayhomes.example">sam.okafor@greenwayhomes.example</a>&gt;<br></div><br><br>'
                + gmail_html(jo_text) + "</div>")
sam_html = gmail_html(sam_top)
sam_html = sam_html[:-len("</div>")] + "<br>" + fwd_html_hdr + "</div>"
B7 = "000000000000f1d2a70642c5a8e3"
S["07-gmail-forward"] = (epoch(2026, 11, 19, 17, 20, 14), f"""Return-Path: <sam.okafor@greenwayhomes.example>
Delivered-To: learning@example.org
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41])
	by mx.example.org (Postfix) with ESMTPS id 4Xd5mW3hJfz9sWt
	for <learning@example.org>; Thu, 19 Nov 2026 17:20:14 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=greenwayhomes.example header.i=@greenwayhomes.example header.b="k9Lp3WqZ";
	spf=pass (mx.example.org: domain of sam.okafor@greenwayhomes.example designates 209.85.220.41 as permitted sender) smtp.mailfrom=sam.okafor@greenwayhomes.example;
	dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=greenwayhomes.example
X-Google-Smtp-Source: AGHT+IHk2nM5pQ8sV1wZ4cG7hJ0lN3oR6tU9xA2bD5fH8kM1pS4vY7zB0cE3gJ6lO9qT2wX5
X-Received: by 2002:a17:906:4fc4:b0:a9a:1b3c:5d02 with SMTP id a640c23a62f3a-a9e8b0c7d12mr9983412066b.27.1795022412877;
        Thu, 19 Nov 2026 09:20:12 -0800 (PST)
MIME-Version: 1.0
References: <CAM5xQ2v8Lk0=Hn4yT7bE1wR3cZ9pJ6sF2dA0gK5mU8oX1iN4eV@mail.gmail.com>
In-Reply-To: <CAM5xQ2v8Lk0=Hn4yT7bE1wR3cZ9pJ6sF2dA0gK5mU8oX1iN4eV@mail.gmail.com>
From: Sam Okafor <sam.okafor@greenwayhomes.example>
Date: Thu, 19 Nov 2026 17:20:01 +0000
Message-ID: <CAB2rT6yW9kP=Xq1nE4vM8cL0sH3dG7aZ5uJ2oF9iK6tN1bY4wR@mail.gmail.com>
Subject: Fwd: What we learned recruiting Digital Champion volunteers
To: learning@example.org
Content-Type: multipart/alternative; boundary="{B7}"

""" + gmail_alternative(B7, sam_text, sam_html))

# ---------------------------------------------------------------- 08 Welsh, encoded-word subject split over two words
subject = "Gwersi o'r sesiynau Cymraeg – teipio ŵ ŷ ar dabledi"
sb = subject.encode("utf-8")
w1, w2 = sb[:27], sb[27:]          # split after "Cymraeg"; the space before the dash is inside the second word, so it survives decoding
w1.decode("utf-8"); w2.decode("utf-8")
enc_subject = "=?UTF-8?B?%s?=\n =?UTF-8?B?%s?=" % (base64.b64encode(w1).decode(), base64.b64encode(w2).decode())
elin_text = """Helo bawb,

(English below)

Rydyn ni wedi cynnal chwe sesiwn sgiliau digidol drwy gyfrwng y Gymraeg yn y ganolfan gymunedol. Y wers fwyaf: mae pobl eisiau defnyddio eu ffonau a'u tabledi yn Gymraeg, ond doedd neb wedi dangos iddyn nhw sut.

- Dangoswch sut i deipio ŵ, ŷ ac â: pwyso a dal y llythyren ar y bysellfwrdd.
- Peidiwch â newid iaith y ddyfais i'r Gymraeg oni bai fod y person eisiau hynny.
- Mae hyrwyddwyr sy'n siarad Cymraeg yn bwysicach na deunyddiau Cymraeg.

English:

We have run six Welsh-language digital skills sessions at the community centre. The biggest lesson: people want to use their phones and tablets in Welsh, but nobody had shown them how.

- Show people how to type ŵ, ŷ and â: press and hold the letter on the on-screen keyboard. On a Windows laptop the UK Extended keyboard does it with AltGr+6 and then the letter.
- Only switch the menus to Welsh if the person wants it. Many prefer English menus with a Welsh keyboard and Welsh spell-checking.
- Welsh-speaking helpers matter more than Welsh materials. Two Welsh-speaking members of the chapel brought in twelve new learners, most of whom had never come to an English-language session.
- Services are there in Cymraeg once people know to look: GIG Cymru (NHS Wales) pages and many council forms have a Welsh version.

Our bilingual handout is at https://www.menteriaith-dyffryn.example/digidol/taflen

Diolch,
Elin"""
elin_sig = """Elin Rhys
Swyddog Digidol | Digital Officer
Menter Iaith Dyffryn"""
e_text = elin_text + "\n\n-- \n" + elin_sig + "\n"
B8 = "00000000000072b5c90642d01c4f"
S["08-welsh-encoded-subject"] = (epoch(2026, 11, 20, 12, 31, 40), f"""Return-Path: <elin.rhys@menteriaith-dyffryn.example>
Delivered-To: learning@example.org
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41])
	by mx.example.org (Postfix) with ESMTPS id 4XdSZ43Kqmz9sWw
	for <learning@example.org>; Fri, 20 Nov 2026 12:31:40 +0000 (GMT)
Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=menteriaith-dyffryn.example header.i=@menteriaith-dyffryn.example header.b="Rb0Tq6Yp";
	spf=pass (mx.example.org: domain of elin.rhys@menteriaith-dyffryn.example designates 209.85.220.41 as permitted sender) smtp.mailfrom=elin.rhys@menteriaith-dyffryn.example;
	dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=menteriaith-dyffryn.example
X-Received: by 2002:a05:6402:3515:b0:5e0:2f5c:8a13 with SMTP id 4fb4d7f45d1cf-5e0d3c9a1b2mr12740551a12.44.1795091498713;
        Fri, 20 Nov 2026 04:31:38 -0800 (PST)
MIME-Version: 1.0
From: Elin Rhys <elin.rhys@menteriaith-dyffryn.example>
Date: Fri, 20 Nov 2026 12:31:26 +0000
Message-ID: <CAKp0vS3wZ8n=Lr2tY6xQ1mE9cH4bF7aJ0uD5oG2iN8kW3sT6yB@mail.gmail.com>
Subject: {enc_subject}
To: learning@example.org
Content-Type: multipart/alternative; boundary="{B8}"

""" + gmail_alternative(B8, e_text, gmail_html(elin_text, elin_sig)))
