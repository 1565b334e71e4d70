import sys
sys.path.insert(0, __import__("os").path.dirname(__file__))
from common import *

OUT = sys.argv[1]

def person(name, addr):
    return {"name": name, "address": addr}

def exp(title, contributor, org, area, tags, summary, body, links=(), attachments=(), mid=None, fwd=None):
    return {"title": title, "contributor": contributor, "organisation": org, "learningArea": area,
            "tags": list(tags), "summary": summary, "body": body, "links": list(links),
            "attachments": list(attachments), "messageId": mid, "forwardedFrom": fwd}

ANN = person("Ann Example", "ann@examplehousing.org.uk")
BETH = person("Bethan Jones", "bethan@cardiffdigital.cymru")

# 1 Gmail reply, multipart/alternative, attribution on one line, signature.
write(OUT, "01-gmail-reply", """Return-Path: <ann@examplehousing.org.uk>
Received: from mail-wr1-f41.google.com (mail-wr1-f41.google.com [209.85.221.41])
	by mx.example.org with ESMTPS id 4Qx; Mon, 23 Nov 2026 09:15:02 +0000
MIME-Version: 1.0
From: Ann Example <ann@examplehousing.org.uk>
Date: Mon, 23 Nov 2026 09:15:00 +0000
Message-ID: <CAHx1=gmail01@mail.gmail.com>
Subject: Re: Tablet loans for older residents
To: learning@example.org
Content-Type: multipart/alternative; boundary="000000000000a1b2c3"

--000000000000a1b2c3
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Our tablet loan scheme reached 40 residents this autumn. Each tablet came w=
ith a data SIM, so people without broadband could join in.

The key was a weekly drop-in where volunteers helped with setup.

--=20
Ann Example
Digital Inclusion Lead, Example Housing

On Fri, 20 Nov 2026 at 16:02, Facilitator <facilitator@example.org> wrote:

> Could you share how the tablet loans went?
>
> Thanks!
>

--000000000000a1b2c3
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div dir=3D"ltr">Our tablet loan scheme reached 40 residents this autumn. E=
ach tablet came with a data SIM, so people without broadband could join in.=
<div><br></div><div>The key was a weekly drop-in where volunteers helped wi=
th setup.</div></div>

--000000000000a1b2c3--
""", exp("Tablet loans for older residents", ANN, "Example Housing", "Devices and Data", [],
  "Our tablet loan scheme reached 40 residents this autumn. Each tablet came with a data SIM, so people without broadband could join in.",
  "Our tablet loan scheme reached 40 residents this autumn. Each tablet came with a data SIM, so people without broadband could join in.\n\nThe key was a weekly drop-in where volunteers helped with setup.",
  mid="CAHx1=gmail01@mail.gmail.com"))

# 2 Gmail with the attribution wrapped over two lines.
write(OUT, "02-gmail-wrapped-attribution", """MIME-Version: 1.0
From: Ann Example <ann@examplehousing.org.uk>
Date: Tue, 24 Nov 2026 10:00:00 +0000
Message-ID: <CAHx1=gmail02@mail.gmail.com>
Subject: Re: Volunteer rota
To: learning@example.org
Content-Type: text/plain; charset="UTF-8"

We now pair every new volunteer with an experienced champion for their
first three sessions.

On Mon, 23 Nov 2026 at 09:15, Facilitator Example <
facilitator@example.org> wrote:

> How do you onboard new volunteers?
""", exp("Volunteer rota", ANN, "Example Housing", "Digital Champions", [],
  "We now pair every new volunteer with an experienced champion for their first three sessions.",
  "We now pair every new volunteer with an experienced champion for their\nfirst three sessions.",
  mid="CAHx1=gmail02@mail.gmail.com"))

# 3 Outlook desktop, HTML only, windows-1252 quoted-printable, reply block.
html3 = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
 "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
 "<style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=\"EN-GB\">"
 "<div class=\"WordSection1\"><p class=\"MsoNormal\">We ran a \u201cscam awareness\u201d caf\u00e9 session for 12 people. "
 "It cost \u00a340 for refreshments.<o:p></o:p></p>"
 "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>"
 "<p class=\"MsoNormal\">Most had never heard of phishing texts.<o:p></o:p></p>"
 "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>"
 "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\">"
 "<p class=\"MsoNormal\"><b>From:</b> Facilitator &lt;facilitator@example.org&gt; <br>"
 "<b>Sent:</b> 20 November 2026 16:02<br><b>To:</b> Carol Smith &lt;carol@agefriendlyleeds.org.uk&gt;<br>"
 "<b>Subject:</b> Online safety sessions<o:p></o:p></p></div>"
 "<p class=\"MsoNormal\">Could you tell us about the scam sessions?<o:p></o:p></p>"
 "</div></body></html>")
