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

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    pull_ep, sub_ep, count, timeout = peer.args(
        argv, "[PULL_EP [SUB_EP [COUNT [TIMEOUT_S]]]]",
        (str, "tcp://localhost:5557"), (str, "tcp://localhost:5556"),
        (int, 0), (float, 10.0))
    p = peer.Peer("poller", timeout)
    receiver = p.socket(zmq.PULL)
    receiver.connect(pull_ep)
    subscriber = p.socket(zmq.SUB)
    subscriber.connect(sub_ep)
    subscriber.setsockopt_string(zmq.SUBSCRIBE, '')

    poller = zmq.Poller()
    poller.register(receiver, zmq.POLLIN)
    poller.register(subscriber, zmq.POLLIN)

    lines = 0
    while not count or lines < count:
        try:
            socks = dict(poller.poll(p.timeout_ms))
        except KeyboardInterrupt:
            break
        if not socks:
            p.fail(f"nothing received for {timeout} s")
            break
        if receiver in socks:
            message = receiver.recv_json()
            print(f'Via PULL: {message}')
            lines += 1
        if subscriber in socks and (not count or lines < count):
            message = subscriber.recv_json()
            print(f'Via SUB: {message}')
            lines += 1
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
