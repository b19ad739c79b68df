#!/usr/bin/env python3
# pull_json.py -- a pyzmq PULL that reads JSON messages with recv_json.
#
# usage: pull_json.py ENDPOINT COUNT [TIMEOUT_S]
#
# Binds a PULL to ENDPOINT, prints "pull_json.py: pull bound ENDPOINT" on
# stderr, then receives COUNT messages with recv_json() and prints each
# decoded value on stdout as its Python ascii() form, one per line:
# {'a': 1}. A message that is not JSON is printed as "ERROR: " and the
# reason, and the exit status is then 1. Exits 1 too if TIMEOUT_S seconds
# (default 10) pass without a message.
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, count, timeout = peer.args(argv, "ENDPOINT COUNT [TIMEOUT_S]",
                                         str, int, (float, 10.0))
    p = peer.Peer("pull_json.py", timeout)
    sock = p.socket(zmq.PULL, wait=True)
    p.bind(sock, endpoint)

    def decoded():
        """The next value as ascii(), or "ERROR: " and why it is none."""
        try:
            return ascii(sock.recv_json())
        except ValueError as e:
            p.status = 1
            return f"ERROR: {e}"

    for line in p.take(sock, count, decoded):
        print(line)
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
