#!/usr/bin/env python3
# rep_worker.py -- a pyzmq REP worker for the request-broker test.
#
# usage: rep_worker.py ENDPOINT [TIMEOUT_S]
#
# Connects a REP to ENDPOINT (the broker's DEALER) and answers every
# request with b"re:" + the request, printing each request on stdout,
# one per line. Runs until SIGTERM (then exits 0) or until TIMEOUT_S
# seconds (default 20) have passed in all, then exits 1: it always ends.
import signal
import sys
import time

import zmq


def main(argv):
    endpoint = argv[1]
    timeout = float(argv[2]) if len(argv) > 2 else 20.0
    sys.stdout.reconfigure(line_buffering=True)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))

    context = zmq.Context()
    sock = context.socket(zmq.REP)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(endpoint)
    poller = zmq.Poller()
    poller.register(sock, zmq.POLLIN)

    end = time.monotonic() + timeout
    status = 1
    while time.monotonic() < end:
        if stop:
            status = 0
            break
        try:
            if not poller.poll(50):
                continue
        except zmq.ZMQError:	# EINTR from the signal
            continue
        request = sock.recv()
        print(request.decode(errors="replace"))
        sock.send(b"re:" + request)
    else:
        print(f"rep_worker: still running after {timeout} s",
              file=sys.stderr, flush=True)

    sock.close()
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