write(OUT, "03-outlook-desktop-html-1252", """From: Carol Smith <carol@agefriendlyleeds.org.uk>
To: "learning@example.org" <learning@example.org>
Subject: RE: Online safety sessions
Thread-Topic: Online safety sessions
Thread-Index: AQHZabc123==
Date: Wed, 25 Nov 2026 11:30:00 +0000
Message-ID: <DB9PR01MB1234ABCD@DB9PR01MB1234.eurprd01.prod.exchangelabs.com>
Accept-Language: en-GB, en-US
Content-Language: en-GB
X-MS-Has-Attach:
Content-Type: text/html; charset="windows-1252"
Content-Transfer-Encoding: quoted-printable
MIME-Version: 1.0

""" + qp(html3.encode("cp1252")), exp("Online safety sessions", person("Carol Smith", "carol@agefriendlyleeds.org.uk"),
  "Age Friendly Leeds", "Online Safety", [],
  "We ran a \u201cscam awareness\u201d caf\u00e9 session for 12 people. It cost \u00a340 for refreshments.",
  "We ran a \u201cscam awareness\u201d caf\u00e9 session for 12 people. It cost \u00a340 for refreshments.\n\nMost had never heard of phishing texts.",
  mid="DB9PR01MB1234ABCD@DB9PR01MB1234.eurprd01.prod.exchangelabs.com"))

# 4 Outlook on the web, HTML only, UTF-8 base64, the underscore rule then From/Sent/To/Subject.
html4 = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body>"
 "<div style=\"font-family: Aptos, sans-serif; font-size: 12pt;\">Our laptop library now lends 15 laptops a month.</div>"
 "<div style=\"font-family: Aptos, sans-serif; font-size: 12pt;\"><br></div>"
 "<div style=\"font-family: Aptos, sans-serif; font-size: 12pt;\">Borrowers sign a simple agreement and get a 20 minute induction.</div>"
 "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">"
 "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\">"
 "<b>From:</b> Facilitator &lt;facilitator@example.org&gt;<br><b>Sent:</b> Friday, November 20, 2026 4:02 PM<br>"
 "<b>To:</b> Ann Example &lt;ann@examplehousing.org.uk&gt;<br><b>Subject:</b> Laptop library</font>"
 "<div>&nbsp;</div></div><div><p>How is the laptop library going?</p></div></body></html>")
write(OUT, "04-outlook-web-html", """From: Ann Example <ann@examplehousing.org.uk>
To: "learning@example.org" <learning@example.org>
Subject: Re: Laptop library
Date: Wed, 25 Nov 2026 12:00:00 +0000
Message-ID: <AM0PR02MB5555@AM0PR02MB5555.eurprd02.prod.outlook.com>
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64
MIME-Version: 1.0

""" + b64(html4.encode("utf-8")) + "\n", exp("Laptop library", ANN, "Example Housing", "Devices and Data", [],
  "Our laptop library now lends 15 laptops a month.",
  "Our laptop library now lends 15 laptops a month.\n\nBorrowers sign a simple agreement and get a 20 minute induction.",
  mid="AM0PR02MB5555@AM0PR02MB5555.eurprd02.prod.outlook.com"))

# 5 Outlook mobile (iOS): "Get Outlook for iOS" then the underscore rule and header block.
write(OUT, "05-outlook-mobile", """From: Bethan Jones <bethan@cardiffdigital.cymru>
To: learning@example.org
Subject: Re: Champions network meeting
Date: Thu, 26 Nov 2026 08:05:00 +0000
Message-ID: <BY5PR01MB7777@BY5PR01MB7777.namprd01.prod.outlook.com>
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable
MIME-Version: 1.0

Our champions now meet monthly online; attendance doubled once we moved=
 to lunchtime.

Get Outlook for iOS<https://aka.ms/o0ukef>
________________________________
From: Facilitator <facilitator@example.org>
Sent: Wednesday, November 25, 2026 5:10:22 PM
To: Bethan Jones <bethan@cardiffdigital.cymru>
Subject: Champions network meeting

When does your champions network meet?
""", exp("Champions network meeting", BETH, "Cardiff Digital Hub", "Digital Champions", [],
  "Our champions now meet monthly online; attendance doubled once we moved to lunchtime.",
  "Our champions now meet monthly online; attendance doubled once we moved to lunchtime.",
  mid="BY5PR01MB7777@BY5PR01MB7777.namprd01.prod.outlook.com"))

# 6 Apple Mail, format=flowed with soft breaks, attribution and quote.
write(OUT, "06-apple-mail-flowed", """From: Dev Patel <dev@examplehousing.org.uk>
Content-Type: text/plain;
	charset=utf-8;
	format=flowed;
	delsp=no
Content-Transfer-Encoding: 7bit
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))
Subject: Re: Password managers workshop
Date: Thu, 26 Nov 2026 14:22:10 +0000
References: <abc123@example.org>
To: learning@example.org
In-Reply-To: <abc123@example.org>
Message-Id: <8F2C1D3E-1111-4A5B-9C7D-APPLE06@examplehousing.org.uk>
X-Mailer: Apple Mail (2.3774.600.62)

We tried a password managers workshop with six learners. The trick was 
to practise on a made-up account first, so nobody worried about their 
real passwords.

On 25 Nov 2026, at 17:10, Facilitator <facilitator@example.org> wrote:

> Did the password session work?

""", exp("Password managers workshop", person("Dev Patel", "dev@examplehousing.org.uk"), "Example Housing", "Online Safety", [],
  "We tried a password managers workshop with six learners. The trick was to practise on a made-up account first, so nobody worried about their real passwords.",
  "We tried a password managers workshop with six learners. The trick was to practise on a made-up account first, so nobody worried about their real passwords.",
  mid="8F2C1D3E-1111-4A5B-9C7D-APPLE06@examplehousing.org.uk"))

