#!/usr/bin/env python3
# poller.py -- the classic poller example's client (zguide; "Using Asyncio
# in Python", Example 4-15): one PULL and one SUB in a single zmq.Poller
# loop, printing "Via PULL: {message}" / "Via SUB: {message}".
#
# usage: poller.py [PULL_EP [SUB_EP [COUNT [TIMEOUT_S]]]]
#
# Connects the PULL to PULL_EP (default tcp://localhost:5557) and the SUB
# to SUB_EP (default tcp://localhost:5556), subscribed to everything.
# COUNT > 0 stops after COUNT printed lines (default 0: forever). If
# nothing arrives for TIMEOUT_S seconds (default 10) it exits 1.
import sys

import zmq


def main(argv):
    pull_ep = argv[1] if len(argv) > 1 else "tcp://localhost:5557"
    sub_ep = argv[2] if len(argv) > 2 else "tcp://localhost:5556"
    count = int(argv[3]) if len(argv) > 3 else 0
    timeout = float(argv[4]) if len(argv) > 4 else 10.0
    sys.stdout.reconfigure(line_buffering=True)

    context = zmq.Context()
    receiver = context.socket(zmq.PULL)
    receiver.connect(pull_ep)
    subscriber = context.socket(zmq.SUB)
    subscriber.connect(sub_ep)
    subscriber.setsockopt_string(zmq.SUBSCRIBE, '')

    poller = zmq.Poller()
    poller.register(receiver, zmq.POLLIN)
    poller.register(subscriber, zmq.POLLIN)

    lines, status = 0, 0
    while not count or lines < count:
        try:
            socks = dict(poller.poll(int(timeout * 1000)))
        except KeyboardInterrupt:
            break
        if not socks:
            print(f"poller: nothing received for {timeout} s",
                  file=sys.stderr, flush=True)
            status = 1
            break
        if receiver in socks:
            message = receiver.recv_json()
            print(f'Via PULL: {message}')
            lines += 1
        if subscriber in socks and (not count or lines < count):
            message = subscriber.recv_json()
            print(f'Via SUB: {message}')
            lines += 1

    receiver.close(linger=0)
    subscriber.close(linger=0)
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
