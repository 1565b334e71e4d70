#!/usr/bin/env python3
"""Inspects a learnmail data directory for scripts/fault-test and scripts/load-test; prints
one line of key=value figures and exits 1 when something is half-written.

  spoolcheck.py DATA

items      item folders;  unique_ids  distinct Message-IDs among them (source.json)
json       .json files;   bad_json    those that do not parse (half-written)
empty_eml  zero-byte .eml files;  temps  leftover .tmp-* files and items/.new-* folders (a write cut off before its rename)
incoming   messages still waiting in incoming/;  outbox / sent / failed  queued mail entries"""
import json, os, sys

data = sys.argv[1]
items = ids = 0
seen = set()
bad, empty, temps, njson = [], [], [], 0
for folder, dirs, files in os.walk(data):
    # An item being made lives in items/.new-ID until it is renamed into place whole: staging.
    staging = os.path.basename(folder).startswith(".new-")
    if staging:
        temps.append(folder)
    for name in files:
        path = os.path.join(folder, name)
        if staging:
            continue
        if name.startswith(".tmp-"):
            temps.append(path)
        elif name.endswith(".json"):
            njson += 1
            try:
                with open(path, "rb") as f:
                    json.loads(f.read().decode("utf-8"))
            except Exception as e:
                bad.append(f"{path}: {e}")
        elif name.endswith(".eml") and os.path.getsize(path) == 0:
            empty.append(path)
items_dir = os.path.join(data, "items")
if os.path.isdir(items_dir):
    for name in os.listdir(items_dir):
        if name.startswith("."):
            continue  # staging (.new-ID) or set aside
        src = os.path.join(items_dir, name, "source.json")
        if os.path.isfile(src):
            items += 1
            try:
                seen.add(json.load(open(src)).get("messageId"))
            except Exception:
                pass


def count(sub, ext=".json"):
    d = os.path.join(data, sub)
    return sum(1 for n in os.listdir(d) if n.endswith(ext)) if os.path.isdir(d) else 0


print(
    f"items={items} unique_ids={len(seen)} json={njson} bad_json={len(bad)} empty_eml={len(empty)} "
    f"temps={len(temps)} incoming={count('incoming', '.eml')} outbox={count('outbox')} "
    f"sent={count('sent')} failed={count('failed')}")
for line in bad + empty:
    print("  damaged:", line, file=sys.stderr)
sys.exit(1 if bad or empty else 0)
