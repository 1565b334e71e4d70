import os, sys, shutil
from lib import crlf
from gen4 import S
root = sys.argv[1]
md = os.path.join(root, "samples", "maildir")
shutil.rmtree(md, ignore_errors=True)
for sub in ("new", "cur", "tmp"):
    os.makedirs(os.path.join(md, sub))
names = []
for i, (label, (ts, text)) in enumerate(sorted(S.items()), start=1):
    data = crlf(text).encode("utf-8") if isinstance(text, str) else text
    # bodies already QP/base64 are ASCII; the cp1252 sample is QP-encoded so ASCII too
    assert all(b < 128 for b in data), label
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), label
    assert max(len(l) for l in data.split(b"\r\n")) <= 998, label
    name = f"{ts}.M{i}P100.demo"
    with open(os.path.join(md, "new", name), "wb") as f:
        f.write(data)
    names.append((name, label, len(data)))
for sub in ("cur", "tmp"):
    open(os.path.join(md, sub, ".keep"), "wb").close()
prev = 0
for n, l, size in names:
    ts = int(n.split(".")[0]); assert ts > prev; prev = ts
    print(n, l, size)
