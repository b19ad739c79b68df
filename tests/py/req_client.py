#!/usr/bin/env python3
# req_client.py -- a pyzmq REQ client for the request-broker test.
#
# usage: req_client.py ENDPOINT ID COUNT [TIMEOUT_S]
#
# Connects a REQ to ENDPOINT (the broker's ROUTER) and sends COUNT
# requests b"ID-0", b"ID-1", ... one at a time. Each reply must be
# b"re:" + the request it answers (what rep_worker.py sends); each is
# printed on stdout, one per line. Exits 0 once all COUNT replies have
# come and were right; 1 on a wrong reply or when one does not come
# within TIMEOUT_S seconds (default 10).
import sys

import zmq


def main(argv):
    endpoint, ident, count = argv[1], argv[2], int(argv[3])
    timeout = float(argv[4]) if len(argv) > 4 else 10.0
    sys.stdout.reconfigure(line_buffering=True)

    context = zmq.Context()
    sock = context.socket(zmq.REQ)
    sock.setsockopt(zmq.RCVTIMEO, int(timeout * 1000))
    sock.setsockopt(zmq.SNDTIMEO, int(timeout * 1000))
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(endpoint)

    status = 0
    for n in range(count):
        request = f"{ident}-{n}".encode()
        try:
            sock.send(request)
            reply = sock.recv()
        except zmq.Again:
            print(f"req_client {ident}: no reply to {request!r} within "
                  f"{timeout} s", file=sys.stderr, flush=True)
            status = 1
            break
        print(reply.decode(errors="replace"))
        if reply != b"re:" + request:
            print(f"req_client {ident}: reply {reply!r} to {request!r}",
                  file=sys.stderr, flush=True)
            status = 1
            break

    sock.close()
    context.term()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
