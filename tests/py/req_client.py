#!/usr/bin/env python3
# req_client.py -- a pyzmq REQ client: for the request-broker test, and
# for the --exec-each services.
#
# usage: req_client.py ENDPOINT ID COUNT [TIMEOUT_S [MODE]]
#
# Connects a REQ to ENDPOINT and sends COUNT requests b"ID-0", b"ID-1",
# ... one at a time, each after the reply to the one before. MODE "re"
# (the default): each reply must be b"re:" + the request it answers
# (what rep_worker.py sends), and is printed on stdout, one per line.
# MODE "show": each reply is printed as "REQUEST REPLY" (its frames
# joined by "|", so an empty reply shows as nothing after the space),
# whatever it is. Exits 0 once all COUNT replies have come (and were
# right); 1 on a wrong reply or when one does not come within TIMEOUT_S
# seconds (default 10).
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main(argv):
    endpoint, ident, count, timeout, mode = peer.args(
        argv, "ENDPOINT ID COUNT [TIMEOUT_S [MODE]]", str, str, int,
        (float, 10.0), (str, "re"))
    p = peer.Peer(f"req_client {ident}", timeout)
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
        if mode == "show":
            print(request.decode(),
                  b"|".join(reply).decode(errors="replace"), flush=True)
            continue
        print(b"|".join(reply).decode(errors="replace"), flush=True)
        if reply != [b"re:" + request]:
            p.fail(f"reply {reply!r} to {request!r}")
            break
    return p.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
