#!/usr/bin/env python3
# push_count.py -- a pyzmq PUSH that sends numbered messages.
#
# usage: push_count.py ENDPOINT COUNT [TIMEOUT_S [PAD]]
#
# Connects a PUSH to ENDPOINT and sends b"1", b"2", ... b"COUNT" as fast
# as the peer takes them (a full queue blocks the send); with PAD > 0,
# each number is followed by a space and PAD bytes of b"x" (big messages
# fill socket buffers sooner). Exits 0 once all
# were handed to the peer; 1 if one send, or handing over the last ones
# at close, took more than TIMEOUT_S seconds (default 10).
import sys
import time

import zmq


def main(argv):
    endpoint, count = argv[1], int(argv[2])
    timeout = float(argv[3]) if len(argv) > 3 else 10.0
    pad = b" " + b"x" * int(argv[4]) if len(argv) > 4 and int(argv[4]) else b""

    context = zmq.Context()
    sock = context.socket(zmq.PUSH)
    sock.setsockopt(zmq.SNDTIMEO, int(timeout * 1000))
    sock.setsockopt(zmq.LINGER, int(timeout * 1000))
    sock.connect(endpoint)

    status = 0
    for n in range(1, count + 1):
        try:
            sock.send(b"%d" % n + pad)
        except zmq.Again:
            print(f"push_count: {n} of {count} not taken within {timeout} s",
                  file=sys.stderr, flush=True)
            status = 1
            sock.setsockopt(zmq.LINGER, 0)
            break
    sock.close()
    start = time.monotonic()
    context.term()
    if status == 0 and time.monotonic() - start >= timeout:
        print("push_count: linger expired at close", file=sys.stderr,
              flush=True)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
