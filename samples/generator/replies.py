import os, sys
from lib import *
root = sys.argv[1]
out = os.path.join(root, "samples", "replies")
os.makedirs(out, exist_ok=True)

notification = """A new contribution is waiting for your review.

Reply to this message with one command per line:
  approve
  reject REASON
  hold
  edit title|summary|organisation|area TEXT
  tag +a -b

The item and its fields are shown below.
"""
auth = """Authentication-Results: mx.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=example.org header.i=@example.org header.b="Hq7z2VbN";
	spf=pass (mx.example.org: domain of facilitator@example.org designates 209.85.220.41 as permitted sender) smtp.mailfrom=facilitator@example.org;
	dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org
"""
received_google = """Return-Path: <facilitator@example.org>
Delivered-To: learning@example.org
Received: from mail-sor-f41.google.com (mail-sor-f41.google.com [209.85.220.41])
	by mx.example.org (Postfix) with ESMTPS id 4XjR2m0Tqbz9sY1
	for <learning@example.org>; {{DATE}}
""" + auth

# -------- approve-gmail.eml
gm_attr = "On Mon, 30 Nov 2026 at 09:02, One Digital Community of Practice <learning@example.org> wrote:"
gm_text = "approve\n\n" + gm_attr + "\n\n" + wrap_quote(notification.rstrip("\n")) + "\n"
gm_html = ('<div dir="ltr">approve</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
           'On Mon, 30 Nov 2026 at 09:02, One Digital Community of Practice &lt;<a href="mailto:learning@example.org">learning@example.org</a>&gt; wrote:<br></div>'
           '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
           + "<br>".join(html_escape(l).replace("  ", "&nbsp; ") for l in notification.rstrip("\n").split("\n")) + "<br></blockquote></div>\n")
B = "000000000000a93e5c0643d27b18"
write(os.path.join(out, "approve-gmail.eml"), received_google + f"""MIME-Version: 1.0
References: <{{{{IN_REPLY_TO}}}}>
In-Reply-To: <{{{{IN_REPLY_TO}}}}>
From: Fran Ellis <facilitator@example.org>
Date: {{{{DATE}}}}
Message-ID: <{{{{MESSAGE_ID}}}}>
Subject: Re: {{{{SUBJECT}}}}
To: {{{{TO}}}}
Content-Type: multipart/alternative; boundary="{B}"

--{B}
Content-Type: text/plain; charset="UTF-8"

{gm_text}
--{B}
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

{qp(gm_html.encode())}
--{B}--
""")

# -------- approve-outlook.eml: HTML-only, windows-1252 quoted-printable, From:/Sent: block
paras = "".join('<p class="MsoNormal">%s<o:p></o:p></p>\r\n' % (html_escape(l).replace("  ", "&nbsp;&nbsp;") if l else "&nbsp;")
                for l in notification.rstrip("\n").split("\n"))
ol_html = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=Windows-1252">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	font-size:12.0pt;
	font-family:"Aptos",sans-serif;}
span.EmailStyle19
	{mso-style-type:personal-reply;
	font-family:"Aptos",sans-serif;
	color:windowtext;}
div.WordSection1
	{page:WordSection1;}
