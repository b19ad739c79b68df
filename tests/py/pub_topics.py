#!/usr/bin/env python3
# pub_topics.py -- a pyzmq PUB that keeps publishing on several topics.
#
# usage: pub_topics.py ENDPOINT TOPIC[,TOPIC...] [TIMEOUT_S]
#
# Connects a PUB to ENDPOINT and, round after round, publishes
# b"TOPIC N" for each topic, N counting rounds from 1, pausing 1 ms a
# round. (A PUB drops what no subscriber wants yet, so publishing on and
# on is how a slow joiner gets its share without the test sleeping.)
# Runs until SIGTERM (then exits 0) or for TIMEOUT_S seconds (default
# 20), then exits 1: it always ends.
import signal
import sys
import time

import zmq


def main(argv):
    endpoint, topics = argv[1], argv[2].split(",")
    timeout = float(argv[3]) if len(argv) > 3 else 20.0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))

    context = zmq.Context()
    sock = context.socket(zmq.PUB)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(endpoint)

    end = time.monotonic() + timeout
    n, status = 0, 1
    while time.monotonic() < end:
        if stop:
            status = 0
            break
        n += 1
        for topic in topics:
            sock.send(f"{topic} {n}".encode())
        time.sleep(0.001)
    else:
        print(f"pub_topics: still running after {timeout} s",
              file=sys.stderr, flush=True)

    sock.close()
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
