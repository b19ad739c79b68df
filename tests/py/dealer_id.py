#!/usr/bin/env python3
# dealer_id.py -- a pyzmq DEALER with a chosen routing id, for the -J
# ROUTER test.
#
# usage: dealer_id.py ENDPOINT ROUTING_ID_HEX MESSAGE [TIMEOUT_S]
#
# Binds a DEALER with the routing id given in hex to ENDPOINT, prints
# "dealer_id.py: dealer bound ENDPOINT" on stderr, sends MESSAGE (one
# frame) as soon as a ROUTER connects, then waits for one reply and prints
# the Python repr of its list of frames on stdout: [b'reply']. Exits 0
# once the reply has come, 1 if TIMEOUT_S seconds (default 10) pass
# before the send or the reply.
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, rid, message, timeout = peer.args(
        argv, "ENDPOINT ROUTING_ID_HEX MESSAGE [TIMEOUT_S]",
        str, bytes.fromhex, str, (float, 10.0))
    p = peer.Peer("dealer_id.py", timeout)
    sock = p.socket(zmq.DEALER, wait=True, routing_id=rid)
    p.bind(sock, endpoint)
    try:
        sock.send(message.encode())	# waits for the ROUTER to connect
        print(repr(sock.recv_multipart()))
    except zmq.Again:
        p.fail(f"nothing within {timeout} s")
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
