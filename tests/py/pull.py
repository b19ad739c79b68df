#!/usr/bin/env python3
# pull.py -- a pyzmq PULL peer for the interop tests.
#
# usage: pull.py ENDPOINT COUNT [TIMEOUT_S]
#
# Binds a PULL to ENDPOINT ("tcp://127.0.0.1:*" for a free port), prints
# "pull.py: pull bound tcp://127.0.0.1:PORT" on stderr, then receives COUNT
# messages and prints each on stdout as the Python repr of its list of
# frames, one per line: [b'a', b'b', b'c']. Exits 0 once COUNT have come,
# 1 if TIMEOUT_S seconds (default 10) pass without a message.
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, count, timeout = peer.args(argv, "ENDPOINT COUNT [TIMEOUT_S]",
                                         str, int, (float, 10.0))
    p = peer.Peer("pull.py", timeout)
    sock = p.socket(zmq.PULL, wait=True)
    p.bind(sock, endpoint)
    for frames in p.take(sock, count):
        print(repr(frames))
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
