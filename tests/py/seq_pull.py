#!/usr/bin/env python3
# seq_pull.py -- a pyzmq PULL that prints the sequence number of every
# message it gets, at once: the far end of the fault tests, which may be
# killed mid-stream and restarted on the same endpoint.
#
# usage: seq_pull.py ENDPOINT [--until N] [--rcvhwm N] [--rcvbuf BYTES]
#            [--timeout S]
#
# Binds a PULL to ENDPOINT, prints "seq_pull: pull bound EP" on stderr,
# then prints the leading decimal number of each message (seq_push.py's)
# on stdout, one line each, flushed before the next receive: after a
# kill -9 the file holds every message this process took from libzmq.
# Ends with status 0 once it has printed N (--until), or at SIGTERM; 1
# when --timeout seconds (default 10) pass without a message.
import argparse
import sys

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("endpoint")
    ap.add_argument("--until", type=int, default=0)
    ap.add_argument("--rcvhwm", type=int, default=-1)
    ap.add_argument("--rcvbuf", type=int, default=-1)
    ap.add_argument("--timeout", type=float, default=10.0)
    a = ap.parse_args()

    p = peer.Peer("seq_pull", a.timeout)
    p.stop_on_sigterm()
    sock = p.socket(zmq.PULL, **peer.given(rcvhwm=a.rcvhwm,
                                           rcvbuf=a.rcvbuf))
    p.bind(sock, a.endpoint)
    out = sys.stdout.buffer
    while not p.stopped:
        if not p.poll(sock, p.timeout_ms):
            if not p.stopped:
                p.fail(f"nothing within {a.timeout:g} s")
            break
        n = sock.recv().split(b" ", 1)[0]
        out.write(n + b"\n")
        out.flush()
        if a.until and int(n) == a.until:
            break
    return p.close()


if __name__ == "__main__":
    sys.exit(main())
