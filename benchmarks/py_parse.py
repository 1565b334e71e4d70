#!/usr/bin/env python3
"""Parse and fully decode messages with Python's email package; print one stats line.

    py_parse.py --policy compat32|default FILE...

Files are read into memory first; the timed part is parsing plus decoding every leaf part
(transfer encoding, and charset conversion to str for text parts), as `learnmail parse --stats` does.
Output: messages N, bytes B, seconds S, MB/s M   (MB = 10^6 bytes)
"""
import argparse
import email
import email.errors
import email.header
import email.policy
import email.utils
import time


def decode_compat32(msg):
    n = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if payload is None:
            continue
        if part.get_content_maintype() == "text":
            charset = part.get_content_charset() or "us-ascii"
            try:
                n += len(payload.decode(charset, "replace"))
            except LookupError:
                n += len(payload.decode("utf-8", "replace"))
        else:
            n += len(payload)
    return n


def decode_default(msg):
    n = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        try:
            content = part.get_content()
        except (LookupError, KeyError, ValueError, AttributeError):
            content = part.get_payload(decode=True) or b""
        n += len(content) if not hasattr(content, "as_bytes") else 1
    return n


def header_text(value):
    """An RFC 2047 header value decoded as learnmail decodes it (never fails)."""
    if value is None:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
        return str(value)


def decode_headers(msg):
    """The header fields learnmail's parser decodes for every message: subject, the address
    fields (names decoded), the date. For a like-for-like context row (--headers)."""
    n = len(header_text(msg["subject"]))
    for name in ("from", "to", "cc", "reply-to", "sender"):
        for display, address in email.utils.getaddresses(msg.get_all(name, [])):
            n += len(header_text(display)) + len(address)
    try:
        email.utils.parsedate_to_datetime(msg["date"])
    except (TypeError, ValueError, IndexError):
        pass
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--policy", choices=["compat32", "default"], default="compat32")
    ap.add_argument("--headers", action="store_true", help="also decode the header fields learnmail decodes")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    blobs = []
    for name in args.files:
        with open(name, "rb") as f:
            blobs.append(f.read())
    policy = email.policy.compat32 if args.policy == "compat32" else email.policy.default
    decode = decode_compat32 if args.policy == "compat32" else decode_default
    total = sum(len(b) for b in blobs)
    start = time.perf_counter()
    for blob in blobs:
        msg = email.message_from_bytes(blob, policy=policy)
        if args.headers:
            decode_headers(msg)
        decode(msg)
    seconds = time.perf_counter() - start
    print("messages %d, bytes %d, seconds %.3f, MB/s %.1f" % (len(blobs), total, seconds, total / seconds / 1e6))


if __name__ == "__main__":
    main()
