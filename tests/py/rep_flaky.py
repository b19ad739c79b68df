#!/usr/bin/env python3
# rep_flaky.py -- a pyzmq REP that answers one request, goes away for a
# while, then comes back: the far end of the --timeout-reply -e test.
#
# usage: rep_flaky.py ENDPOINT GAP_S [TIMEOUT_S]
#
# Binds a REP to ENDPOINT and prints "rep_flaky.py: rep bound ENDPOINT"
# (the address really bound) on stderr. Answers the first request with
# b"re:" + request, closes, sleeps GAP_S seconds, binds the same address
# again and answers every request the same way. Prints each request on
# stdout. Ends TIMEOUT_S (default 10) seconds after it came back, or on
# SIGTERM; exits 0.
import signal
import sys
import time

import zmq


def serve(sock, stop, until):
    poller = zmq.Poller()
    poller.register(sock, zmq.POLLIN)
    while not stop and time.monotonic() < until:
        try:
            if not poller.poll(50):
                continue
        except zmq.ZMQError:	# EINTR from the signal
            continue
        request = sock.recv()
        print(request.decode(errors="replace"), flush=True)
        sock.send(b"re:" + request)
        if until == float("inf"):
            return


def main(argv):
    endpoint, gap = argv[1], float(argv[2])
    timeout = float(argv[3]) if len(argv) > 3 else 10.0
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    context = zmq.Context()
    sock = context.socket(zmq.REP)
    sock.setsockopt(zmq.LINGER, 1000)
    sock.bind(endpoint)
    endpoint = sock.getsockopt(zmq.LAST_ENDPOINT).decode()
    print(f"rep_flaky.py: rep bound {endpoint}", file=sys.stderr, flush=True)
    serve(sock, stop, float("inf"))
    sock.close()		# lingers until the reply has gone
    time.sleep(gap)
    sock = context.socket(zmq.REP)
    sock.setsockopt(zmq.LINGER, 0)
    sock.bind(endpoint)
    serve(sock, stop, time.monotonic() + timeout)
    sock.close()
    context.term()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
