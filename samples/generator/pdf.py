def session_plan_pdf() -> bytes:
    lines = [
        ("F2", 16, "Spot the Scam - session plan (60 minutes)"),
        ("F1", 11, "Age Connect West - Digital Champions, November 2026"),
        ("F1", 11, ""),
        ("F1", 11, "0-10   Welcome, tea, and 'what scams have you seen this month?'"),
        ("F1", 11, "10-25  Real examples: parcel texts, fake bank calls, HMRC emails"),
        ("F1", 11, "25-40  Stop - Challenge - Protect (Take Five) with role play"),
        ("F1", 11, "40-50  Passwords: three random words; turning on 2-step verification"),
        ("F1", 11, "50-60  Reporting: forward texts to 7726, emails to report@phishing.gov.uk"),
        ("F1", 11, ""),
        ("F1", 11, "Bring: printed examples, two spare phones, the Take Five leaflet."),
        ("F1", 11, "Ratio: one Digital Champion for every four learners."),
    ]
    def esc(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    ops = ["BT", "72 770 Td", "16 TL"]
    for font, size, text in lines:
        ops.append(f"/{font} {size} Tf ({esc(text)}) Tj T*")
    ops.append("ET")
    stream = ("\n".join(ops) + "\n").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Title (Spot the Scam - session plan) /Author (Age Connect West) /Producer (handwritten sample) /CreationDate (D:20261118103000Z) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)

if __name__ == "__main__":
    import sys
    sys.stdout.buffer.write(session_plan_pdf())
