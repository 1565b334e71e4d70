#!/usr/bin/env python3
"""Parse every sample with Python's stdlib email package (policy.default) and print what it sees.

Proves the samples are well-formed MIME: subject, from, date, every part with its type,
charset and decoded size, and any parser defects. Exits 1 if a sample has defects, is not
CRLF throughout, or a reply template is missing a placeholder.

Usage: python3 samples/check-samples.py [DIR]   (DIR defaults to this script's folder)
"""
import email
import email.policy
import pathlib
import sys

root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent
PLACEHOLDERS = ["{{TO}}", "{{SUBJECT}}", "{{IN_REPLY_TO}}", "{{DATE}}", "{{MESSAGE_ID}}"]
problems = 0


def check(path: pathlib.Path, template: bool) -> None:
    global problems
    data = path.read_bytes()
    bare_lf = data.replace(b"\r\n", b"").count(b"\n")
    bare_cr = data.replace(b"\r\n", b"").count(b"\r")
    long_lines = sum(1 for line in data.split(b"\r\n") if len(line) > 998)
    msg = email.message_from_bytes(data, policy=email.policy.default)
    print(f"{path.relative_to(root)}  ({len(data)} bytes)")
    print(f"  subject: {msg['subject']!s}")
    print(f"  from:    {msg['from']!s}")
    print(f"  date:    {msg['date']!s}")
    flags = [h for h in ("Auto-Submitted", "In-Reply-To", "X-Auto-Response-Suppress") if msg[h]]
    if flags:
        print(f"  flags:   {', '.join(f'{h}: {msg[h]}' for h in flags)}")
    defects = list(msg.defects)
    for number, part in enumerate(msg.walk()):
        defects += part.defects
        if part.is_multipart():
            print(f"  part {number}: {part.get_content_type()}")
            continue
        payload = part.get_payload(decode=True) or b""
        name = part.get_filename()
        charset = part.get_content_charset()
        extra = f" filename={name}" if name else ""
        extra += f" format={part.get_param('format')}" if part.get_param("format") else ""
        print(f"  part {number}: {part.get_content_type()} charset={charset} {len(payload)} bytes{extra}")
        if part.get_content_maintype() == "text":
            text = part.get_content()  # decodes the charset; raises if it cannot
            first = next((line.strip() for line in text.splitlines() if line.strip()), "")
            print(f"           first line: {first[:70]}")
        if name and name.endswith(".pdf"):
            ok = payload.startswith(b"%PDF-") and payload.rstrip().endswith(b"%%EOF")
            print(f"           PDF header/trailer: {'ok' if ok else 'BROKEN'}")
            problems += 0 if ok else 1
    issues = []
    if bare_lf or bare_cr:
        issues.append(f"{bare_lf} bare LF, {bare_cr} bare CR")
    if long_lines:
        issues.append(f"{long_lines} lines over 998 octets")
    if defects:
        issues.append("defects: " + ", ".join(type(d).__name__ for d in defects))
    if template:
        missing = [p for p in PLACEHOLDERS if p.encode() not in data]
        if missing:
            issues.append("missing placeholders " + " ".join(missing))
    if issues:
        problems += 1
        print("  PROBLEM: " + "; ".join(issues))


samples = sorted((root / "maildir" / "new").iterdir(), key=lambda p: int(p.name.split(".")[0]))
for path in samples:
    check(path, template=False)
for path in sorted((root / "replies").glob("*.eml")):
    check(path, template=True)
print(f"{len(samples)} maildir samples, {len(list((root / 'replies').glob('*.eml')))} reply templates, {problems} with problems")
sys.exit(1 if problems else 0)
