#!/usr/bin/env python3
# pull_times.py -- a pyzmq PULL peer that times what it receives.
#
# usage: pull_times.py ENDPOINT COUNT [TIMEOUT_S]
#
# Binds a PULL to ENDPOINT, prints "pull_times.py: pull bound ADDR" on
# stderr, receives COUNT messages and prints, on stdout, the count and
# the milliseconds from the first to the last on its monotonic clock:
# "400 1995". Exits 0 once COUNT have come, 1 if TIMEOUT_S seconds
# (default 10) pass without a message.
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, count, timeout = peer.args(argv, "ENDPOINT COUNT [TIMEOUT_S]",
                                         str, int, (float, 10.0))
    p = peer.Peer("pull_times.py", timeout)
    sock = p.socket(zmq.PULL, wait=True)
    p.bind(sock, endpoint)
    first = last = None
    n = 0
    for _ in p.take(sock, count):
        last = time.monotonic()
        if first is None:
            first = last
        n += 1
    if n > 0:
        print(n, round((last - first) * 1000))
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
