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


def main(argv):
    endpoint, topic, count = argv[1], argv[2], int(argv[3])
    timeout = float(argv[4]) if len(argv) > 4 else 10.0
    sys.stdout.reconfigure(line_buffering=True)

    context = zmq.Context()
    sock = context.socket(zmq.SUB)
    sock.setsockopt(zmq.RCVTIMEO, int(timeout * 1000))
    sock.setsockopt(zmq.LINGER, 0)
    sock.setsockopt(zmq.SUBSCRIBE, topic.encode())
    sock.connect(endpoint)

    status = 0
    for n in range(count):
        try:
            frames = sock.recv_multipart()
        except zmq.Again:
            print(f"sub.py {topic}: got {n} of {count} messages; nothing "
                  f"more within {timeout} s", file=sys.stderr, flush=True)
            status = 1
            break
        print(b"\t".join(frames).decode(errors="replace"))

    sock.close()
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