--></style>
</head>
<body lang="EN-GB" link="#467886" vlink="#96607D" style="word-wrap:break-word">
<div class="WordSection1">
<p class="MsoNormal">Approve<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Thanks \u2013 lovely to see this one come in. I\u2019ll mention it on Thursday\u2019s call.<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<p class="MsoNormal">Fran<o:p></o:p></p>
<p class="MsoNormal"><o:p>&nbsp;</o:p></p>
<div id="mail-editor-reference-message-container">
<div>
<div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm">
<p class="MsoNormal" style="margin-bottom:12.0pt"><b><span style="color:black">From: </span></b><span style="color:black">One Digital Community of Practice &lt;learning@example.org&gt;<br>
<b>Date: </b>Monday, 30 November 2026 at 09:02<br>
<b>To: </b>Fran Ellis &lt;facilitator@example.org&gt;<br>
<b>Subject: </b>{{SUBJECT}}<o:p></o:p></span></p>
</div>
""" + paras.replace("\r\n", "\n") + """</div>
</div>
</div>
</body>
</html>
"""
# Outlook (new Outlook / Outlook for Microsoft 365 since 2023) writes "Date:"; classic Outlook writes "Sent:".
# The samples use the classic form because it is the one most parsers miss.
ol_html = ol_html.replace("<b>Date: </b>Monday, 30 November 2026 at 09:02", "<b>Sent:</b> 30 November 2026 09:02")
ol_html = ol_html.replace('<b><span style="color:black">From: </span></b>', '<b><span style="color:black">From:</span></b><span style="color:black"> </span>')
ol_bytes = crlf(ol_html).encode("cp1252")
write(os.path.join(out, "approve-outlook.eml"), """Return-Path: <facilitator@example.org>
Delivered-To: learning@example.org
Received: from EUR03-AM7-obe.outbound.protection.outlook.com (mail-am7eur03on2104.outbound.protection.outlook.com [40.107.105.104])
	by mx.example.org (Postfix) with ESMTPS id 4XjR7q3GkLz9sY4
	for <learning@example.org>; {{DATE}}
""" + auth.replace("209.85.220.41", "40.107.105.104") + """From: Fran Ellis <facilitator@example.org>
To: {{TO}}
Subject: RE: {{SUBJECT}}
Thread-Topic: {{SUBJECT}}
Thread-Index: AQHbYk3v9mQ2xE7n0kOe1b8Zc4tR5QAAb2Vw
Date: {{DATE}}
Message-ID: <{{MESSAGE_ID}}>
References: <{{IN_REPLY_TO}}>
In-Reply-To: <{{IN_REPLY_TO}}>
Accept-Language: en-GB, en-US
Content-Language: en-GB
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
x-ms-publictraffictype: Email
Content-Type: text/html; charset="Windows-1252"
Content-Transfer-Encoding: quoted-printable
MIME-Version: 1.0

""" + qp(ol_bytes) + "\n")

# -------- reject-apple.eml: Apple Mail plain text, quoted attribution
ap_quote = "\n".join(("> " + l) for l in ("On 30 Nov 2026, at 09:02, One Digital Community of Practice <learning@example.org> wrote:\n\n" + notification.rstrip("\n")).split("\n"))
write(os.path.join(out, "reject-apple.eml"), received_google.replace("4XjR2m0Tqbz9sY1", "4XjRCd1Vn8z9sY7") + """From: Fran Ellis <facilitator@example.org>
Content-Type: text/plain;
	charset=us-ascii
Content-Transfer-Encoding: 7bit
Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3826.300.87.4.3\\))
Subject: Re: {{SUBJECT}}
Date: {{DATE}}
References: <{{IN_REPLY_TO}}>
To: {{TO}}
In-Reply-To: <{{IN_REPLY_TO}}>
Message-Id: <{{MESSAGE_ID}}>
X-Mailer: Apple Mail (2.3826.300.87.4.3)

reject Please add which library ran the sessions

Fran

""" + ap_quote + "\n\n")

# -------- edit-then-approve.eml: Thunderbird, two commands then the quote
tb_quote = "On 30/11/2026 09:02, One Digital Community of Practice wrote:\n" + wrap_quote(notification.rstrip("\n"))
write(os.path.join(out, "edit-then-approve.eml"), received_google.replace("4XjR2m0Tqbz9sY1", "4XjRHw4Zp2z9sYb") + """Message-ID: <{{MESSAGE_ID}}>
Date: {{DATE}}
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: {{SUBJECT}}
Content-Language: en-GB
To: {{TO}}
References: <{{IN_REPLY_TO}}>
From: Fran Ellis <facilitator@example.org>
In-Reply-To: <{{IN_REPLY_TO}}>
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit

edit area Health online
approve

""" + tb_quote + "\n\n")
print("replies written")
