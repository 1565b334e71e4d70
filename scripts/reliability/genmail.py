#!/usr/bin/env python3
"""Writes realistic contributions into a Maildir's new/ folder for scripts/fault-test and
scripts/load-test: the contribution fixtures (Tests/CommunityTests/Fixtures/contributions)
with a fresh Message-ID, a sender of their own and the community's address, byte-exact
otherwise (CRLF kept).

  genmail.py MAILDIR COUNT [--start N] [--to ADDRESS] [--tag TAG] [--owner USER:GROUP]

Message i comes from fixture i % F and sender i % 3001, so no two messages share both a sender
and a body (learnmail's duplicate check would otherwise fold them together)."""
import argparse, glob, os, pwd, grp, time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "Tests", "CommunityTests", "Fixtures", "contributions")
DOMAINS = ["examplehousing.org.uk", "agefriendlyleeds.org.uk", "cardiffdigital.cymru", "example.test"]
FIRST = ["Ann", "Priya", "Carol", "Bethan", "Tom", "Gareth", "Dev", "Mererid", "Lucia", "Jonas", "Claire", "Sam"]


def load_fixtures():
    out = []
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*.eml"))):
        data = open(path, "rb").read()
        head, sep, body = data.partition(b"\r\n\r\n")
        if not sep:
            continue
        out.append((head, body))
    return out


def rewrite(head, fields):
    """Replaces whole (unfolded) header fields named in `fields`; adds missing ones at the top."""
    lines = head.split(b"\r\n")
    fields_out, seen = [], set()
    current = None
    for line in lines:
        if line[:1] in (b" ", b"\t") and current is not None:
            if current[0] is not None:
                current[1].append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower().decode("latin-1")
        if name in fields and name not in seen:
            seen.add(name)
            current = (None, [])
            fields_out.append(fields[name])
        else:
            current = (name, [line])
            fields_out.append(current[1])
    for name, value in fields.items():
        if name not in seen:
            fields_out.insert(0, value)
    flat = []
    for f in fields_out:
        flat.extend(f)
    return b"\r\n".join(flat)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("maildir")
    p.add_argument("count", type=int)
    p.add_argument("--start", type=int, default=0)
    p.add_argument("--to", default="learning@example.test")
    p.add_argument("--tag", default="gen")
    p.add_argument("--owner")
    a = p.parse_args()
    fixtures = load_fixtures()
    for sub in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(a.maildir, sub), exist_ok=True)
    uid = gid = None
    if a.owner:
        user, group = a.owner.split(":")
        uid, gid = pwd.getpwnam(user).pw_uid, grp.getgrnam(group).gr_gid
    base = int(time.time())
    for i in range(a.start, a.start + a.count):
        head, body = fixtures[i % len(fixtures)]
        s = i % 3001
        first = FIRST[s % len(FIRST)]
        address = f"{first.lower()}.{s}@{DOMAINS[s % len(DOMAINS)]}"
        fields = {
            "from": [f"From: {first} Contributor{s} <{address}>".encode()],
            "to": [f"To: {a.to}".encode()],
            "message-id": [f"Message-ID: <{a.tag}-{i}@reliability.example.test>".encode()],
            "return-path": [f"Return-Path: <{address}>".encode()],
        }
        data = rewrite(head, fields) + b"\r\n\r\n" + body
        name = f"{base + i}.M{i}P{os.getpid()}.{a.tag}"
        tmp = os.path.join(a.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(data)
        if uid is not None:
            os.chown(tmp, uid, gid)
        os.rename(tmp, os.path.join(a.maildir, "new", name))


if __name__ == "__main__":
    main()
