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


def main(argv):
    endpoint, count = argv[1], int(argv[2])
    timeout = float(argv[3]) if len(argv) > 3 else 10.0
    sys.stdout.reconfigure(line_buffering=True)

    context = zmq.Context()
    sock = context.socket(zmq.PULL)
    sock.setsockopt(zmq.RCVTIMEO, int(timeout * 1000))
    sock.setsockopt(zmq.LINGER, 0)
    sock.bind(endpoint)
    bound = sock.getsockopt_string(zmq.LAST_ENDPOINT)
    print(f"pull.py: pull bound {bound}", file=sys.stderr, flush=True)

    status = 0
    for n in range(count):
        try:
            frames = sock.recv_multipart()
        except zmq.Again:
            print(f"pull.py: got {n} of {count} messages; nothing more "
                  f"within {timeout} s", file=sys.stderr, flush=True)
            status = 1
            break
        print(repr(frames))

    sock.close()
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
