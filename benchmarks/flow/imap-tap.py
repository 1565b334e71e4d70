#!/usr/bin/env python3
"""A logging TCP relay on loopback: shows what an IMAP client says, command by command.

    imap-tap.py LISTEN_PORT TARGET_PORT LOGFILE

Accepts on 127.0.0.1:LISTEN_PORT, relays every connection to 127.0.0.1:TARGET_PORT unchanged, and
appends one line per client command to LOGFILE: "SECONDS CONN TAG VERB ARG", tab-separated (the LOGIN password is
never written). A line "SECONDS CONN CONNECT" marks each new connection. Plaintext IMAP only: after
STARTTLS the bytes are relayed but not read. Stop it with SIGTERM.

    imap-tap.py --summary LOGFILE [POLL_SECONDS]

prints connections, commands by verb, and, with POLL_SECONDS, the commands in each poll (commands
closer together than half the poll interval count as one poll).
"""

import asyncio
import collections
import signal
import sys
import time


def describe(line):
    words = line.decode("latin-1", "replace").rstrip("\r\n").split(" ")
    tag = words[0] if words else ""
    verb = words[1].upper() if len(words) > 1 else ""
    if verb == "UID" and len(words) > 2:
        verb = "UID " + words[2].upper()
    if verb in ("LOGIN", "AUTHENTICATE"):
        return tag, verb, "(credentials hidden)"
    return tag, verb, " ".join(words[2:])[:80]


async def relay(reader, writer, log=None, conn=0):
    try:
        while True:
            if log is None:
                data = await reader.read(65536)
                if not data:
                    break
                writer.write(data)
            else:
                data = await reader.readline()
                if not data:
                    break
                writer.write(data)
                if data.endswith(b"\n") and not data.startswith((b"+", b" ")) and len(data) < 4096:
                    tag, verb, arg = describe(data)
                    log.write(f"{time.monotonic():.6f}\t{conn}\t{tag}\t{verb}\t{arg}\n")
                    log.flush()
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError, ValueError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def serve(listen_port, target_port, logfile):
    log = open(logfile, "a", buffering=1)
    counter = [0]

    async def handle(client_reader, client_writer):
        counter[0] += 1
        conn = counter[0]
        log.write(f"{time.monotonic():.6f}\t{conn}\tCONNECT\n")
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
        # Raise the line limit: a fetched literal line can be long.
        client_reader._limit = 1 << 24
        await asyncio.gather(
            relay(client_reader, server_writer, log, conn), relay(server_reader, client_writer))

    server = await asyncio.start_server(handle, "127.0.0.1", listen_port, limit=1 << 24)
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set_result, None)
    async with server:
        await stop


def summary(logfile, poll_seconds=None):
    events = []
    for raw in open(logfile):
        parts = raw.rstrip("\n").split("\t")
        if len(parts) >= 3:
            events.append(parts)
    connects = sum(1 for e in events if e[2] == "CONNECT")
    commands = [e for e in events if e[2] != "CONNECT"]
    verbs = collections.Counter(e[3] if len(e) > 3 else "" for e in commands)
    print(f"connections: {connects}; commands: {len(commands)}")
    print("by verb: " + ", ".join(f"{v} {n}" for v, n in verbs.most_common()))
    if events:
        # When each kind of command was sent, from the first connection: the phases of a run.
        start, spans = float(events[0][0]), {}
        for e in commands:
            t = float(e[0]) - start
            first, _ = spans.get(e[3], (t, t))
            spans[e[3]] = (first, t)
        print("phases (s from connect): " + ", ".join(
            f"{v} {a:.2f}-{b:.2f}" for v, (a, b) in sorted(spans.items(), key=lambda kv: kv[1][0])))
    if poll_seconds:
        polls, last = [], None
        for e in commands:
            t = float(e[0])
            if last is None or t - last > poll_seconds / 2:
                polls.append([])
            polls[-1].append(e[3] if len(e) > 3 else "")
            last = t
        for i, p in enumerate(polls):
            print(f"poll {i + 1}: {len(p)} commands: {' '.join(p)}")


if __name__ == "__main__":
    if sys.argv[1] == "--summary":
        summary(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else None)
    else:
        asyncio.run(serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
