#!/usr/bin/env python3
# sub.py -- a pyzmq SUB peer.
#
# usage: sub.py ENDPOINT TOPIC COUNT [TIMEOUT_S]
#
# Connects a SUB to ENDPOINT, subscribes to TOPIC ("" for everything),
# receives COUNT messages and prints each on stdout, one per line (the
# frames joined by TAB). Exits 0 once COUNT have come, 1 if TIMEOUT_S
# seconds (default 10) pass without a message.
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, topic, count, timeout = peer.args(
        argv, "ENDPOINT TOPIC COUNT [TIMEOUT_S]", str, str, int, (float, 10.0))
    p = peer.Peer(f"sub.py {topic}", timeout)
    sock = p.socket(zmq.SUB, wait=True, subscribe=topic.encode())
    sock.connect(endpoint)
    for frames in p.take(sock, count):
        print(b"\t".join(frames).decode(errors="replace"))
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
