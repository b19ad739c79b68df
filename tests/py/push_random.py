#!/usr/bin/env python3
# push_random.py -- a pyzmq PUSH that sends COUNT random multipart binary
# messages for the -J round-trip test, and writes their digests first.
#
# usage: push_random.py ENDPOINT COUNT SEED DIGEST_FILE [TIMEOUT_S]
#
# The messages come from random.Random(SEED), so a run can be repeated:
# 1 to 4 frames each (a ZeroMQ message has at least one), frames of 0 to
# 4096 bytes and a few of up to 1 MiB, made of random bytes (NUL, bytes
# >= 0x80, invalid UTF-8), of valid UTF-8 text with control characters,
# quotes, backslashes and non-ASCII, or empty. DIGEST_FILE gets one line
# per message, written before anything is sent: see digest() (shared with
# pull_digest.py). Then a PUSH connects to ENDPOINT and sends them all,
# waiting at most TIMEOUT_S seconds (default 20) for each to be taken.
# Exits 0 once all are sent, 1 on a timeout.
import random
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py, msgdigest.py: no __pycache__ here
import peer  # noqa: E402
from msgdigest import digest  # noqa: E402

TEXT = ("abc XYZ 019 \x00\x01\x08\x0c\x1b\x1f\x7f\n\t\r\"\\/'{}[]:,"
        "\u00e9\u00ff\u0100\u2028\u2029\ufeff\uffff\U0001f600\U0010ffff")


def frame(rng):
    kind = rng.random()
    if kind < 0.12:
        return b""
    if rng.random() < 0.004:
        size = rng.randint(65536, 1 << 20)	# a few big ones
    else:
        size = rng.randint(0, 4096)
    if kind < 0.55:
        return rng.randbytes(size)
    if kind < 0.70:	# mostly text, with a byte that breaks UTF-8
        text = "".join(rng.choice(TEXT) for _ in range(size // 4))
        raw = bytearray(text.encode("utf-8"))
        raw.insert(rng.randint(0, len(raw)), rng.choice(b"\x80\xbf\xc0\xc3\xed\xf5\xff"))
        return bytes(raw)
    return "".join(rng.choice(TEXT) for _ in range(size // 4)).encode("utf-8")


def messages(count, seed):
    rng = random.Random(seed)
    for _ in range(count):
        yield [frame(rng) for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4)))]


def main(argv):
    endpoint, count, seed, digests, timeout = peer.args(
        argv, "ENDPOINT COUNT SEED DIGEST_FILE [TIMEOUT_S]",
        str, int, int, str, (float, 20.0))
    msgs = list(messages(count, seed))
    with open(digests, "w") as f:
        for m in msgs:
            f.write(digest(m) + "\n")

    p = peer.Peer("push_random.py", timeout)
    sock = p.socket(zmq.PUSH, linger=p.timeout_ms, wait=True)
    sock.connect(endpoint)
    for n, m in enumerate(msgs):
        if not p.send(sock, m):
            p.fail(f"sent {n} of {count}; message {n} not taken within "
                   f"{timeout} s")
            break
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