# 7 iPhone: "Sent from my iPhone" and iOS's quoted attribution.
write(OUT, "07-iphone", """Content-Type: text/plain;
	charset=utf-8
Content-Transfer-Encoding: quoted-printable
Mime-Version: 1.0 (1.0)
Subject: Re: Drop-in at the library
From: Ann Example <ann@examplehousing.org.uk>
Date: Fri, 27 Nov 2026 07:45:12 +0000
Message-Id: <F00D-IPHONE-07@examplehousing.org.uk>
To: learning@example.org
X-Mailer: iPhone Mail (22B91)

Library drop-ins work best straight after the coffee morning =E2=80=93 peop=
le are already there.

Sent from my iPhone

> On 26 Nov 2026, at 18:00, Facilitator <facilitator@example.org> wrote:
>=20
> =EF=BB=BFAny tips for drop-ins?
""", exp("Drop-in at the library", ANN, "Example Housing", "General", [],
  "Library drop-ins work best straight after the coffee morning \u2013 people are already there.",
  "Library drop-ins work best straight after the coffee morning \u2013 people are already there.",
  mid="F00D-IPHONE-07@examplehousing.org.uk"))

# 8 Thunderbird: attribution "On 23/11/2026 09:15, X wrote:", signature.
write(OUT, "08-thunderbird", """Message-ID: <3b1f2a4c-tb08@agefriendlyleeds.org.uk>
Date: Fri, 27 Nov 2026 10:11:12 +0000
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: Scam texts
Content-Language: en-GB
To: learning@example.org
From: Carol Smith <carol@agefriendlyleeds.org.uk>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

We now start every session with "scam of the week": a real text someone 
received. Learners spot the signs themselves.

-- 
Carol Smith
Age Friendly Leeds

On 26/11/2026 18:00, Facilitator wrote:
> Scam texts keep coming up. What works?
""", exp("Scam texts", person("Carol Smith", "carol@agefriendlyleeds.org.uk"), "Age Friendly Leeds", "Online Safety", [],
  "We now start every session with \"scam of the week\": a real text someone received. Learners spot the signs themselves.",
  "We now start every session with \"scam of the week\": a real text someone received. Learners spot the signs themselves.",
  mid="3b1f2a4c-tb08@agefriendlyleeds.org.uk"))

# 9 mutt, bottom posting: the quote comes first, the partner's text after it.
write(OUT, "09-mutt-bottom-post", """Date: Fri, 27 Nov 2026 11:00:00 +0000
From: Gareth Lloyd <gareth@cardiffdigital.cymru>
To: learning@example.org
Subject: Re: Linux laptops
Message-ID: <20261127110000.GA1234@cardiffdigital.cymru>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Disposition: inline
User-Agent: Mutt/2.2.12 (2023-09-09)

* Facilitator <facilitator@example.org> [2026-11-26 18:00]:
> Has anyone refurbished donated laptops?

Yes: we put a lightweight Linux on 30 donated laptops. Learners found it
easier than expected once the browser looked familiar.

-- 
Gareth
""", exp("Linux laptops", person("Gareth Lloyd", "gareth@cardiffdigital.cymru"), "Cardiff Digital Hub", "Devices and Data", [],
  "Yes: we put a lightweight Linux on 30 donated laptops. Learners found it easier than expected once the browser looked familiar.",
  "Yes: we put a lightweight Linux on 30 donated laptops. Learners found it\neasier than expected once the browser looked familiar.",
  mid="20261127110000.GA1234@cardiffdigital.cymru"))

# 10 Gmail forward with the partner's note above.
write(OUT, "10-gmail-forward", """MIME-Version: 1.0
From: Ann Example <ann@examplehousing.org.uk>
Date: Sat, 28 Nov 2026 09:00:00 +0000
Message-ID: <CAHx1=gmail10@mail.gmail.com>
Subject: Fwd: Digital champions training notes
To: learning@example.org
Content-Type: multipart/alternative; boundary="0000000000001010"

--0000000000001010
Content-Type: text/plain; charset="UTF-8"

Sharing Bethan's notes, they are really useful.

---------- Forwarded message ---------
From: Bethan Jones <bethan@cardiffdigital.cymru>
Date: Fri, 27 Nov 2026 at 16:40
Subject: Digital champions training notes
To: Ann Example <ann@examplehousing.org.uk>


Our champions training is now two short sessions instead of one long
day. Volunteers remember far more.

Bethan
--0000000000001010
Content-Type: text/html; charset="UTF-8"

<div dir="ltr">Sharing Bethan's notes, they are really useful.<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <b class="gmail_sendername" dir="auto">Bethan Jones</b> <span dir="auto">&lt;<a href="mailto:bethan@cardiffdigital.cymru">bethan@cardiffdigital.cymru</a>&gt;</span><br>Date: Fri, 27 Nov 2026 at 16:40<br>Subject: Digital champions training notes<br>To: Ann Example &lt;<a href="mailto:ann@examplehousing.org.uk">ann@examplehousing.org.uk</a>&gt;<br></div><br><br><div>Our champions training is now two short sessions instead of one long day. Volunteers remember far more.</div><div><br></div><div>Bethan</div></div></div>
--0000000000001010--
""", exp("Digital champions training notes", ANN, "Example Housing", "Digital Champions", [],
  "Sharing Bethan's notes, they are really useful.",
  "Sharing Bethan's notes, they are really useful.\n\nOur champions training is now two short sessions instead of one long\nday. Volunteers remember far more.\n\nBethan",
  mid="CAHx1=gmail10@mail.gmail.com", fwd=BETH))

