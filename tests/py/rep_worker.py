#!/usr/bin/env python3
# rep_worker.py -- a pyzmq REP worker for the request-broker test.
#
# usage: rep_worker.py ENDPOINT [TIMEOUT_S]
#
# Connects a REP to ENDPOINT (the broker's DEALER) and answers every
# request with b"re:" + the request, printing each request on stdout,
# one per line. Runs until SIGTERM (then exits 0) or until TIMEOUT_S
# seconds (default 20) have passed in all, then exits 1: it always ends.
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, timeout = peer.args(argv, "ENDPOINT [TIMEOUT_S]",
                                  str, (float, 20.0))
    p = peer.Peer("rep_worker", timeout)
    p.stop_on_sigterm()
    sock = p.socket(zmq.REP)
    sock.connect(endpoint)
    for _ in p.running(timeout):
        if p.poll(sock, 50):
            request = sock.recv()
            print(request.decode(errors="replace"))
            sock.send(b"re:" + request)
    if p.timed_out:
        p.fail(f"still running after {timeout} s")
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
