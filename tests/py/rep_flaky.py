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
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def answer(p, sock):
    """Answer one request, if one comes within 50 ms: True if it did."""
    if not p.poll(sock, 50):
        return False
    request = sock.recv()
    print(request.decode(errors="replace"))
    sock.send(b"re:" + request)
    return True


def main(argv):
    endpoint, gap, timeout = peer.args(argv, "ENDPOINT GAP_S [TIMEOUT_S]",
                                       str, float, (float, 10.0))
    p = peer.Peer("rep_flaky.py", timeout)
    p.stop_on_sigterm()
    sock = p.socket(zmq.REP, linger=1000)
    endpoint = p.bind(sock, endpoint)
    for _ in p.running(float("inf")):
        if answer(p, sock):
            break
    sock.close()		# lingers until the reply has gone
    time.sleep(gap)
    sock = p.socket(zmq.REP)
    sock.bind(endpoint)
    for _ in p.running(timeout):
        answer(p, sock)
    p.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
