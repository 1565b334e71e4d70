#!/usr/bin/env python3
"""A tiny SMTP server on 127.0.0.1 for scripts/fault-test that refuses on purpose.

  smtp-refuser.py PORT MODE LOG       MODE: rcpt451 | data451 | accept

rcpt451 answers every RCPT with 451 4.3.0; data451 accepts RCPT and answers the end of DATA
with 451 4.3.0; accept takes everything (250). Each transaction is written to LOG as one line:
`MODE from=<..> rcpt=<..>[,<..>] result=CODE`, so the script can count attempts."""
import asyncio, sys

PORT, MODE, LOG = int(sys.argv[1]), sys.argv[2], sys.argv[3]


def log(line):
    with open(LOG, "a") as f:
        f.write(line + "\n")


async def session(reader, writer):
    def say(text):
        writer.write((text + "\r\n").encode())

    say("220 refuser.example.test ESMTP fault injection")
    mail_from, rcpts = "", []
    try:
        while True:
            raw = await reader.readline()
            if not raw:
                break
            line = raw.decode("latin-1").rstrip("\r\n")
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                say("250-refuser.example.test")
                say("250-PIPELINING")
                say("250 8BITMIME")
            elif verb == "MAIL":
                mail_from, rcpts = line[10:].strip(), []
                say("250 2.1.0 Ok")
            elif verb == "RCPT":
                rcpt = line[8:].strip()
                if MODE == "rcpt451":
                    log(f"{MODE} from={mail_from} rcpt={rcpt} result=451")
                    say("451 4.3.0 Temporary failure: try again later (fault injection)")
                else:
                    rcpts.append(rcpt)
                    say("250 2.1.5 Ok")
            elif verb == "DATA":
                if not rcpts:
                    say("554 5.5.1 Error: no valid recipients")
                    continue
                say("354 End data with <CR><LF>.<CR><LF>")
                while True:
                    chunk = await reader.readline()
                    if not chunk or chunk in (b".\r\n", b".\n"):
                        break
                code = "451" if MODE == "data451" else "250"
                log(f"{MODE} from={mail_from} rcpt={','.join(rcpts)} result={code}")
                say("451 4.3.0 Queue file write error: try again later (fault injection)"
                    if code == "451" else "250 2.0.0 Ok: queued")
                rcpts = []
            elif verb == "RSET":
                rcpts = []
                say("250 2.0.0 Ok")
            elif verb == "NOOP":
                say("250 2.0.0 Ok")
            elif verb == "QUIT":
                say("221 2.0.0 Bye")
                await writer.drain()
                break
            else:
                say("502 5.5.2 Error: command not recognized")
            await writer.drain()
    except ConnectionError:
        pass  # learnmail may hang up without QUIT after a refusal
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", PORT)
    async with server:
        await server.serve_forever()


asyncio.run(main())
