#!/usr/bin/env python3
# seq_push.py -- a pyzmq PUSH that sends sequence-numbered messages, for
# the fault tests: a peer that may be killed mid-stream and restarted.
#
# usage: seq_push.py ENDPOINT FROM TO [--pad N] [--say] [--rate R]
#            [--sndhwm N] [--sndbuf BYTES] [--timeout S]
#            [--curve=SERVER_PUBLIC,PUBLIC,SECRET]
#
# Connects a PUSH to ENDPOINT and sends b"FROM", ..., b"TO" in order,
# each number followed by a space and N bytes of b"x" with --pad N. A
# full queue blocks the send (the peer's backpressure). --say prints
# each number on stdout (flushed) just before it is handed to libzmq, so
# that after a kill -9 the last line is the last number this process
# may have sent: a restart goes on from the next one, and no number is
# ever sent twice. --rate R sends at most about R messages a second.
# --curve makes the socket a CURVE client. Exits 0 once all were handed
# over (at close too); 1 if a send, or the close, took more than
# --timeout seconds (default 10).
import argparse
import sys
import time

import zmq

sys.dont_write_bytecode = True	# peer.py: no __pycache__ here
import peer  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("endpoint")
    ap.add_argument("first", type=int)
    ap.add_argument("last", type=int)
    ap.add_argument("--pad", type=int, default=0)
    ap.add_argument("--say", action="store_true")
    ap.add_argument("--rate", type=float, default=0.0)
    ap.add_argument("--sndhwm", type=int, default=-1)
    ap.add_argument("--sndbuf", type=int, default=-1)
    ap.add_argument("--timeout", type=float, default=10.0)
    # one argument, given as --curve=...: a Z85 key may start with '-',
    # which argparse takes for an option in a separate word
    ap.add_argument("--curve", type=lambda v: v.split(","))
    a = ap.parse_args()

    p = peer.Peer("seq_push", a.timeout)
    options = peer.given(sndhwm=a.sndhwm, sndbuf=a.sndbuf)
    if a.curve:
        options["curve_serverkey"] = a.curve[0].encode()
        options["curve_publickey"] = a.curve[1].encode()
        options["curve_secretkey"] = a.curve[2].encode()
    sock = p.socket(zmq.PUSH, linger=p.timeout_ms, wait=True, **options)
    sock.connect(a.endpoint)
    pad = b" " + b"x" * a.pad if a.pad else b""
    start = time.monotonic()
    for n in range(a.first, a.last + 1):
        if a.rate and (n - a.first) % 10 == 0:
            # paced in steps of 10, against the clock: no drift
            ahead = start + (n - a.first) / a.rate - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
        if a.say:
            print(n, flush=True)
        if not p.send(sock, [b"%d" % n + pad]):
            p.fail(f"{n} not taken within {a.timeout:g} s")
            break
    return p.close(check_linger=True)


if __name__ == "__main__":
    sys.exit(main())