# 11 Apple Mail forward without a note.
write(OUT, "11-apple-forward", """From: Dev Patel <dev@examplehousing.org.uk>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable
Mime-Version: 1.0 (Mac OS X Mail 16.0)
Subject: Fwd: Phone banking session
Date: Sat, 28 Nov 2026 10:00:00 +0000
Message-Id: <APPLE-FWD-11@examplehousing.org.uk>
To: learning@example.org

Begin forwarded message:

From: Priya Shah <priya@agefriendlyleeds.org.uk>
Subject: Phone banking session
Date: 27 November 2026 at 15:00:00 GMT
To: Dev Patel <dev@examplehousing.org.uk>

We showed learners how to check their bank balance with the app, then
how to spot a fake bank text. Both halves mattered.
""", exp("Phone banking session", person("Dev Patel", "dev@examplehousing.org.uk"), "Example Housing", "General", [],
  "We showed learners how to check their bank balance with the app, then how to spot a fake bank text. Both halves mattered.",
  "We showed learners how to check their bank balance with the app, then\nhow to spot a fake bank text. Both halves mattered.",
  mid="APPLE-FWD-11@examplehousing.org.uk", fwd=person("Priya Shah", "priya@agefriendlyleeds.org.uk")))

# 12 Outlook forward: FW: subject, note, underscore rule, header block.
write(OUT, "12-outlook-forward", """From: Carol Smith <carol@agefriendlyleeds.org.uk>
To: "learning@example.org" <learning@example.org>
Subject: FW: Befriending calls by video
Date: Sat, 28 Nov 2026 11:00:00 +0000
Message-ID: <LO2P265MB0012@LO2P265MB0012.GBRP265.PROD.OUTLOOK.COM>
Content-Type: text/plain; charset="us-ascii"
MIME-Version: 1.0

FYI - great example from our befriending team.

Carol

________________________________
From: Tom Reed <tom.reed@agefriendlyleeds.org.uk>
Sent: 27 November 2026 14:00
To: Carol Smith <carol@agefriendlyleeds.org.uk>
Subject: Befriending calls by video

We moved three befriending pairs to video calls on donated tablets.
Two pairs now call each other without our help.
""", exp("Befriending calls by video", person("Carol Smith", "carol@agefriendlyleeds.org.uk"), "Age Friendly Leeds", "Devices and Data", [],
  "FYI - great example from our befriending team.",
  "FYI - great example from our befriending team.\n\nCarol\n\nWe moved three befriending pairs to video calls on donated tablets.\nTwo pairs now call each other without our help.",
  mid="LO2P265MB0012@LO2P265MB0012.GBRP265.PROD.OUTLOOK.COM", fwd=person("Tom Reed", "tom.reed@agefriendlyleeds.org.uk")))

# 13 Thunderbird forward inline (tab-separated header table).
write(OUT, "13-thunderbird-forward", """Message-ID: <tb13-fwd@cardiffdigital.cymru>
Date: Sat, 28 Nov 2026 12:00:00 +0000
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Fwd: Welsh language sessions
To: learning@example.org
From: Gareth Lloyd <gareth@cardiffdigital.cymru>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit




-------- Forwarded Message --------
Subject: \tWelsh language sessions
Date: \tFri, 27 Nov 2026 09:30:00 +0000
From: \tMererid Owen <mererid@cardiffdigital.cymru>
To: \tGareth Lloyd <gareth@cardiffdigital.cymru>



Offering sessions in Welsh first brought in learners who had never come
to the English ones. Diolch!

""", exp("Welsh language sessions", person("Gareth Lloyd", "gareth@cardiffdigital.cymru"), "Cardiff Digital Hub", "General", [],
  "Offering sessions in Welsh first brought in learners who had never come to the English ones. Diolch!",
  "Offering sessions in Welsh first brought in learners who had never come\nto the English ones. Diolch!",
  mid="tb13-fwd@cardiffdigital.cymru", fwd=person("Mererid Owen", "mererid@cardiffdigital.cymru")))

