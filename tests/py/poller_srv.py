#!/usr/bin/env python3
# poller_srv.py -- the classic poller example's emitter (zguide; "Using
# Asyncio in Python", Example 4-16), parameterised so that a test can run
# it on ephemeral ports and have it end by itself.
#
# usage: poller_srv.py [PUSH_EP [PUB_EP [INTERVAL_S [COUNT [TIMEOUT_S]]]]]
#
# Binds a PUSH (default tcp://*:5557) and a PUB (default tcp://*:5556);
# "tcp://127.0.0.1:*" binds a free port. Each bound endpoint is printed on
# stderr as "poller_srv: push bound tcp://127.0.0.1:PORT" (and "pub").
# Then, as in the original, every INTERVAL_S seconds (default 1) it sends
# send_json(i) to the PUSH, then to the PUB, for i = 0, 1, 2, ...
# COUNT > 0 stops after COUNT values (default 0: forever). A send on the
# PUSH blocks while it has no peer, as in the original, but for at most
# TIMEOUT_S seconds (default 10); then the program exits 1.
import itertools
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    push_ep, pub_ep, interval, count, timeout = peer.args(
        argv, "[PUSH_EP [PUB_EP [INTERVAL_S [COUNT [TIMEOUT_S]]]]]",
        (str, "tcp://*:5557"), (str, "tcp://*:5556"), (float, 1.0),
        (int, 0), (float, 10.0))
    p = peer.Peer("poller_srv", timeout)
    pusher = p.socket(zmq.PUSH, linger=p.timeout_ms, wait=True)
    p.bind(pusher, push_ep)
    publisher = p.socket(zmq.PUB)
    p.bind(publisher, pub_ep)

    for i in itertools.count():
        if count and i >= count:
            break
        time.sleep(interval)
        try:
            pusher.send_json(i)
        except zmq.Again:
            p.fail(f"no PULL peer took {i} within {timeout} s")
            pusher.setsockopt(zmq.LINGER, 0)
            break
        publisher.send_json(i)
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
