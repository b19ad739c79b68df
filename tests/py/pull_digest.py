#!/usr/bin/env python3
# pull_digest.py -- a pyzmq PULL that receives COUNT multipart messages
# and checks them against the digests a sender wrote.
#
# usage: pull_digest.py ENDPOINT COUNT GOT_FILE EXPECTED_FILE [TIMEOUT_S]
#
# Binds a PULL to ENDPOINT, prints "pull_digest.py: pull bound ENDPOINT"
# on stderr, receives COUNT messages and writes the digest of each (see
# msgdigest.py) to GOT_FILE, one line each, in the order received. Then
# compares GOT_FILE with EXPECTED_FILE (push_random.py's): exits 0 when
# they are the same, line for line; otherwise says on stderr which message
# first differs, and how, and exits 1. Also exits 1 when TIMEOUT_S seconds
# (default 20) pass without a message.
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py, msgdigest.py: no __pycache__ here
import peer  # noqa: E402
from msgdigest import digest  # noqa: E402


def main(argv):
    endpoint, count, got_file, exp_file, timeout = peer.args(
        argv, "ENDPOINT COUNT GOT_FILE EXPECTED_FILE [TIMEOUT_S]",
        str, int, str, str, (float, 20.0))
    p = peer.Peer("pull_digest.py", timeout)
    sock = p.socket(zmq.PULL, wait=True)
    p.bind(sock, endpoint)
    got = [digest(frames) for frames in p.take(sock, count)]
    status = p.close()
    with open(got_file, "w") as f:
        f.write("".join(d + "\n" for d in got))

    with open(exp_file) as f:
        exp = f.read().splitlines()
    for n, (g, e) in enumerate(zip(got, exp)):
        if g != e:
            p.say(f"message {n} differs:\n  expected {e}\n       got {g}")
            return 1
    if len(got) != len(exp):
        p.say(f"got {len(got)} messages, expected {len(exp)}")
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