# 14 Field lines at the top of the body.
write(OUT, "14-fields", """From: Priya Shah <priya@agefriendlyleeds.org.uk>
To: learning@example.org
Subject: Spotting fake delivery texts
Date: Sun, 29 Nov 2026 08:00:00 +0000
Message-ID: <fields14@agefriendlyleeds.org.uk>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Organisation: Leeds Older People's Forum
Area: online safety
Tags: texts, Older People; #delivery
Summary: A five-minute exercise that teaches people to check delivery texts.
Link: https://www.ncsc.gov.uk/collection/phishing-scams

We print three real delivery texts and one fake. Learners vote on which
is fake before we show the signs.
""", exp("Spotting fake delivery texts", person("Priya Shah", "priya@agefriendlyleeds.org.uk"), "Leeds Older People's Forum",
  "Online Safety", ["texts", "older people", "delivery"],
  "A five-minute exercise that teaches people to check delivery texts.",
  "We print three real delivery texts and one fake. Learners vote on which\nis fake before we show the signs.",
  links=["https://www.ncsc.gov.uk/collection/phishing-scams"], mid="fields14@agefriendlyleeds.org.uk"))

# 15 Hashtags in the text ("#42" is an item number, not a tag).
write(OUT, "15-hashtags", """From: Ann Example <ann@examplehousing.org.uk>
To: learning@example.org
Subject: Follow-up to #42: tablets at the lunch club
Date: Sun, 29 Nov 2026 09:00:00 +0000
Message-ID: <hashtags15@examplehousing.org.uk>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Following up #42: we took two tablets to the lunch club. #Tablets
#DigitalInclusion #tablets

Three members asked to borrow one.
""", exp("Follow-up to #42: tablets at the lunch club", ANN, "Example Housing", "Devices and Data",
  ["tablets", "digitalinclusion"],
  "Following up #42: we took two tablets to the lunch club. #Tablets #DigitalInclusion #tablets",
  "Following up #42: we took two tablets to the lunch club. #Tablets\n#DigitalInclusion #tablets\n\nThree members asked to borrow one.",
  mid="hashtags15@examplehousing.org.uk"))

# 16 Outlook Safe Links, a Google redirect and Proofpoint URL Defense v3, plus a duplicate:
# unwrapped in the links and in the body.
write(OUT, "16-safelinks", """From: Carol Smith <carol@agefriendlyleeds.org.uk>
To: learning@example.org
Subject: Useful guides
Date: Sun, 29 Nov 2026 10:00:00 +0000
Message-ID: <safelinks16@agefriendlyleeds.org.uk>
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"

Three guides we use:

1. Age UK on scams: https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ageuk.org.uk%2Finformation-advice%2Fmoney-legal%2Fscams-fraud%2F&data=05%7C02%7Ccarol%40agefriendlyleeds.org.uk%7Cabc&sdata=xyz%3D&reserved=0
2. Learn My Way (https://www.google.com/url?q=https://www.learnmyway.com/&sa=D&source=editors&ust=1700000000000000).
3. Good Things: <https://urldefense.com/v3/__https://www.goodthingsfoundation.org/__;!!AbCdEf!GhIjKl$>
And again: https://www.learnmyway.com/.
""", exp("Useful guides", person("Carol Smith", "carol@agefriendlyleeds.org.uk"), "Age Friendly Leeds", "Online Safety", [],
  "Three guides we use:",
  "Three guides we use:\n\n1. Age UK on scams: https://www.ageuk.org.uk/information-advice/money-legal/scams-fraud/\n2. Learn My Way (https://www.learnmyway.com/).\n3. Good Things: <https://www.goodthingsfoundation.org/>\nAnd again: https://www.learnmyway.com/.",
  links=["https://www.ageuk.org.uk/information-advice/money-legal/scams-fraud/", "https://www.learnmyway.com/",
         "https://www.goodthingsfoundation.org/"], mid="safelinks16@agefriendlyleeds.org.uk"))

