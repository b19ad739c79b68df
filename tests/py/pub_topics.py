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
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, topics, timeout = peer.args(
        argv, "ENDPOINT TOPIC[,TOPIC...] [TIMEOUT_S]",
        str, lambda s: s.split(","), (float, 20.0))
    p = peer.Peer("pub_topics", timeout)
    p.stop_on_sigterm()
    sock = p.socket(zmq.PUB)
    sock.connect(endpoint)
    n = 0
    for _ in p.running(timeout):
        n += 1
        for topic in topics:
            sock.send(f"{topic} {n}".encode())
        time.sleep(0.001)
    if p.timed_out:
        p.fail(f"still running after {timeout} s")
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
