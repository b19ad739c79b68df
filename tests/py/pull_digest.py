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

sys.dont_write_bytecode = True	# msgdigest.py: no __pycache__ here
from msgdigest import digest  # noqa: E402


def main(argv):
    endpoint, count, got_file, exp_file = argv[1], int(argv[2]), argv[3], argv[4]
    timeout = float(argv[5]) if len(argv) > 5 else 20.0

    context = zmq.Context()
    sock = context.socket(zmq.PULL)
    sock.setsockopt(zmq.RCVTIMEO, int(timeout * 1000))
    sock.setsockopt(zmq.LINGER, 0)
    sock.bind(endpoint)
    bound = sock.getsockopt_string(zmq.LAST_ENDPOINT)
    print(f"pull_digest.py: pull bound {bound}", file=sys.stderr, flush=True)

    got = []
    status = 0
    for n in range(count):
        try:
            got.append(digest(sock.recv_multipart()))
        except zmq.Again:
            print(f"pull_digest.py: got {n} of {count} messages; nothing "
                  f"more within {timeout} s", file=sys.stderr, flush=True)
            status = 1
            break
    sock.close()
    context.term()
    with open(got_file, "w") as f:
        f.write("".join(d + "\n" for d in got))

    with open(exp_file) as f:
        exp = f.read().splitlines()
    for n, (g, e) in enumerate(zip(got, exp)):
        if g != e:
            print(f"pull_digest.py: message {n} differs:\n  expected {e}\n"
                  f"       got {g}", file=sys.stderr, flush=True)
            return 1
    if len(got) != len(exp):
        print(f"pull_digest.py: got {len(got)} messages, expected "
              f"{len(exp)}", file=sys.stderr, flush=True)
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
