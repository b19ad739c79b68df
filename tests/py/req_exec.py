#!/usr/bin/env python3
# req_exec.py -- a pyzmq REQ client for the --exec-each tests.
#
# usage: req_exec.py ENDPOINT ID COUNT [TIMEOUT_S]
#
# Connects a REQ to ENDPOINT and sends COUNT requests b"ID-0", b"ID-1",
# ... one at a time, each after the reply to the one before. Prints each
# reply on stdout as "REQUEST REPLY" (the reply's frames joined by "|",
# so an empty reply shows as nothing after the space). Exits 0 once all
# COUNT replies have come; 1 when one does not come within TIMEOUT_S
# seconds (default 10).
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, ident, count, timeout = peer.args(
        argv, "ENDPOINT ID COUNT [TIMEOUT_S]", str, str, int, (float, 10.0))
    p = peer.Peer(f"req_exec {ident}", timeout)
    sock = p.socket(zmq.REQ, wait=True)
    sock.connect(endpoint)
    for n in range(count):
        request = f"{ident}-{n}".encode()
        try:
            sock.send(request)
            reply = sock.recv_multipart()
        except zmq.Again:
            p.fail(f"no reply to {request!r} within {timeout} s")
            break
        print(request.decode(), b"|".join(reply).decode(errors="replace"))
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
