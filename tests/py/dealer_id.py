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


def main(argv):
    endpoint, rid, message = argv[1], bytes.fromhex(argv[2]), argv[3]
    timeout = float(argv[4]) if len(argv) > 4 else 10.0
    sys.stdout.reconfigure(line_buffering=True)

    context = zmq.Context()
    sock = context.socket(zmq.DEALER)
    sock.setsockopt(zmq.ROUTING_ID, rid)
    sock.setsockopt(zmq.SNDTIMEO, int(timeout * 1000))
    sock.setsockopt(zmq.RCVTIMEO, int(timeout * 1000))
    sock.setsockopt(zmq.LINGER, 0)
    sock.bind(endpoint)
    bound = sock.getsockopt_string(zmq.LAST_ENDPOINT)
    print(f"dealer_id.py: dealer bound {bound}", file=sys.stderr, flush=True)

    status = 0
    try:
        sock.send(message.encode())	# waits for the ROUTER to connect
        print(repr(sock.recv_multipart()))
    except zmq.Again:
        print(f"dealer_id.py: nothing within {timeout} s", file=sys.stderr,
              flush=True)
        status = 1
    sock.close()
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
