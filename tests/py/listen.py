#!/usr/bin/env python3
# listen.py -- a pyzmq listener for the --probe tests.
#
# usage: listen.py TYPE ENDPOINT [METADATA] [MECHANISM] [TIMEOUT_S]
#
# Binds a socket of TYPE (PUB, ROUTER, ...) to ENDPOINT, with METADATA
# ("X-Name:value", or "-" for none) set as ZMQ_METADATA, and MECHANISM
# "null" (default), "plain" or "curve" (a server, with a key of its
# own); prints "listen.py: TYPE bound ADDR" on stderr, then waits for
# SIGTERM, or TIMEOUT_S seconds (default 10), and exits 0.
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    kind, endpoint, metadata, mech, timeout = peer.args(
        argv, "TYPE ENDPOINT [METADATA] [MECHANISM] [TIMEOUT_S]", str, str,
        (str, "-"), (str, "null"), (float, 10.0))
    p = peer.Peer("listen.py", timeout)
    sock = p.socket(getattr(zmq, kind))
    if metadata != "-":
        sock.setsockopt(zmq.METADATA, metadata.encode())
    if mech == "plain":
        sock.plain_server = True
    elif mech == "curve":
        sock.curve_server = True
        sock.curve_secretkey = zmq.curve_keypair()[1]
    p.bind(sock, endpoint, kind.lower())
    p.stop_on_sigterm()
    for _ in p.running(timeout):
        time.sleep(0.05)
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
