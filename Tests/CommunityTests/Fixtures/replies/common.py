import base64, quopri, json, os

def crlf(s):
    return s.replace("\r\n", "\n").replace("\n", "\r\n")

def qp(data: bytes) -> str:
    return quopri.encodestring(data).decode("ascii")

def b64(data: bytes) -> str:
    e = base64.b64encode(data).decode("ascii")
    return "\n".join(e[i:i+76] for i in range(0, len(e), 76))

def write(dirpath, name, eml_text, expected=None, raw_bytes=None):
    os.makedirs(dirpath, exist_ok=True)
    data = raw_bytes if raw_bytes is not None else crlf(eml_text).encode("utf-8")
    with open(os.path.join(dirpath, name + ".eml"), "wb") as f:
        f.write(data)
    if expected is not None:
        with open(os.path.join(dirpath, name + ".json"), "w") as f:
            json.dump(expected, f, indent=2, ensure_ascii=False, sort_keys=True)
            f.write("\n")
