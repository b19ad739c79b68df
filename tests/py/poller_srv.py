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


def announce(name, sock):
    endpoint = sock.getsockopt_string(zmq.LAST_ENDPOINT)
    print(f"poller_srv: {name} bound {endpoint}", file=sys.stderr, flush=True)


def main(argv):
    push_ep = argv[1] if len(argv) > 1 else "tcp://*:5557"
    pub_ep = argv[2] if len(argv) > 2 else "tcp://*:5556"
    interval = float(argv[3]) if len(argv) > 3 else 1.0
    count = int(argv[4]) if len(argv) > 4 else 0
    timeout = float(argv[5]) if len(argv) > 5 else 10.0

    context = zmq.Context()
    pusher = context.socket(zmq.PUSH)
    pusher.setsockopt(zmq.SNDTIMEO, int(timeout * 1000))
    pusher.setsockopt(zmq.LINGER, int(timeout * 1000))
    pusher.bind(push_ep)
    publisher = context.socket(zmq.PUB)
    publisher.setsockopt(zmq.LINGER, 0)
    publisher.bind(pub_ep)
    announce("push", pusher)
    announce("pub", publisher)

    status = 0
    for i in itertools.count():
        if count and i >= count:
            break
        time.sleep(interval)
        try:
            pusher.send_json(i)
        except zmq.Again:
            print(f"poller_srv: no PULL peer took {i} within {timeout} s",
                  file=sys.stderr, flush=True)
            status = 1
            pusher.setsockopt(zmq.LINGER, 0)
            break
        publisher.send_json(i)

    pusher.close()
    publisher.close()
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
