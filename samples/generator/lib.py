import base64, calendar, datetime, os, textwrap, zlib

def crlf(s):
    """Text with \n line ends -> bytes with CRLF."""
    return s.replace("\r\n", "\n").replace("\n", "\r\n")

def qp(data: bytes, binary_lines=False) -> str:
    """Quoted-printable (RFC 2045 6.7): lines <= 76, soft breaks, trailing white space encoded."""
    out_lines = []
    for line in data.split(b"\n"):
        if line.endswith(b"\r"):
            line = line[:-1]
        tokens = []
        for i, b in enumerate(line):
            last = i == len(line) - 1
            if b in (0x20, 0x09):
                tokens.append("=%02X" % b if last else chr(b))
            elif 33 <= b <= 126 and b != 0x3D:
                tokens.append(chr(b))
            else:
                tokens.append("=%02X" % b)
        cur = ""
        for t in tokens:
            if len(cur) + len(t) > 75:
                out_lines.append(cur + "=")
                cur = ""
            cur += t
        out_lines.append(cur)
    return "\n".join(out_lines)

def b64(data: bytes, width=76) -> str:
    s = base64.b64encode(data).decode()
    return "\n".join(s[i:i + width] for i in range(0, len(s), width))

def flowed(text: str, width=72) -> str:
    """RFC 3676 format=flowed: soft breaks end in a space; space-stuffing."""
    out = []
    for para in text.split("\n"):
        if para == "" or para == "-- ":
            out.append(para)
            continue
        words = para.split(" ")
        lines, cur = [], ""
        for w in words:
            cand = (cur + " " + w) if cur else w
            if len(cand) > width and cur:
                lines.append(cur + " ")
                cur = w
            else:
                cur = cand
        lines.append(cur)
        for l in lines:
            if l.startswith((" ", ">", "From ")):
                l = " " + l
            out.append(l)
    return "\n".join(out)

def wrap_quote(text: str) -> str:
    return "\n".join(("> " + l) if l else ">" for l in text.split("\n"))

def epoch(y, mo, d, h, mi, s=0):
    return calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0))

def write(path, text: str, encoding="utf-8"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(crlf(text).encode(encoding))

def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