# 17 Attachments: a PDF, a hostile name, an accented name, an inline signature logo (left out).
pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40
docx = b"PK\x03\x04" + bytes(range(256)) * 3
txt = b"not really a password file\n"
write(OUT, "17-attachments", """From: Ann Example <ann@examplehousing.org.uk>
To: learning@example.org
Subject: Session plan and photos
Date: Sun, 29 Nov 2026 11:00:00 +0000
Message-ID: <attach17@examplehousing.org.uk>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mixed17"

--mixed17
Content-Type: multipart/related; boundary="rel17"

--rel17
Content-Type: text/plain; charset=utf-8

Attached is the plan for our tablet taster session.

--rel17
Content-Type: image/png; name="image001.png"
Content-Disposition: inline; filename="image001.png"
Content-ID: <image001.png@01DB1234.ABCDEF00>
Content-Transfer-Encoding: base64

""" + b64(png) + """
--rel17--

--mixed17
Content-Type: application/pdf; name="Taster plan.pdf"
Content-Disposition: attachment; filename="Taster plan.pdf"
Content-Transfer-Encoding: base64

""" + b64(pdf) + """
--mixed17
Content-Type: text/plain; name="passwd"
Content-Disposition: attachment; filename="../../etc/passwd"
Content-Transfer-Encoding: base64

""" + b64(txt) + """
--mixed17
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document
Content-Disposition: attachment; filename*=utf-8''Caf%C3%A9%20plan%20%28final%29.docx
Content-Transfer-Encoding: base64

""" + b64(docx) + """
--mixed17
Content-Type: application/pdf
Content-Disposition: attachment; filename=".hidden.pdf"
Content-Transfer-Encoding: base64

""" + b64(pdf) + """
--mixed17--
""", exp("Session plan and photos", ANN, "Example Housing", "Devices and Data", [],
  "Attached is the plan for our tablet taster session.",
  "Attached is the plan for our tablet taster session.",
  attachments=[
    {"filename": "Taster plan.pdf", "storedName": "1-Taster-plan.pdf", "contentType": "application/pdf", "size": len(pdf)},
    {"filename": "passwd", "storedName": "2-passwd", "contentType": "text/plain", "size": len(txt)},
    {"filename": "Caf\u00e9 plan (final).docx", "storedName": "3-Cafe-plan-final-.docx",
     "contentType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "size": len(docx)},
    {"filename": ".hidden.pdf", "storedName": "4-hidden.pdf", "contentType": "application/pdf", "size": len(pdf)},
  ], mid="attach17@examplehousing.org.uk"))

# 18 Welsh Gmail: "Ar … ysgrifennodd:" and "Anfonwyd o fy iPhone".
write(OUT, "18-welsh-gmail", """MIME-Version: 1.0
From: Mererid Owen <mererid@cardiffdigital.cymru>
Date: Sun, 29 Nov 2026 12:00:00 +0000
Message-ID: <CAHx1=cy18@mail.gmail.com>
Subject: Re: Sesiynau gwirfoddolwyr
To: learning@example.org
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Mae ein gwirfoddolwyr yn cynnal sesiwn galw heibio bob dydd Mawrth.

Anfonwyd o fy iPhone

Ar Llun, 23 Tach 2026 am 09:15, Facilitator <facilitator@example.org> ysgr=
ifennodd:

> Sut mae'r sesiynau'n mynd?
""", exp("Sesiynau gwirfoddolwyr", person("Mererid Owen", "mererid@cardiffdigital.cymru"), "Cardiff Digital Hub", "General", [],
  "Mae ein gwirfoddolwyr yn cynnal sesiwn galw heibio bob dydd Mawrth.",
  "Mae ein gwirfoddolwyr yn cynnal sesiwn galw heibio bob dydd Mawrth.",
  mid="CAHx1=cy18@mail.gmail.com"))

# 19 French Gmail: "Le … a écrit :" and "Envoyé de mon iPhone".
write(OUT, "19-french", """MIME-Version: 1.0
From: Claire Martin <claire@examplehousing.org.uk>
Date: Sun, 29 Nov 2026 13:00:00 +0000
Message-ID: <CAHx1=fr19@mail.gmail.com>
Subject: RE: Atelier smartphone
To: learning@example.org
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

Nous avons fait un atelier smartphone en français pour les nouveaux
résidents. Très apprécié !

Envoyé de mon iPhone

Le lun. 23 nov. 2026 à 09:15, Facilitator <facilitator@example.org> a écrit :

> Comment s'est passé l'atelier ?
""", exp("Atelier smartphone", person("Claire Martin", "claire@examplehousing.org.uk"), "Example Housing", "General", [],
  "Nous avons fait un atelier smartphone en français pour les nouveaux résidents. Très apprécié !",
  "Nous avons fait un atelier smartphone en français pour les nouveaux\nrésidents. Très apprécié !",
  mid="CAHx1=fr19@mail.gmail.com"))

# 20 German Outlook: Von:/Gesendet:/An:/Betreff: block and "AW: WG:" subject.
write(OUT, "20-german-outlook", """From: Jonas Weber <jonas@examplehousing.org.uk>
To: learning@example.org
Subject: AW: WG: Datenschutz-Workshop
Date: Sun, 29 Nov 2026 14:00:00 +0000
Message-ID: <FR2P281MB0020@FR2P281MB0020.DEUP281.PROD.OUTLOOK.COM>
MIME-Version: 1.0
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Unser Workshop zu sicheren Passw=F6rtern war ausgebucht. N=E4chstes Mal =
planen wir zwei Termine.

Von: Facilitator <facilitator@example.org>
Gesendet: Montag, 23. November 2026 09:15
An: Jonas Weber <jonas@examplehousing.org.uk>
Betreff: WG: Datenschutz-Workshop

Wie lief der Workshop?
""", exp("Datenschutz-Workshop", person("Jonas Weber", "jonas@examplehousing.org.uk"), "Example Housing", "General", [],
  "Unser Workshop zu sicheren Passwörtern war ausgebucht. Nächstes Mal planen wir zwei Termine.",
  "Unser Workshop zu sicheren Passwörtern war ausgebucht. Nächstes Mal planen wir zwei Termine.",
  mid="FR2P281MB0020@FR2P281MB0020.DEUP281.PROD.OUTLOOK.COM"))

# 21 Spanish Gmail: "El … escribió:".
write(OUT, "21-spanish", """MIME-Version: 1.0
From: Lucia Garcia <lucia@cardiffdigital.cymru>
Date: Sun, 29 Nov 2026 15:00:00 +0000
Message-ID: <CAHx1=es21@mail.gmail.com>
Subject: Re: Clases de WhatsApp
To: learning@example.org
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit

Las clases de WhatsApp para abuelos funcionan mejor con sus nietos
presentes.

El lun, 23 nov 2026 a las 9:15, Facilitator (<facilitator@example.org>)
escribió:

> ¿Qué tal las clases?
""", exp("Clases de WhatsApp", person("Lucia Garcia", "lucia@cardiffdigital.cymru"), "Cardiff Digital Hub", "General", [],
  "Las clases de WhatsApp para abuelos funcionan mejor con sus nietos presentes.",
  "Las clases de WhatsApp para abuelos funcionan mejor con sus nietos\npresentes.",
  mid="CAHx1=es21@mail.gmail.com"))

# 22 A partner's subdomain; keyword tie goes to the first listed area.
write(OUT, "22-subdomain-tie", """From: "Sam O'Neill" <sam@mail.examplehousing.org.uk>
To: learning@example.org
Subject: [Partners] Re: Fwd: Re: Champions lending tablets
Date: Mon, 30 Nov 2026 08:00:00 +0000
Message-ID: <tie22@mail.examplehousing.org.uk>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Each champion now keeps one tablet to lend during home visits.
""", exp("Champions lending tablets", person("Sam O'Neill", "sam@mail.examplehousing.org.uk"), "Example Housing", "Digital Champions", [],
  "Each champion now keeps one tablet to lend during home visits.",
  "Each champion now keeps one tablet to lend during home visits.",
  mid="tie22@mail.examplehousing.org.uk"))

# 23 Not a partner; a long first paragraph cut at a sentence end; a greeting skipped;
# one hit each for two areas: the tie goes to the first listed (Digital Champions).
long_p = ("We set up a digital skills corner in the community centre foyer with two laptops and a printer. "
          "Volunteers staff it on Tuesday and Thursday afternoons. "
          "People come in for bus passes and universal credit journals, then stay to learn email. "
          "After six weeks we had 85 visits and 23 people came back for a second session on their own.")
write(OUT, "23-long-summary-non-partner", """From: Jo Bloggs <jo@gmail.com>
To: learning@example.org
Subject: Digital skills corner
Date: Mon, 30 Nov 2026 09:00:00 +0000
Message-ID: <long23@mail.gmail.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hi all,

""" + long_p + """

Happy to share our rota.
""", exp("Digital skills corner", person("Jo Bloggs", "jo@gmail.com"), None, "Digital Champions", [],
  "We set up a digital skills corner in the community centre foyer with two laptops and a printer. Volunteers staff it on Tuesday and Thursday afternoons. People come in for bus passes and universal credit journals, then stay to learn email.",
  "Hi all,\n\n" + long_p + "\n\nHappy to share our rota.",
  mid="long23@mail.gmail.com"))

# 24 Outlook plain text with "-----Original Message-----".
write(OUT, "24-outlook-original-message", """From: Tom Reed <tom.reed@agefriendlyleeds.org.uk>
To: learning@example.org
Subject: RE: Printing at home
Date: Mon, 30 Nov 2026 10:00:00 +0000
Message-ID: <000001d9aaaa$bbbbbbbb$cccccccc@agefriendlyleeds.org.uk>
MIME-Version: 1.0
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: 7bit
X-Mailer: Microsoft Outlook 16.0

Most people did not need a printer once we showed them how to save a
PDF and show it on their phone.

Tom

-----Original Message-----
From: Facilitator [mailto:facilitator@example.org] 
Sent: 27 November 2026 09:00
To: Tom Reed
Subject: Printing at home

Do people ask about printers?
""", exp("Printing at home", person("Tom Reed", "tom.reed@agefriendlyleeds.org.uk"), "Age Friendly Leeds", "General", [],
  "Most people did not need a printer once we showed them how to save a PDF and show it on their phone.",
  "Most people did not need a printer once we showed them how to save a\nPDF and show it on their phone.\n\nTom",
  mid="000001d9aaaa$bbbbbbbb$cccccccc@agefriendlyleeds.org.uk"))

# 25 No subject: the title comes from the first line.
write(OUT, "25-no-subject", """From: Ann Example <ann@examplehousing.org.uk>
To: learning@example.org
Subject: 
Date: Mon, 30 Nov 2026 11:00:00 +0000
Message-ID: <nosubject25@examplehousing.org.uk>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Big print keyboards help
Several learners with sight loss typed far more easily with big print
keyboards.
""", exp("Big print keyboards help", ANN, "Example Housing", "General", [],
  "Big print keyboards help Several learners with sight loss typed far more easily with big print keyboards.",
  "Big print keyboards help\nSeveral learners with sight loss typed far more easily with big print\nkeyboards.",
  mid="nosubject25@examplehousing.org.uk"))

# 26 Gmail HTML-only reply: the quote is a gmail_quote blockquote.
html26 = ('<div dir="ltr">We recycle old phones into &quot;starter phones&quot; for people leaving hospital.'
  '<div><br></div><div>More at <a href="https://www.google.com/url?q=https://example-housing.org.uk/phones&amp;sa=D">our phones page</a>.</div></div>'
  '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 23 Nov 2026 at 09:15, Facilitator &lt;'
  '<a href="mailto:facilitator@example.org">facilitator@example.org</a>&gt; wrote:<br></div>'
  '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
  '<div dir="ltr">Any device reuse stories?</div></blockquote></div>')
write(OUT, "26-gmail-html-only", """MIME-Version: 1.0
From: Ann Example <ann@examplehousing.org.uk>
Date: Mon, 30 Nov 2026 12:00:00 +0000
Message-ID: <CAHx1=html26@mail.gmail.com>
Subject: Re: Device reuse
To: learning@example.org
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

""" + qp(html26.encode("utf-8")), exp("Device reuse", ANN, "Example Housing", "General", [],
  "We recycle old phones into \"starter phones\" for people leaving hospital.",
  "We recycle old phones into \"starter phones\" for people leaving hospital.\n\nMore at our phones page (https://example-housing.org.uk/phones).",
  links=["https://example-housing.org.uk/phones"], mid="CAHx1=html26@mail.gmail.com"))

# 27 Samsung Email: "-------- Original message --------" block.
write(OUT, "27-samsung", """From: Bethan Jones <bethan@cardiffdigital.cymru>
To: learning@example.org
Subject: Re: Data poverty
Date: Mon, 30 Nov 2026 13:00:00 +0000
Message-ID: <samsung27@cardiffdigital.cymru>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

We now give out free SIM cards from the National Databank with every
loaned tablet.



Sent from my Galaxy


-------- Original message --------
From: Facilitator <facilitator@example.org> 
Date: 27/11/2026 09:00 (GMT+00:00) 
To: Bethan Jones <bethan@cardiffdigital.cymru> 
Subject: Data poverty 

How do you handle data costs?
""", exp("Data poverty", BETH, "Cardiff Digital Hub", "Devices and Data", [],
  "We now give out free SIM cards from the National Databank with every loaned tablet.",
  "We now give out free SIM cards from the National Databank with every\nloaned tablet.",
  mid="samsung27@cardiffdigital.cymru"))

# 28 A signature delimiter without its trailing space, keyword counts deciding the area,
# and text that merely mentions writing ("She wrote:") kept.
write(OUT, "28-signature-no-space", """From: Priya Shah <priya@agefriendlyleeds.org.uk>
To: learning@example.org
Subject: Feedback from a learner
Date: Mon, 30 Nov 2026 14:00:00 +0000
Message-ID: <sig28@agefriendlyleeds.org.uk>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

A learner sent us a card. She wrote:
"I can now video call my grandson and spot a scam text."

Our volunteer champions were delighted.

--
Priya Shah | Age Friendly Leeds | 0113 000 0000
""", exp("Feedback from a learner", person("Priya Shah", "priya@agefriendlyleeds.org.uk"), "Age Friendly Leeds", "Digital Champions", [],
  "A learner sent us a card. She wrote: \"I can now video call my grandson and spot a scam text.\"",
  "A learner sent us a card. She wrote:\n\"I can now video call my grandson and spot a scam text.\"\n\nOur volunteer champions were delighted.",
  mid="sig28@agefriendlyleeds.org.uk"))

# 29 Microsoft 365 first-contact safety tip (an HTML table at the top) and an [EXTERNAL] subject tag.
html29 = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'
  '<table border="0" cellspacing="0" cellpadding="0" align="left" width="100%" style="width:100.0%;display:table;">'
  '<tr><td style="padding:7.5pt 1.5pt 7.5pt 0;background:#A6A6A6"></td>'
  '<td width="100%" style="width:100.0%;background:#EAEAEA;padding:7.5pt 5.25pt 7.5pt 3.75pt;">'
  '<div><p style="mso-line-height-rule:exactly;line-height:12.0pt"><span style="font-size:9.0pt;color:#212121">'
  'You don\u2019t often get email from priya@agefriendlyleeds.org.uk. '
  '<a href="https://aka.ms/LearnAboutSenderIdentification">Learn why this is important</a></span></p></div></td></tr></table>'
  '<div><p>Our new \u201cask me anything\u201d phone line for learners took 60 calls in its first month.</p>'
  '<p>Most calls were about passwords and online banking.</p></div></body></html>')
write(OUT, "29-m365-first-contact-banner", """From: Priya Shah <priya@agefriendlyleeds.org.uk>
To: learning@example.org
Subject: [EXTERNAL] Phone helpline for learners
Date: Tue, 01 Dec 2026 09:00:00 +0000
Message-ID: <banner29@agefriendlyleeds.org.uk>
MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: base64

""" + b64(html29.encode("utf-8")) + "\n", exp("Phone helpline for learners", person("Priya Shah", "priya@agefriendlyleeds.org.uk"),
  "Age Friendly Leeds", "Online Safety", [],
  "Our new \u201cask me anything\u201d phone line for learners took 60 calls in its first month.",
  "Our new \u201cask me anything\u201d phone line for learners took 60 calls in its first month.\n\nMost calls were about passwords and online banking.",
  mid="banner29@agefriendlyleeds.org.uk"))
